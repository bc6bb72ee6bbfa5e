"""The public ledger and the maintenance fund over real in-process gRPC, the in-memory fakes behind."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from linli.communities.v1 import events_pb2 as communities
from linli.fees.v1 import ledger_pb2 as pb
from linli.fees.v1 import ledger_pb2_grpc as pb_grpc
from linli_fees.domain.statement import content_hash, period_of
from linli_fees.entrypoints.fund_consumers import fund_handlers
from linli_fees.entrypoints.ledger_api import ledger_specs
from linli_fees.service_layer import public_ledger
from linli_platform.config import Settings
from linli_platform.events import decode, new_event
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import bearer, make_token

from .ledger_helpers import STAFF, draft, materials_draft, seeded

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


# -- the public ledger ------------------------------------------------------------------------------
def test_january_statement_shows_labour_at_68_percent_and_its_hash_is_the_documented_one(system):
    _, _, ledger, _ = system
    published = ledger.PublishStatement(
        pb.PublishStatementRequest(request_id="p-1", compound_id="yuying-1", period="2026-01"),
        metadata=STAFF_MD,
    )
    shares = {c.category: (c.share_bp, c.share) for c in published.expenses}
    assert shares["labour"] == (6800, "68%")
    assert (published.total_income_fen, published.total_expenses_fen) == (150_000, 100_000)
    assert (published.opening_balance_fen, published.closing_balance_fen) == (0, 50_000)
    assert published.compound_name == "育英一小区" and published.entry_count == 4
    import hashlib

    assert hashlib.sha256(published.canonical_json.encode()).hexdigest() == published.hash
    read = ledger.GetStatement(
        pb.GetStatementRequest(compound_id="yuying-1", period="2026-01"), metadata=RESIDENT_MD
    )
    assert read.hash == published.hash


def test_statements_chain_and_verify_catches_an_altered_month(system):
    store, uows, ledger, _ = system
    public_ledger.record_entry(uows("xingshan"), STAFF, draft(amount_fen=5_000), "s5", FEBRUARY)
    for period in ("2026-01", "2026-02"):
        ledger.PublishStatement(
            pb.PublishStatementRequest(request_id=f"p-{period}", compound_id="yuying-1", period=period),
            metadata=STAFF_MD,
        )
    feb = ledger.GetStatement(
        pb.GetStatementRequest(compound_id="yuying-1", period="2026-02"), metadata=RESIDENT_MD
    )
    jan = ledger.GetStatement(
        pb.GetStatementRequest(compound_id="yuying-1", period="2026-01"), metadata=RESIDENT_MD
    )
    assert feb.previous_hash == jan.hash and feb.opening_balance_fen == jan.closing_balance_fen
    verified = ledger.VerifyStatements(
        pb.VerifyStatementsRequest(compound_id="yuying-1"), metadata=RESIDENT_MD
    )
    assert (
        verified.ok
        and verified.latest_hash == feb.hash
        and [v.period for v in verified.verdicts] == ["2026-01", "2026-02"]
    )

    # Someone rewrites January in the database: its hash no longer matches, nor February's link.
    table = store.tables["ledger_statements"]
    key = ("xingshan", "yuying-1:2026-01")
    from dataclasses import replace

    table[key].content = replace(table[key].content, expenses={**table[key].content.expenses, "labour": 1})
    verified = ledger.VerifyStatements(
        pb.VerifyStatementsRequest(compound_id="yuying-1"), metadata=RESIDENT_MD
    )
    assert not verified.ok
    january = verified.verdicts[0]
    assert not january.hash_ok and not january.ledger_ok and "哈希" in january.problem
    # ... and rewriting its hash too breaks February's link.
    table[key].hash = content_hash(table[key].content.canonical())
    verified = ledger.VerifyStatements(
        pb.VerifyStatementsRequest(compound_id="yuying-1"), metadata=RESIDENT_MD
    )
    assert verified.verdicts[0].hash_ok and not verified.verdicts[1].chain_ok


def test_a_month_not_ended_or_out_of_order_is_failed_precondition(system):
    _, _, ledger, _ = system
    this_month = period_of(datetime.now(UTC), "Asia/Shanghai")
    code, _ = refused(
        lambda: ledger.PublishStatement(
            pb.PublishStatementRequest(request_id="p-now", compound_id="yuying-1", period=this_month),
            metadata=STAFF_MD,
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    ledger.PublishStatement(
        pb.PublishStatementRequest(request_id="p-1", compound_id="yuying-1", period="2026-01"),
        metadata=STAFF_MD,
    )
    code, _ = refused(
        lambda: ledger.PublishStatement(
            pb.PublishStatementRequest(request_id="p-3", compound_id="yuying-1", period="2026-03"),
            metadata=STAFF_MD,
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION


def test_an_entry_lists_with_its_materials_evidence_ticket_and_recorder_and_is_reversed_once(system):
    _, _, ledger, _ = system
    entry = record(ledger)
    assert entry.signed_fen == -3_000 and entry.materials[0].brand == "九牧" and entry.ticket_id == "t-42"
    assert entry.recorded_by == "staff-he" and entry.category_name == "材料"
    reversal = ledger.ReverseEntry(
        pb.ReverseEntryRequest(
            request_id="v-1", compound_id="yuying-1", entry_id=entry.entry_id, reason="重复录入"
        ),
        metadata=STAFF_MD,
    )
    assert reversal.reverses == entry.entry_id and reversal.signed_fen == 3_000
    code, _ = refused(
        lambda: ledger.ReverseEntry(
            pb.ReverseEntryRequest(
                request_id="v-2", compound_id="yuying-1", entry_id=entry.entry_id, reason="再次"
            ),
            metadata=STAFF_MD,
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    period = entry.period
    listed = ledger.ListEntries(
        pb.ListEntriesRequest(compound_id="yuying-1", period=period), metadata=RESIDENT_MD
    )
    by_id = {e.entry_id: e for e in listed.entries}
    assert by_id[entry.entry_id].reversed_by == reversal.entry_id
    assert by_id[entry.entry_id].evidence_urls == ["https://evidence.example/receipt-17.jpg"]
    balance = ledger.GetLedgerBalance(
        pb.GetLedgerBalanceRequest(compound_id="yuying-1"), metadata=RESIDENT_MD
    )
    assert balance.balance_fen == 50_000 == balance.total_income_fen - balance.total_expenses_fen


def test_a_resident_reads_only_their_own_compounds_ledger(system):
    _, _, ledger, fund = system
    ok = ledger.ListEntries(
        pb.ListEntriesRequest(compound_id="yuying-1", period="2026-01"), metadata=RESIDENT_MD
    )
    assert ok.total == 4
    for call in (
        lambda: ledger.ListEntries(
            pb.ListEntriesRequest(compound_id="yuying-1", period="2026-01"), metadata=NEIGHBOUR_MD
        ),
        lambda: ledger.GetLedgerBalance(
            pb.GetLedgerBalanceRequest(compound_id="yuying-1"), metadata=NEIGHBOUR_MD
        ),
        lambda: ledger.VerifyStatements(
            pb.VerifyStatementsRequest(compound_id="yuying-1"), metadata=NEIGHBOUR_MD
        ),
        lambda: fund.GetFundBalances(
            pb.GetFundBalancesRequest(compound_id="yuying-1"), metadata=NEIGHBOUR_MD
        ),
    ):
        assert refused(call)[0] == grpc.StatusCode.PERMISSION_DENIED
    by_resident = pb.RecordEntryRequest(
        request_id="x",
        compound_id="yuying-1",
        kind="income",
        category="fees",
        amount_fen=1,
        description="d",
        occurred_on="2026-01-01",
    )
    code, _ = refused(lambda: ledger.RecordEntry(by_resident, metadata=RESIDENT_MD))
    assert code == grpc.StatusCode.PERMISSION_DENIED


def test_another_districts_ledger_and_fund_are_not_found(system):
    _, _, ledger, fund = system
    for call in (
        lambda: ledger.ListEntries(
            pb.ListEntriesRequest(compound_id="yuying-1", period="2026-01"), metadata=OUTSIDER_MD
        ),
        lambda: ledger.GetLedgerBalance(
            pb.GetLedgerBalanceRequest(compound_id="yuying-1"), metadata=OUTSIDER_MD
        ),
        lambda: ledger.GetStatement(
            pb.GetStatementRequest(compound_id="yuying-1", period="2026-01"), metadata=OUTSIDER_MD
        ),
        lambda: fund.GetFundBalances(pb.GetFundBalancesRequest(compound_id="yuying-1"), metadata=OUTSIDER_MD),
        lambda: ledger.RecordEntry(
            pb.RecordEntryRequest(
                request_id="o-1",
                compound_id="yuying-1",
                kind="income",
                category="fees",
                amount_fen=100,
                description="x",
                occurred_on="2026-01-01",
            ),
            metadata=bearer(make_token("donghu", "community_staff", "staff@donghu")),
        ),
    ):
        assert refused(call)[0] == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize(
    "fields, path",
    [
        ({"amount_fen": -100}, "amount_fen"),
        ({"amount_fen": 0}, "amount_fen"),
        ({"amount_fen": 10**15}, "amount_fen"),
        (
            {"materials": [pb.Material(brand="牌" * 10_000, model="M", quantity_milli=1, unit="个")]},
            "materials[0].brand",
        ),
        (
            {"materials": [pb.Material(brand="B", model="M", quantity_milli=-1, unit="个")]},
            "materials[0].quantity_milli",
        ),
        ({"occurred_on": "2026-13-01"}, "occurred_on"),
        ({"kind": "gift"}, "kind"),
        ({"category": "maintenance_fund", "kind": "income", "materials": []}, "category"),
        ({"evidence_urls": ["javascript:alert(1)"]}, "evidence_urls[0]"),
        ({"ticket_id": "t 42"}, "ticket_id"),
    ],
)
def test_bad_entries_are_invalid_argument_naming_the_field_and_write_nothing(system, fields, path):
    store, _, ledger, _ = system
    before = written(store)
    code, violations = refused(lambda: record(ledger, request_id=f"bad-{path}", **fields))
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert path in [p for p, _ in violations]
    assert written(store) == before


def test_a_period_like_2026_13_is_invalid_argument_naming_period(system):
    store, _, ledger, _ = system
    before = written(store)
    for call in (
        lambda: ledger.ListEntries(
            pb.ListEntriesRequest(compound_id="yuying-1", period="2026-13"), metadata=STAFF_MD
        ),
        lambda: ledger.PublishStatement(
            pb.PublishStatementRequest(request_id="p-13", compound_id="yuying-1", period="2026-13"),
            metadata=STAFF_MD,
        ),
    ):
        code, violations = refused(call)
        assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "period"
    assert written(store) == before


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


def test_a_disbursement_without_an_approved_decision_is_failed_precondition(funded):
    store, _, _, fund = funded
    before = written(store)
    code, _ = refused(lambda: disburse(fund))
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    assert written(store) == before


def test_an_approving_decision_enables_disbursements_once_and_never_beyond_the_approved_amount(funded):
    store, uows, ledger, fund = funded
    handlers = fund_handlers(uows)
    event = decided(amount_fen=900_000)
    handlers.handle(event)
    after_first = written(store)
    handlers.handle(event)  # delivered twice: nothing changes
    assert written(store) == after_first
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=RESIDENT_MD)
    assert (got.status, got.approved_fen) == ("approved", 900_000)  # the owners approved less than asked

    first = disburse(fund, "pay-1", "INV-001", 600_000)
    assert first.disbursed_fen == 600_000 and len(first.disbursements) == 1
    code, _ = refused(lambda: disburse(fund, "pay-2", "INV-002", 300_001))
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    code, _ = refused(lambda: disburse(fund, "pay-3", "INV-001", 100_000))  # an invoice is paid once
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    last = disburse(fund, "pay-4", "INV-002", 300_000)
    assert (last.disbursed_fen, last.status, last.status_name) == (900_000, "completed", "已拨付完毕")
    assert refused(lambda: disburse(fund, "pay-5", "INV-003", 1))[0] == grpc.StatusCode.FAILED_PRECONDITION

    balances = fund.GetFundBalances(pb.GetFundBalancesRequest(compound_id="yuying-1"), metadata=RESIDENT_MD)
    assert balances.total_fen == 5 * 400_000 - 900_000
    assert [b.balance_fen for b in balances.buildings] == [220_000] * 5
    # Every disbursement is in the public ledger: fund income and the contractor's expense.
    listed = ledger.ListEntries(
        pb.ListEntriesRequest(
            compound_id="yuying-1",
            period=period_of(first.disbursements[0].disbursed_at.ToDatetime(tzinfo=UTC), "Asia/Shanghai"),
        ),
        metadata=RESIDENT_MD,
    )
    fund_income = sum(e.signed_fen for e in listed.entries if e.category == "maintenance_fund")
    repairs = sum(-e.signed_fen for e in listed.entries if e.category == "repairs")
    assert fund_income == repairs == 900_000
    assert store.ledger_books.ledger("xingshan").check() == []
    events = [e.type for e in store.take_events()]
    assert (
        events.count("linli.fees.v1.FundDisbursed") == 2
        and events.count("linli.fees.v1.FundApplicationApproved") == 1
    )


def test_a_building_fund_never_goes_below_zero(funded):
    store, uows, _, fund = funded
    fund_handlers(uows).handle(decided(amount_fen=5_000_000))
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.approved_fen == 1_000_000  # never more than the application asked
    disburse(fund, "pay-1", "INV-001", 1_000_000)  # 200 000 from each building's 400 000
    second = apply(
        fund, request_id="a-2", amount_fen=5_000_000, quotes=[], title="外墙渗水维修", proposal_id="p-walls"
    )
    walls = decode(
        new_event(
            communities.ProposalDecided(
                tenant_id="xingshan",
                proposal_id="p-walls",
                compound_id="yuying-1",
                category="maintenance_fund",
                amount_fen=5_000_000,
                approved=True,
                special_matter=True,
                summary="通过",
                vote_rule="double_majority",
            ),
            source="communities",
            aggregate="proposal",
            tenant_id="xingshan",
            aggregate_id="p-walls",
        ).value
    )
    fund_handlers(uows).handle(walls)
    before = written(store)
    APP[0] = second.application_id
    code, _ = refused(lambda: disburse(fund, "pay-2", "W-001", 1_500_000))  # 300 000 a building > 200 000
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    assert written(store) == before
    assert disburse(fund, "pay-3", "W-002", 1_000_000).disbursed_fen == 1_000_000  # exactly what is left
    balances = fund.GetFundBalances(pb.GetFundBalancesRequest(compound_id="yuying-1"), metadata=STAFF_MD)
    assert balances.total_fen == 0
    code, violations = refused(lambda: deposit(fund, "9", 100))  # no such building
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "building_id"


@pytest.mark.parametrize(
    "event, note",
    [
        (lambda: decided(category="parking"), "类别"),
        (lambda: decided(special=False), "特别事项"),
        (lambda: decided(compound="yuying-2"), "小区"),
        (lambda: decided(vote_rule="headcount"), "表决规则"),
        (lambda: decided(vote_rule=""), "会议决定"),
    ],
)
def test_a_decision_under_another_rule_or_scope_approves_nothing(funded, event, note):
    _, uows, _, fund = funded
    fund_handlers(uows).handle(event())
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.status == "awaiting_decision" and note in got.decision_note
    assert refused(lambda: disburse(fund))[0] == grpc.StatusCode.FAILED_PRECONDITION


def test_a_rejecting_decision_rejects_and_an_application_filed_after_the_decision_takes_it(system):
    _, uows, _, fund = system
    fund_handlers(uows).handle(decided(approved=True, amount_fen=500_000))  # before any application
    got = apply(fund, amount_fen=400_000, quotes=[])
    assert (got.status, got.approved_fen) == ("approved", 400_000)


def test_bad_applications_are_invalid_argument_naming_the_field(system):
    store, _, _, fund = system
    before = written(store)
    for fields, path in (
        ({"amount_fen": -1}, "amount_fen"),
        ({"applicant_kind": "anyone"}, "applicant_kind"),
        ({"building_ids": []}, "building_ids"),
        ({"building_ids": ["1", "77"]}, "building_ids[1]"),
        ({"contractor": "没报价的公司"}, "contractor"),
    ):
        code, violations = refused(lambda f=fields, p=path: apply(fund, request_id=f"bad-{p}", **f))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and path in [p for p, _ in violations], (
            path,
            violations,
        )
    assert written(store) == before


def test_another_districts_application_is_not_found(funded):
    _, _, _, fund = funded
    code, _ = refused(
        lambda: fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=OUTSIDER_MD)
    )
    assert code == grpc.StatusCode.NOT_FOUND


# -- request_id semantics of every mutating RPC -----------------------------------------------------
def mutations(ledger, fund):
    """(name, call(request_id, variant)) — variant 0 and 1 differ in content."""

    def entry(rid, v):
        return record(ledger, request_id=rid, amount_fen=3_000 + v)

    def reverse(rid, v):
        target = record(ledger, request_id=f"target-{v}")
        return ledger.ReverseEntry(
            pb.ReverseEntryRequest(
                request_id=rid, compound_id="yuying-1", entry_id=target.entry_id, reason="错"
            ),
            metadata=STAFF_MD,
        )

    def publish(rid, v):
        return ledger.PublishStatement(
            pb.PublishStatementRequest(
                request_id=rid, compound_id="yuying-1", period=["2026-01", "2026-02"][v]
            ),
            metadata=STAFF_MD,
        )

    def dep(rid, v):
        return deposit(fund, "1", 1_000 + v, request_id=rid)

    def create(rid, v):
        return apply(fund, request_id=rid, amount_fen=500_000 + v, quotes=[])

    def pay(rid, v):
        return disburse(fund, rid, f"INV-{v}", 10_000)

    return {
        "RecordEntry": entry,
        "ReverseEntry": reverse,
        "PublishStatement": publish,
        "RecordDeposit": dep,
        "CreateApplication": create,
        "Disburse": pay,
    }


@pytest.mark.parametrize(
    "name",
    ["RecordEntry", "ReverseEntry", "PublishStatement", "RecordDeposit", "CreateApplication", "Disburse"],
)
def test_the_same_request_id_answers_the_first_result_and_other_content_is_already_exists(funded, name):
    store, uows, ledger, fund = funded
    fund_handlers(uows).handle(decided(amount_fen=1_000_000))
    call = mutations(ledger, fund)[name]
    first = call(f"{name}-rid", 0)
    if name == "ReverseEntry":  # the target exists now: a retry reverses the same entry
        before = written(store)
        again = ledger.ReverseEntry(
            pb.ReverseEntryRequest(
                request_id=f"{name}-rid", compound_id="yuying-1", entry_id=first.reverses, reason="错"
            ),
            metadata=STAFF_MD,
        )
    else:
        before = written(store)
        again = call(f"{name}-rid", 0)
    assert again == first and written(store) == before
    code, _ = refused(lambda: call(f"{name}-rid", 1))
    assert code == grpc.StatusCode.ALREADY_EXISTS


def test_every_mutating_rpc_of_the_ledger_and_the_fund_is_covered_here():
    names = {
        m.name
        for service in ("PublicLedgerService", "MaintenanceFundService")
        for m in pb.DESCRIPTOR.services_by_name[service].methods
        if "request_id" in m.input_type.fields_by_name
    }
    assert names == set(mutations(None, None))


def test_a_paper_ledger_is_imported_only_into_ended_months_no_statement_covers(system):
    store, _, ledger, _ = system
    from google.protobuf.timestamp_pb2 import Timestamp

    def at(moment: datetime) -> Timestamp:
        ts = Timestamp()
        ts.FromDatetime(moment)
        return ts

    imported = record(ledger, request_id="imp-1", booked_at=at(datetime(2026, 1, 25, 2, tzinfo=UTC)))
    assert imported.period == "2026-01"
    code, violations = refused(lambda: record(ledger, request_id="imp-2", booked_at=at(datetime.now(UTC))))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "booked_at"
    ledger.PublishStatement(
        pb.PublishStatementRequest(request_id="p-1", compound_id="yuying-1", period="2026-01"),
        metadata=STAFF_MD,
    )
    before = written(store)
    code, _ = refused(
        lambda: record(ledger, request_id="imp-3", booked_at=at(datetime(2026, 1, 26, tzinfo=UTC)))
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION and written(store) == before


def test_entries_the_service_booked_are_not_reversed_by_hand(funded):
    _, uows, ledger, fund = funded
    fund_handlers(uows).handle(decided(amount_fen=1_000_000))
    paid = disburse(fund, "pay-1", "INV-001", 500_000)
    expense = paid.disbursements[0].entry_id
    code, _ = refused(
        lambda: ledger.ReverseEntry(
            pb.ReverseEntryRequest(
                request_id="v-fund", compound_id="yuying-1", entry_id=expense, reason="试图冲正"
            ),
            metadata=STAFF_MD,
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION


def test_the_districts_fund_rules_decide_who_applies_and_which_vote_releases_the_fund(system):
    store, uows, _, fund = system
    import json

    document = {
        "district": {"name": "兴山区"},
        "fees": {"fund": {"applicants": ["owners_committee"], "vote_rules": ["headcount"]}},
        "overrides": {"compounds": {"yuying-1": {"fees": {"fund": {"applicants": ["community"]}}}}},
    }
    uows("xingshan").directory.keep_config(7, json.dumps(document), {"yuying-1": "yuying"})
    code, violations = refused(lambda: apply(fund, compound_id="yuying-2", request_id="a-other"))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "applicant_kind"
    APP[0] = apply(fund).application_id  # 育英一小区's override lets the community apply
    fund_handlers(uows).handle(decided(vote_rule="double_majority"))
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.status == "awaiting_decision" and "表决规则" in got.decision_note
    fund_handlers(uows).handle(decided(vote_rule="headcount", event_id="second-decision"))
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.status == "approved"


def test_concurrent_disbursements_never_exceed_the_approved_amount(funded):
    from concurrent.futures import ThreadPoolExecutor

    store, uows, _, fund = funded
    fund_handlers(uows).handle(decided(amount_fen=1_000_000))

    def pay(i: int):
        try:
            return disburse(fund, f"c-{i}", f"C-{i:02d}", 150_000).disbursed_fen
        except grpc.RpcError as err:
            return err.code()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(pay, range(12)))
    paid = [r for r in results if isinstance(r, int)]
    refused_codes = {r for r in results if not isinstance(r, int)}
    assert len(paid) == 6 and refused_codes <= {grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.ABORTED}
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.disbursed_fen == 900_000 <= got.approved_fen and len(got.disbursements) == 6
    assert store.ledger_books.ledger("xingshan").check() == []
