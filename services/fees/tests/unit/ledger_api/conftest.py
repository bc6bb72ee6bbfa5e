"""The public ledger's and the maintenance fund's API tests share: a district seeded with 育英一小区's
January (68 % labour), both services over real in-process gRPC on the fakes, callers of every role,
and the fund's steps (apply, deposit, the owners' decision, disburse)."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from linli.communities.v1 import events_pb2 as communities
from linli.fees.v1 import ledger_pb2 as pb
from linli.fees.v1 import ledger_pb2_grpc as pb_grpc
from linli_fees.entrypoints.ledger_api import ledger_specs
from linli_fees.service_layer import public_ledger
from linli_platform.config import Settings
from linli_platform.events import decode, new_event
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import bearer, make_token

from ..ledger_helpers import STAFF, draft, materials_draft, seeded

JANUARY = datetime(2026, 1, 20, 4, 0, tzinfo=UTC)


FEBRUARY = datetime(2026, 2, 10, 4, 0, tzinfo=UTC)


STAFF_MD = bearer(make_token("xingshan", "community_staff", "staff-he"))


RESIDENT_MD = bearer(make_token("xingshan", "resident", "res-chen"))


NEIGHBOUR_MD = bearer(make_token("xingshan", "resident", "res-li"))


OUTSIDER_MD = bearer(make_token("donghu", "district_admin", "admin@donghu"))


@pytest.fixture
def system():
    store, uows = seeded()
    # 育英一小区, January: 68 % of the costs are labour (seed 001).
    uow = uows("xingshan")
    public_ledger.record_entry(
        uow,
        STAFF,
        draft(kind="income", category="fees", amount_fen=150_000, description="物业费"),
        "s1",
        JANUARY,
    )
    public_ledger.record_entry(uow, STAFF, draft(amount_fen=68_000), "s2", JANUARY)
    public_ledger.record_entry(uow, STAFF, materials_draft(amount_fen=22_000), "s3", JANUARY)
    public_ledger.record_entry(
        uow, STAFF, draft(category="utilities", amount_fen=10_000, description="公共照明电费"), "s4", JANUARY
    )
    settings = Settings(service="fees", grpc_workers=2)
    running = build_server(settings, ledger_specs(uows, FakeIdempotencyStore()), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield store, uows, pb_grpc.PublicLedgerServiceStub(channel), pb_grpc.MaintenanceFundServiceStub(channel)
    channel.close()
    running.drain(0)


def refused(call) -> tuple[grpc.StatusCode, list]:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code(), field_violations(err.value)


def record(ledger, request_id="r-1", **fields):
    values = dict(
        request_id=request_id,
        compound_id="yuying-1",
        kind="expense",
        category="materials",
        amount_fen=3_000,
        description="更换水龙头",
        occurred_on="2026-02-03",
        evidence_urls=["https://evidence.example/receipt-17.jpg"],
        ticket_id="t-42",
        materials=[
            pb.Material(brand="九牧", model="J-33", quantity_milli=1000, unit="个", unit_price_fen=3000)
        ],
    )
    values.update(fields)
    return ledger.RecordEntry(pb.RecordEntryRequest(**values), metadata=STAFF_MD)


def written(store) -> tuple:
    return store.writes, len(store.ledger_books.entries.get("xingshan", []))


# -- the maintenance fund ---------------------------------------------------------------------------
def apply(fund, request_id="a-1", **fields):
    values = dict(
        request_id=request_id,
        compound_id="yuying-1",
        title="1-5栋电梯中大修",
        description="5部电梯更换曳引机与控制柜",
        applicant_kind="community",
        applicant_name="育英社区居委会",
        contractor="武汉某电梯工程有限公司",
        amount_fen=1_000_000,
        quotes=[
            pb.Quote(
                contractor="武汉某电梯工程有限公司",
                amount_fen=1_000_000,
                evidence_url="https://e.example/q1.pdf",
            ),
            pb.Quote(
                contractor="另一家电梯公司", amount_fen=1_150_000, evidence_url="https://e.example/q2.pdf"
            ),
        ],
        building_ids=["1", "2", "3", "4", "5"],
        proposal_id="p-elevators",
    )
    values.update(fields)
    return fund.CreateApplication(pb.CreateApplicationRequest(**values), metadata=STAFF_MD)


def deposit(fund, building: str, amount: int, request_id: str | None = None):
    return fund.RecordDeposit(
        pb.RecordDepositRequest(
            request_id=request_id or f"d-{building}",
            compound_id="yuying-1",
            building_id=building,
            amount_fen=amount,
            note="维修资金首期交存",
        ),
        metadata=STAFF_MD,
    )


def decided(
    approved=True,
    amount_fen=900_000,
    category="maintenance_fund",
    special=True,
    compound="yuying-1",
    event_id=None,
    vote_rule="double_majority",
    building_ids=("1", "2", "3", "4", "5"),  # the vote's scope: the application's buildings
):
    payload = communities.ProposalDecided(
        tenant_id="xingshan",
        proposal_id="p-elevators",
        compound_id=compound,
        category=category,
        amount_fen=amount_fen,
        tier="three_party",
        approved=approved,
        special_matter=special,
        summary="双过半（民法典第278条）（特别事项，同意不少于四分之三）：…；通过",
        vote_rule=vote_rule,
        building_ids=building_ids,
    )
    out = new_event(
        payload,
        source="communities",
        aggregate="proposal",
        tenant_id="xingshan",
        aggregate_id="p-elevators",
        aggregate_version=3,
        event_id=event_id,
    )
    return decode(out.value)


def disburse(fund, request_id="pay-1", invoice="INV-001", amount=300_000):
    return fund.Disburse(
        pb.DisburseRequest(
            request_id=request_id,
            application_id=APP[0],
            invoice_no=invoice,
            invoice_url=f"https://e.example/{invoice}.pdf",
            amount_fen=amount,
        ),
        metadata=STAFF_MD,
    )


APP: list[str] = [""]


@pytest.fixture
def funded(system):
    store, uows, ledger, fund = system
    for b in ("1", "2", "3", "4", "5"):
        deposit(fund, b, 400_000)
    APP[0] = apply(fund).application_id
    return system
