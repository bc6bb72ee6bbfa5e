"""The fees ledger's demo data: seed 001's statement (labour 68 %) and seed 003's fund application, loaded
twice with the same result (fees over its fakes; communities' deliberation stood in by a recorder)."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from linli.communities.v1 import deliberation_pb2 as dpb
from linli.communities.v1 import deliberation_pb2_grpc as dpb_grpc
from linli.fees.v1 import ledger_pb2 as pb
from linli.fees.v1 import ledger_pb2_grpc as pb_grpc
from linli_cli import demo_fees_ledger
from linli_fees.adapters.ledger_fakes import fake_ledger_unit_of_work
from linli_fees.entrypoints.ledger_api import ledger_specs
from linli_fees.service_layer.ledger_ports import CompoundCopy
from linli_platform.config import Settings
from linli_platform.grpc_server import ServiceSpec, build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import make_token


class Deliberation(dpb_grpc.DeliberationServiceServicer):
    """Records what the demo asks of communities (its real behaviour is tested in communities)."""

    def __init__(self):
        self.proposals: dict[str, dpb.CreateProposalRequest] = {}

    def CreateProposal(self, request, context):
        self.proposals.setdefault(request.request_id, request)
        return dpb.Proposal(
            id="p-" + request.request_id[-9:], compound_id=request.compound_id, category=request.category
        )

    def OpenVote(self, request, context):
        return dpb.Proposal(id=request.proposal_id)


def tokens(tenant: str) -> dict[str, str]:
    return {"community_staff": make_token(tenant, "community_staff", f"staff@{tenant}")}


@pytest.fixture
def servers():
    store = FakeStore()
    uows = fake_ledger_unit_of_work(store)
    for tenant, compound, name in (
        ("xingshan", "yuying-1", "育英一小区"),
        ("donghu", "anpudun", "当代安普顿小镇"),
    ):
        directory = uows(tenant).directory
        directory.keep_compound(CompoundCopy(compound, name), 1)
        for b in range(1, 21):
            directory.keep_building(compound, str(b), f"{b}栋", False, 1)
    deliberation = Deliberation()
    spec = ServiceSpec(
        deliberation,
        dpb_grpc.add_DeliberationServiceServicer_to_server,
        dpb.DESCRIPTOR.services_by_name["DeliberationService"].full_name,
    )
    settings = Settings(service="fees")
    fees = build_server(settings, ledger_specs(uows, FakeIdempotencyStore()), port=0)
    communities = build_server(settings, [spec], port=0)
    yield f"127.0.0.1:{fees.port}", f"127.0.0.1:{communities.port}", deliberation
    fees.drain(0)
    communities.drain(0)


def test_the_demo_publishes_yuyings_statement_and_files_anpuduns_application_once(servers):
    fees_address, communities_address, deliberation = servers
    tenants = [{"id": "xingshan", "tokens": tokens("xingshan")}, {"id": "donghu", "tokens": tokens("donghu")}]
    first = demo_fees_ledger.load(fees_address, communities_address, tenants)
    again = demo_fees_ledger.load(fees_address, communities_address, tenants)
    assert first == again
    period, _ = demo_fees_ledger.previous_month(datetime.now(UTC))
    with grpc.insecure_channel(fees_address) as channel:
        staff = [("authorization", f"Bearer {tokens('xingshan')['community_staff']}")]
        statement = pb_grpc.PublicLedgerServiceStub(channel).GetStatement(
            pb.GetStatementRequest(compound_id="yuying-1", period=period), metadata=staff
        )
        fund = pb_grpc.MaintenanceFundServiceStub(channel)
        donghu = [("authorization", f"Bearer {tokens('donghu')['community_staff']}")]
        application = fund.GetApplication(
            pb.GetApplicationRequest(application_id=first["anpudun fund application"]), metadata=donghu
        )
        balances = fund.GetFundBalances(pb.GetFundBalancesRequest(compound_id="anpudun"), metadata=donghu)
    labour = next(c for c in statement.expenses if c.category == "labour")
    assert (labour.share_bp, labour.share) == (6800, "68%") and statement.entry_count == 5
    assert application.applicant_kind == "community" and application.applicant_name == "湾郡社区居委会"
    assert (
        list(application.building_ids) == ["1", "2", "3", "4", "5"]
        and application.status == "awaiting_decision"
    )
    assert len(deliberation.proposals) == 1
    [proposal] = deliberation.proposals.values()  # put to the owners of the application's buildings
    assert list(proposal.building_ids) == list(application.building_ids)
    assert balances.total_fen == 5 * 60_000_000
