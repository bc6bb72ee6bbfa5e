"""滞纳金: charged by the payment that settles an overdue bill, on the part it settles, as of that day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from linli_fees.domain.collection import late_fee_fen
from linli_fees.domain.entries import OpenBill, settle
from linli_fees.service_layer import billing, payments, reversals
from linli_governance.fees import LateFee
from linli_platform.events import decode, unpack

from .helpers import CONFIG, NOW, district, household

LATE = {"per_day_basis_points": 5, "grace_days": 6}
CHARGING = {**CONFIG, "fees": {**CONFIG["fees"], "late_fee": LATE}}
T, C = "xingshan", "yuying-1"
JANUARY = "yuying-1/101/property/2026-01"  # 1919 fen, due 2026-01-15; NOW is 2026-02-20


def billed(config=CHARGING):
    store, uows = district(config, [household("101", 6397), household("102", 13133)])
    run = billing.start_run(uows(T), "run", "fp", C, "2026-01", False, "staff", NOW)
    billing.run_to_end(uows, T, run.id, lambda: NOW)
    return store, uows


def pay(uows, request_id, amount, when=NOW, household_id="101"):
    return payments.record_payment(
        uows, T, request_id, request_id, C, household_id, "", amount, "cash", "", "staff-a", when, when.date()
    )


def due(uows, household_id="101"):
    view = payments.read_account(uows(T), C, household_id)
    return {s.bill.id: s.due_fen for s in view.bills}, view.account


def test_a_payment_clearing_an_overdue_bill_pays_its_late_fee_too():
    _, uows = billed()
    # 36 days overdue on 02-20, 30 after the grace days: 1919 × 5‱ × 30 = 28.785 → 29 fen
    states = payments.read_account(uows(T), C, "101").bills
    assert payments.late_fees(uows(T), states, NOW.date()) == {JANUARY: 29}  # what GetBill shows
    entry, _ = pay(uows, "p1", 1919 + 29)
    (allocation,) = entry.allocations
    assert (allocation.amount_fen, allocation.late_fee_fen, entry.prepaid_fen) == (1919, 29, 0)
    bills, account = due(uows)
    assert bills[JANUARY] == 0 and account.late_fees_fen() == 29
    assert account.received_fen() == 1948


def test_money_short_of_bill_and_late_fee_settles_the_part_it_can_with_that_parts_fee():
    _, uows = billed()
    entry, _ = pay(uows, "p1", 1919)
    (allocation,) = entry.allocations
    # the largest part whose fee fits beside it: 1891 + round(1891 × 1.5 %) = 1891 + 28 = 1919
    assert (allocation.amount_fen, allocation.late_fee_fen) == (1891, 28)
    bills, _ = due(uows)
    assert bills[JANUARY] == 28
    # the rest a week later: only its own days are charged, the first part's are not charged again
    later = NOW + timedelta(days=7)
    entry, _ = pay(uows, "p2", 1000, when=later)
    first = entry.allocations[0]
    assert (first.bill_id, first.amount_fen, first.late_fee_fen) == (JANUARY, 28, 1)  # 28 × 5‱ × 37 = 0.518
    _, account = due(uows)
    assert account.late_fees_fen() == 29 and account.prepaid_fen == 1000 - 29


def test_no_late_fee_before_the_grace_days_end_nor_in_a_district_that_charges_none():
    _, uows = billed()
    entry, _ = pay(uows, "early", 1919, when=NOW.replace(month=1, day=20))  # 5 days overdue, 6 of grace
    assert [(a.amount_fen, a.late_fee_fen) for a in entry.allocations] == [(1919, 0)]
    _, uows = billed(CONFIG)
    entry, _ = pay(uows, "p1", 1919)
    assert [(a.amount_fen, a.late_fee_fen) for a in entry.allocations] == [(1919, 0)]


def test_a_reversed_payment_takes_its_late_fee_back_and_the_bill_is_due_again():
    _, uows = billed()
    pay(uows, "p1", 1948)
    reversals.request_reversal(uows, T, "v1", "fp", C, "101", "p1", 0, "错收", "staff-a", NOW)
    entry = reversals.approve_entry(uows, T, C, "101", "v1", "staff-b", NOW)
    assert [(a.amount_fen, a.late_fee_fen) for a in entry.allocations] == [(-1919, -29)]
    bills, account = due(uows)
    assert bills[JANUARY] == 1919 and account.late_fees_fen() == 0 and account.received_fen() == 0


def test_the_payment_event_names_the_late_fee():
    store, uows = billed()
    store.take_events()
    pay(uows, "p1", 1948)
    (event,) = [e for e in store.take_events() if e.type == "linli.fees.v1.PaymentReceived"]
    message = unpack(decode(event.value))
    assert message.amount_fen == 1948
    assert [(a.amount_fen, a.late_fee_fen) for a in message.allocations] == [(1919, 29)]


@given(
    left=st.integers(0, 10**9),
    owed=st.integers(0, 10**9),
    days=st.integers(-30, 4000),
    bp=st.integers(0, 100),
    grace=st.integers(0, 365),
    cap=st.integers(0, 100),
)
def test_settle_takes_the_largest_part_whose_fee_fits(left, owed, days, bp, grace, cap):
    due_on, today = date(2026, 1, 15), date(2026, 1, 15) + timedelta(days=days)
    late = LateFee(per_day_basis_points=bp, grace_days=grace, cap_percent=cap)
    part, fee = settle(left, owed, OpenBill("b", "2026-01", owed, due_on), today, late)
    assert 0 <= part <= min(left, owed) and part + fee <= left
    assert fee == late_fee_fen(part, due_on, today, bp, grace, cap)
    if part < min(left, owed):  # one fen more would not fit
        assert part + 1 + late_fee_fen(part + 1, due_on, today, bp, grace, cap) > left
