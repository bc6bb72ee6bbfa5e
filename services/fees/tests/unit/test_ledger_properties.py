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
