"""Property: whatever entries and reversals are booked, the public ledger's balance is income minus
expenses (by the kept balances, by the statement of the month, by the listed entries), and the
kernel's books agree with their transfers and sum to zero."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from linli_fees.domain import public_ledger as pl
from linli_fees.domain.statement import compute
from linli_fees.service_layer import public_ledger
from linli_platform.errors import FailedPrecondition

from .ledger_helpers import RESIDENT, STAFF, draft, seeded

START = datetime(2026, 3, 1, tzinfo=UTC)  # 08:00 in Shanghai: every booking below stays in March
CATEGORY = st.sampled_from(
    [(pl.INCOME, c) for c in ("fees", "donations", "other_income")]
    + [(pl.EXPENSE, c) for c in ("labour", "materials", "utilities", "repairs", "other_expense")]
)
OPERATION = st.one_of(
    st.tuples(st.just("book"), CATEGORY, st.integers(1, pl.MAX_AMOUNT_FEN)),
    st.tuples(st.just("reverse"), st.integers(0, 50)),
    st.tuples(st.just("retry"), st.integers(0, 50)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPERATION, max_size=25))
def test_balance_is_income_minus_expenses_and_the_books_sum_to_zero(operations):
    store, uows = seeded()
    booked: list[tuple[str, pl.EntryDraft]] = []
    reversed_ids: set[str] = set()
    income = expenses = 0
    for n, op in enumerate(operations):
        at = START + timedelta(minutes=n)
        if op[0] == "book":
            (kind, category), amount = op[1], op[2]
            d = draft(kind=kind, category=category, amount_fen=amount)
            entry = public_ledger.record_entry(uows("xingshan"), STAFF, d, f"r{n}", at)
            booked.append((f"r{n}", d))
            income += amount if kind == pl.INCOME else 0
            expenses += amount if kind == pl.EXPENSE else 0
            assert entry.signed_fen == (amount if kind == pl.INCOME else -amount)
        elif op[0] == "retry" and booked:  # the same request again books nothing new
            request_id, d = booked[op[1] % len(booked)]
            public_ledger.record_entry(uows("xingshan"), STAFF, d, request_id, at)
        elif op[0] == "reverse" and booked:
            request_id, d = booked[op[1] % len(booked)]
            entry_id = public_ledger.derived_id("pl-entry", request_id)
            try:
                public_ledger.reverse_entry(
                    uows("xingshan"), STAFF, "yuying-1", entry_id, "更正", f"v{n}", at
                )
            except FailedPrecondition:
                assert entry_id in reversed_ids  # only a second reversal is refused
                continue
            assert entry_id not in reversed_ids
            reversed_ids.add(entry_id)
            income -= d.amount_fen if d.kind == pl.INCOME else 0
            expenses -= d.amount_fen if d.kind == pl.EXPENSE else 0

    uow = uows("xingshan")
    balance = public_ledger.balance(uow, RESIDENT, "yuying-1")
    assert balance.balance_fen == income - expenses
    assert sum(balance.income.values()) == income and sum(balance.expenses.values()) == expenses
    month = [
        pl.entry_of(t, "yuying-1")
        for t in public_ledger.entries_between(uow, "yuying-1", None, START + timedelta(days=1))
    ]
    statement = compute("xingshan", "yuying-1", "2026-03", month, 0, None)
    assert (
        statement.closing_balance_fen
        == statement.total_income_fen - statement.total_expenses_fen
        == income - expenses
    )
    assert sum(e.signed_fen for e in month) == income - expenses
    if statement.expenses:
        assert sum(statement.expense_shares.values()) == 10_000
    assert store.ledger_books.ledger("xingshan").check() == []  # kept balances = transfers; sums zero


FUND_OPERATION = st.one_of(
    st.tuples(st.just("deposit"), st.sampled_from(["1", "2", "3"]), st.integers(1, 5_000_000)),
    st.tuples(st.just("disburse"), st.integers(1, 3_000_000)),
    st.tuples(st.just("expense"), st.integers(1, 1_000_000)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 6_000_000), st.lists(FUND_OPERATION, max_size=20))
def test_the_fund_never_pays_beyond_the_approval_or_a_buildings_balance(approved_fen, operations):
    from linli.communities.v1 import events_pb2 as communities
    from linli_fees.domain.fund_application import ApplicationDraft
    from linli_fees.entrypoints.fund_consumers import fund_handlers
    from linli_fees.service_layer import fund
    from linli_platform.events import decode, new_event

    store, uows = seeded()
    draft_ = ApplicationDraft(
        "yuying-1", "屋面防水", "", "community", "社区居委会", "甲公司", 6_000_000, (), ("1", "2", "3"), "p-1"
    )
    application = fund.create_application(uows("xingshan"), STAFF, draft_, "a-1", "fp")
    decided = communities.ProposalDecided(
        proposal_id="p-1",
        compound_id="yuying-1",
        category="maintenance_fund",
        amount_fen=approved_fen,
        approved=True,
        special_matter=True,
        vote_rule="double_majority",
        building_ids=["1", "2", "3"],  # the owners of the application's buildings decided
    )
    envelope = decode(
        new_event(
            decided, source="communities", aggregate="proposal", tenant_id="xingshan", aggregate_id="p-1"
        ).value
    )
    fund_handlers(uows).handle(envelope)
    deposited = dict.fromkeys("123", 0)
    disbursed = 0
    other_expenses = 0
    for n, op in enumerate(operations):
        uow = uows("xingshan")
        if op[0] == "deposit":
            fund.record_deposit(uow, STAFF, "yuying-1", op[1], op[2], "交存", f"d{n}")
            deposited[op[1]] += op[2]
        elif op[0] == "expense":
            public_ledger.record_entry(uow, STAFF, draft(amount_fen=op[1]), f"x{n}")
            other_expenses += op[1]
        else:
            try:
                fund.disburse(
                    uow, STAFF, application.id, f"INV-{n}", "https://e.example/i.pdf", op[1], "", f"p{n}"
                )
                disbursed += op[1]
            except FailedPrecondition:
                pass  # beyond the approval or a building's balance: refused whole
    uow = uows("xingshan")
    assert disbursed <= approved_fen
    balances = {b: fen for b, _, fen in fund.balances(uow, RESIDENT, "yuying-1").buildings if b in deposited}
    assert all(fen >= 0 for fen in balances.values())
    assert sum(balances.values()) == sum(deposited.values()) - disbursed
    balance = public_ledger.balance(uow, RESIDENT, "yuying-1")
    assert balance.income.get("maintenance_fund", 0) == balance.expenses.get("repairs", 0) == disbursed
    assert balance.balance_fen == -other_expenses  # the fund's money passes through cash to the contractor
    assert store.ledger_books.ledger("xingshan").check() == []
