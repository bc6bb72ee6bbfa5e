"""A ProposalDecided event from the real communities service, through the real broker, enables a
maintenance-fund disbursement in the fees ledger (both on SecantusDB; the fees side consumes with the
kit's consumer loop, as its worker does). The vote is scoped to the application's buildings (1栋, 2栋):
3栋's owners may not vote on it, and a compound-wide vote releases nothing for those two buildings."""

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
    for b in ("1", "2", "3"):
        stub.UpsertBuilding(
            cpb.UpsertBuildingRequest(request_id=rid(), compound_id="anpudun", building_id=b, name=f"{b}栋"),
            metadata=admin,
        )
    # h0, h2 in 1栋; h1, h3 in 2栋; h4, h5, h6 in 3栋 (they do not share the elevators' cost).
    for i, area in enumerate((9_000, 8_000, 7_000, 10_000, 9_000, 9_000, 9_000)):
        stub.UpsertHousehold(
            cpb.UpsertHouseholdRequest(
                request_id=rid(),
                compound_id="anpudun",
                building_id=str(1 + i % 2) if i < 4 else "3",
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
                building_ids=["1", "2"],  # their owners decide; 3栋's do not
            ),
            metadata=admin,
        )
        assert list(proposal.building_names) == ["1栋", "2栋"]
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

        def vote(proposal_id: str, voters) -> dpb.Proposal:
            deliberation.OpenVote(
                dpb.OpenVoteRequest(request_id=rid(), proposal_id=proposal_id), metadata=admin
            )
            for i in voters:
                deliberation.CastBallot(
                    dpb.CastBallotRequest(
                        request_id=rid(), proposal_id=proposal_id, household_id=f"h{i}", choice=dpb.CHOICE_FOR
                    ),
                    metadata=bearer(make_token(tenant, "resident", f"owner{i}@{tenant}")),
                )
            return deliberation.CloseVote(
                dpb.CloseVoteRequest(request_id=rid(), proposal_id=proposal_id), metadata=admin
            )

        # A compound-wide vote on another proposal tied to a second application for 1栋 and 2栋: every
        # owner votes for, and still the fund stays closed to it (the wrong electorate).
        whole = deliberation.CreateProposal(
            dpb.CreateProposalRequest(
                request_id=rid(),
                compound_id="anpudun",
                title="1、2栋外墙维修",
                category="maintenance_fund",
                amount_fen=500_000,
            ),
            metadata=admin,
        )
        walls = fund.CreateApplication(
            pb.CreateApplicationRequest(
                request_id=rid(),
                compound_id="anpudun",
                title="1、2栋外墙维修",
                applicant_kind="community",
                applicant_name="湾郡社区居委会",
                contractor="某防水工程公司",
                amount_fen=500_000,
                building_ids=["1", "2"],
                proposal_id=whole.id,
            ),
            metadata=staff,
        )
        assert vote(whole.id, range(7)).status == dpb.PROPOSAL_STATUS_APPROVED

        deliberation.OpenVote(dpb.OpenVoteRequest(request_id=rid(), proposal_id=proposal.id), metadata=admin)
        with pytest.raises(grpc.RpcError) as outside:  # 3栋's owner is not in the vote's scope
            deliberation.CastBallot(
                dpb.CastBallotRequest(
                    request_id=rid(), proposal_id=proposal.id, household_id="h4", choice=dpb.CHOICE_AGAINST
                ),
                metadata=bearer(make_token(tenant, "resident", f"owner4@{tenant}")),
            )
        assert outside.value.code() == grpc.StatusCode.PERMISSION_DENIED
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
        # 4 of 4 households of 1栋 and 2栋 (340.00 ㎡) took part and are for; compound-wide 4 of 7 would
        # not have reached 2/3.
        assert closed.status == dpb.PROPOSAL_STATUS_APPROVED
        assert (closed.tally.eligible_households, closed.tally.eligible_area_centi_m2) == (4, 34_000)
        assert closed.summary.startswith("表决范围：1栋、2栋业主；")
        relay.run_once()

        def approved() -> bool:
            got = fund.GetApplication(
                pb.GetApplicationRequest(application_id=application.application_id), metadata=staff
            )
            return got.status == "approved"

        wait_until(approved, timeout=60, what="the application approved by the ProposalDecided event")

        # The compound-wide decision (its own partition key, so in any order with the other) leaves the
        # walls' application waiting, with the reason on it.
        def walls_note() -> str:
            got = fund.GetApplication(
                pb.GetApplicationRequest(application_id=walls.application_id), metadata=staff
            )
            assert got.status == "awaiting_decision"
            return got.decision_note

        wait_until(
            lambda: "议题由全小区业主表决" in walls_note(), timeout=60, what="the walls' decision refused"
        )
        with pytest.raises(grpc.RpcError) as closed_fund:
            fund.Disburse(
                pb.DisburseRequest(
                    request_id=rid(),
                    application_id=walls.application_id,
                    invoice_no="W-1",
                    invoice_url="https://e.example/W-1.pdf",
                    amount_fen=100_000,
                ),
                metadata=staff,
            )
        assert closed_fund.value.code() == grpc.StatusCode.FAILED_PRECONDITION
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
            ("3栋", 0),
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
    return len(got.buildings) == 3
