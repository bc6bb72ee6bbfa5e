"""A ProposalDecided event from the real communities service, through the real broker, enables a
maintenance-fund disbursement in the fees ledger (both on SecantusDB; the fees side consumes with the
kit's consumer loop, as its worker does)."""

from __future__ import annotations

import threading
import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli.communities.v1 import deliberation_pb2 as dpb
from linli.communities.v1 import deliberation_pb2_grpc as dpb_grpc
from linli.fees.v1 import ledger_pb2 as pb
from linli.fees.v1 import ledger_pb2_grpc as pb_grpc
from linli_communities.adapters.outbox import OUTBOX_DOCUMENTS as COMMUNITIES_OUTBOX
from linli_communities.entrypoints.grpc_api import specs as communities_specs
from linli_fees.adapters.ledger_unit_of_work import mongo_ledger_unit_of_work
from linli_fees.entrypoints import fund_consumers
from linli_fees.entrypoints.ledger_api import ledger_specs
from linli_fees.service_layer.public_ledger import forget_opened
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.kafka import ConsumerLoop, EventConsumer, KafkaPublisher, ensure_topics
from linli_platform.outbox import OutboxRelay
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until

pytestmark = pytest.mark.integration


def rid() -> str:
    return uuid.uuid4().hex


def seed(channel, tenant: str) -> None:
    stub = cpb_grpc.CommunitiesServiceStub(channel)
    stub.CreateTenant(
        cpb.CreateTenantRequest(request_id=rid(), tenant_id=tenant, name="东湖高新区"),
        metadata=bearer(make_token("platform", "platform_admin")),
    )
    admin = bearer(make_token(tenant, "district_admin"))
    stub.UpsertCommunity(
        cpb.UpsertCommunityRequest(request_id=rid(), community_id="wanjun", name="湾郡社区"), metadata=admin
    )
    stub.UpsertCompound(
        cpb.UpsertCompoundRequest(
            request_id=rid(), compound_id="anpudun", name="当代安普顿小镇", community_id="wanjun"
        ),
        metadata=admin,
    )
    for b in ("1", "2"):
        stub.UpsertBuilding(
            cpb.UpsertBuildingRequest(request_id=rid(), compound_id="anpudun", building_id=b, name=f"{b}栋"),
            metadata=admin,
        )
    for i, area in enumerate((9_000, 8_000, 7_000, 10_000)):
        stub.UpsertHousehold(
            cpb.UpsertHouseholdRequest(
                request_id=rid(),
                compound_id="anpudun",
                building_id=str(1 + i % 2),
                household_id=f"h{i}",
                area_centi_m2=area,
                residents=[
                    cpb.Resident(name=f"业主{i}", tenure=cpb.TENURE_OWNER, subject=f"owner{i}@{tenant}")
                ],
            ),
            metadata=admin,
        )


def test_a_proposal_decided_by_the_owners_vote_enables_a_disbursement_once(mongo_db, infra):
    forget_opened()
    tenant = "t" + uuid.uuid4().hex[:8]
    communities = build_server(mongo_db, communities_specs(mongo_db), port=0)
    fees = build_server(mongo_db, ledger_specs(mongo_ledger_unit_of_work, FakeIdempotencyStore()), port=0)
    c_channel = grpc.insecure_channel(f"127.0.0.1:{communities.port}")
    f_channel = grpc.insecure_channel(f"127.0.0.1:{fees.port}")
    topics = [
        "communities.compound.v1",
        "communities.building.v1",
        "communities.household.v1",
        "communities.proposal.v1",
    ]
    ensure_topics(infra.bootstrap, topics)
    publisher = KafkaPublisher(infra.bootstrap)
    relay = OutboxRelay(COMMUNITIES_OUTBOX, publisher)
    handlers = [
        fund_consumers.fund_handlers(mongo_ledger_unit_of_work),
        fund_consumers.directory_handlers(mongo_ledger_unit_of_work),
    ]
    handled: list[str] = []

    def handle(envelope) -> None:
        for h in handlers:
            h.handle(envelope)
        handled.append(envelope.type)

    loop = ConsumerLoop(
        EventConsumer(f"fees-ledger-test-{tenant}", handle, publisher, effects_keyed=True),
        topics,
        infra.bootstrap,
    )
    thread = threading.Thread(target=loop.run, daemon=True)
    thread.start()
    staff = bearer(make_token(tenant, "community_staff", f"staff@{tenant}"))
    fund = pb_grpc.MaintenanceFundServiceStub(f_channel)
    try:
        seed(c_channel, tenant)
        relay.run_once()
        wait_until(
            lambda: "linli.communities.v1.BuildingUpserted" in handled and _known(fund, staff),
            timeout=60,
            what="the compound and its buildings copied into the fees ledger",
        )
        for b in ("1", "2"):
            fund.RecordDeposit(
                pb.RecordDepositRequest(
                    request_id=rid(),
                    compound_id="anpudun",
                    building_id=b,
                    amount_fen=2_000_000,
                    note="首期交存",
                ),
                metadata=staff,
            )
        deliberation = dpb_grpc.DeliberationServiceStub(c_channel)
        admin = bearer(make_token(tenant, "district_admin"))
        proposal = deliberation.CreateProposal(
            dpb.CreateProposalRequest(
                request_id=rid(),
                compound_id="anpudun",
                title="1、2栋电梯中大修",
                category="maintenance_fund",
                amount_fen=3_000_000,
            ),
            metadata=admin,
        )
        application = fund.CreateApplication(
            pb.CreateApplicationRequest(
                request_id=rid(),
                compound_id="anpudun",
                title="1、2栋电梯中大修",
                applicant_kind="community",
                applicant_name="湾郡社区居委会",
                contractor="力天电梯工程",
                amount_fen=3_000_000,
                building_ids=["1", "2"],
                proposal_id=proposal.id,
            ),
            metadata=staff,
        )

        def pay(request_id: str, invoice: str, amount: int):
            return fund.Disburse(
                pb.DisburseRequest(
                    request_id=request_id,
                    application_id=application.application_id,
                    invoice_no=invoice,
                    invoice_url=f"https://e.example/{invoice}.pdf",
                    amount_fen=amount,
                ),
                metadata=staff,
            )

        with pytest.raises(grpc.RpcError) as refused:  # no decision yet
            pay(rid(), "INV-1", 1_000_000)
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION

        deliberation.OpenVote(dpb.OpenVoteRequest(request_id=rid(), proposal_id=proposal.id), metadata=admin)
        for i in range(4):
            deliberation.CastBallot(
                dpb.CastBallotRequest(
                    request_id=rid(), proposal_id=proposal.id, household_id=f"h{i}", choice=dpb.CHOICE_FOR
                ),
                metadata=bearer(make_token(tenant, "resident", f"owner{i}@{tenant}")),
            )
        closed = deliberation.CloseVote(
            dpb.CloseVoteRequest(request_id=rid(), proposal_id=proposal.id), metadata=admin
        )
        assert closed.status == dpb.PROPOSAL_STATUS_APPROVED
        relay.run_once()

        def approved() -> bool:
            got = fund.GetApplication(
                pb.GetApplicationRequest(application_id=application.application_id), metadata=staff
            )
            return got.status == "approved"

        wait_until(approved, timeout=60, what="the application approved by the ProposalDecided event")
        paid = pay("pay-1", "INV-1", 2_000_000)
        assert paid.disbursed_fen == 2_000_000 and paid.approved_fen == 3_000_000
        assert pay("pay-1", "INV-1", 2_000_000) == paid  # the same request: the first answer
        with pytest.raises(grpc.RpcError) as beyond:
            pay(rid(), "INV-2", 1_000_001)
        assert beyond.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        balances = fund.GetFundBalances(pb.GetFundBalancesRequest(compound_id="anpudun"), metadata=staff)
        assert [(b.building_name, b.balance_fen) for b in balances.buildings] == [
            ("1栋", 1_000_000),
            ("2栋", 1_000_000),
        ]
        assert mongo_ledger_unit_of_work(tenant).ledger.check() == []
    finally:
        loop.stop()
        thread.join(timeout=10)
        publisher.close()
        c_channel.close()
        f_channel.close()
        communities.drain(0)
        fees.drain(0)


def _known(fund, staff) -> bool:
    try:
        got = fund.GetFundBalances(pb.GetFundBalancesRequest(compound_id="anpudun"), metadata=staff)
    except grpc.RpcError:
        return False
    return len(got.buildings) == 2
