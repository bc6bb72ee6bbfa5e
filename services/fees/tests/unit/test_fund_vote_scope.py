"""The maintenance fund is released only by the owners of exactly the application's buildings: a
ProposalDecided of the whole compound, or of other buildings, leaves the application waiting with the
reason on it; the decision of exactly those buildings (in any order) approves it. On the fakes."""

from __future__ import annotations

import grpc
import pytest
from linli.communities.v1 import events_pb2 as communities
from linli.fees.v1 import ledger_pb2 as pb
from linli.fees.v1 import ledger_pb2_grpc as pb_grpc
from linli_fees.domain.fund_application import AWAITING, ApplicationDraft
from linli_fees.domain.fund_stages import allowance_account
from linli_fees.entrypoints.fund_consumers import fund_handlers
from linli_fees.entrypoints.ledger_api import ledger_specs
from linli_fees.service_layer import fund
from linli_platform.config import Settings
from linli_platform.errors import FailedPrecondition
from linli_platform.events import decode, new_event
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fixtures import bearer, make_token

from .ledger_helpers import STAFF, seeded

# 育英一小区 has buildings 1栋 … 5栋 (ledger_helpers.seeded); the elevators of 1栋 and 2栋 are overhauled.
ELEVATORS = ApplicationDraft(
    "yuying-1",
    "1、2栋电梯中大修",
    "",
    "community",
    "育英社区居委会",
    "力天电梯",
    800_000,
    (),
    ("1", "2"),
    "p-lift",
)


@pytest.fixture
def books():
    store, uows = seeded()
    for building in ("1", "2", "3"):
        fund.record_deposit(
            uows("xingshan"), STAFF, "yuying-1", building, 1_000_000, "首期交存", f"d-{building}"
        )
    application = fund.create_application(uows("xingshan"), STAFF, ELEVATORS, "a-lift", "fp-lift")
    return store, uows, application.id


def decided(building_ids, event_id="ev-1", proposal_id="p-lift"):
    payload = communities.ProposalDecided(
        tenant_id="xingshan",
        proposal_id=proposal_id,
        compound_id="yuying-1",
        category="maintenance_fund",
        amount_fen=800_000,
        tier="three_party",
        approved=True,
        special_matter=True,
        summary="表决范围：…；双过半（民法典第278条）（特别事项，同意不少于四分之三）：…；通过",
        vote_rule="double_majority",
        building_ids=building_ids,
    )
    envelope = new_event(
        payload,
        source="communities",
        aggregate="proposal",
        tenant_id="xingshan",
        aggregate_id=proposal_id,
        event_id=event_id,
    )
    return decode(envelope.value)


def pay(uows, application_id, invoice="INV-1", amount=300_000):
    return fund.disburse(
        uows("xingshan"),
        STAFF,
        application_id,
        invoice,
        f"https://e.example/{invoice}.pdf",
        amount,
        "",
        invoice,
    )


@pytest.mark.parametrize(
    ("building_ids", "note"),
    [
        (
            [],
            "议题由全小区业主表决，而本申请的维修资金由1栋、2栋分摊：须由1栋、2栋的业主表决（表决范围与申请的楼栋不符）",
        ),
        (["2", "3"], "议题表决范围为2栋、3栋业主，与本申请分摊的楼栋（1栋、2栋）不符"),
        (["1"], "议题表决范围为1栋业主，与本申请分摊的楼栋（1栋、2栋）不符"),
        (["1", "2", "3"], "议题表决范围为1栋、2栋、3栋业主，与本申请分摊的楼栋（1栋、2栋）不符"),
    ],
)
def test_a_decision_of_the_whole_compound_or_of_other_buildings_releases_nothing(books, building_ids, note):
    store, uows, application_id = books
    handlers = fund_handlers(uows)
    handlers.handle(decided(building_ids))
    view = fund.get_application(uows("xingshan"), STAFF, application_id)
    assert view.status == AWAITING and view.application.decision_note == note
    assert view.application.approved_fen == 0
    assert uows("xingshan").ledger.accounts([allowance_account("yuying-1", application_id)]) == {}
    with pytest.raises(FailedPrecondition, match="未经业主表决通过"):
        pay(uows, application_id)
    before = store.writes
    handlers.handle(decided(building_ids))  # delivered again: nothing changes
    assert store.writes == before


def test_the_decision_of_exactly_the_applications_buildings_releases_the_fund_in_any_order(books):
    store, uows, application_id = books
    fund_handlers(uows).handle(decided(["2", "1"]))
    view = fund.get_application(uows("xingshan"), STAFF, application_id)
    assert (view.status, view.application.approved_fen, view.application.decision_note) == (
        "approved",
        800_000,
        "",
    )
    paid = pay(uows, application_id, "INV-1", 300_000)
    assert paid.disbursed_fen == 300_000
    balances = {b[0]: b[2] for b in fund.balances(uows("xingshan"), STAFF, "yuying-1").buildings}
    # Only the two buildings whose owners decided pay their shares; 3栋's fund is untouched.
    assert (balances["1"], balances["2"], balances["3"]) == (850_000, 850_000, 1_000_000)
    assert store.ledger_books.ledger("xingshan").check() == []


def test_an_application_filed_after_a_compound_wide_decision_waits_with_the_reason(books):
    _, uows, _ = books
    fund_handlers(uows).handle(decided([], event_id="ev-walls", proposal_id="p-walls"))
    walls = ApplicationDraft(
        "yuying-1",
        "1、2栋外墙维修",
        "",
        "community",
        "育英社区居委会",
        "某防水公司",
        200_000,
        (),
        ("1", "2"),
        "p-walls",
    )
    application = fund.create_application(uows("xingshan"), STAFF, walls, "a-walls", "fp-walls")
    assert application.status == AWAITING and "议题由全小区业主表决" in application.decision_note


def test_the_reason_is_on_the_application_as_the_api_shows_it(books):
    _, uows, application_id = books
    fund_handlers(uows).handle(decided([]))
    running = build_server(
        Settings(service="fees", grpc_workers=2), ledger_specs(uows, FakeIdempotencyStore()), port=0
    )
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    try:
        got = pb_grpc.MaintenanceFundServiceStub(channel).GetApplication(
            pb.GetApplicationRequest(application_id=application_id),
            metadata=bearer(make_token("xingshan", "resident", "res-chen")),
        )
    finally:
        channel.close()
        running.drain(0)
    assert (got.status, got.status_name) == ("awaiting_decision", "待业主表决")
    assert got.decision_note.startswith("议题由全小区业主表决") and "1栋、2栋" in got.decision_note
