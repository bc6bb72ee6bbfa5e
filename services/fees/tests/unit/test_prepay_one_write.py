"""A prepayment is one write of the account (the money and its bills); issuing the bills after it is
idempotent and done by whoever finds them: the call, its retry, the worker's sweep, a billing run."""

from __future__ import annotations

import pytest
from linli_fees.adapters.fakes import FakeBills
from linli_fees.service_layer import billing, payments, prepay
from linli_platform.errors import FailedPrecondition
from linli_platform.events import decode, unpack

from .helpers import NOW, district

T, C = "xingshan", "yuying-1"
TEN_MONTHS = 10 * 1919


class Crash(Exception):
    pass


def prepaid(uows, request_id="pp1", amount=TEN_MONTHS):
    return prepay.prepay(
        uows, T, request_id, "fp", C, "101", "2026-03", 12, "", amount, "cash", "", "staff-a", NOW, NOW.date()
    )


@pytest.fixture
def crashed(monkeypatch):
    """A prepayment whose process died right after its write, before the bills collection held them."""
    store, uows = district()
    original = FakeBills.insert_new
    monkeypatch.setattr(FakeBills, "insert_new", lambda self, bills: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        prepaid(uows)
    monkeypatch.setattr(FakeBills, "insert_new", original)
    return store, uows


def bills_collection(uows) -> list:
    return uows(T).bills.of_household(C, "101")


def test_after_a_crash_the_money_and_its_bills_are_recorded_and_read_as_paid(crashed):
    _, uows = crashed
    assert bills_collection(uows) == []
    view = payments.read_account(uows(T), C, "101")
    assert [e.id for e in view.account.entries] == ["pp1"] and view.account.received_fen() == TEN_MONTHS
    assert [s.bill.facts.period for s in view.bills] == [f"2026-{m:02d}" for m in range(3, 13)] + [
        "2027-01",
        "2027-02",
    ]
    assert all(s.due_fen == 0 for s in view.bills) and view.bills[-1].bill.facts.lines[-1].kind == "offer"


def test_the_worker_sweep_issues_the_held_bills_once(crashed):
    _, uows = crashed
    directory = lambda: [(T, C), (T, "wanjun")]  # noqa: E731
    assert prepay.sweep(uows, directory) == 12
    assert len(bills_collection(uows)) == 12
    assert uows(T).accounts.get(f"{C}/101").issuing == []
    assert prepay.sweep(uows, directory) == 0


def test_the_retry_with_the_same_request_id_answers_the_first_entry_and_issues_the_bills(crashed):
    _, uows = crashed
    entry, view = prepaid(uows)
    assert entry.id == "pp1" and len(view.account.entries) == 1
    assert len(bills_collection(uows)) == 12 and uows(T).accounts.get(f"{C}/101").issuing == []


def test_a_billing_run_of_a_held_period_issues_the_prepayments_bill_not_its_own(crashed):
    _, uows = crashed
    run = billing.start_run(uows(T), "run-2027-02", "fp", C, "2027-02", False, "staff", NOW)
    billing.run_to_end(uows, T, run.id, lambda: NOW)
    (held,) = [b for b in bills_collection(uows) if b.facts.period == "2027-02"]
    assert held.amount_fen == 0 and held.facts.run_id == "prepay:pp1"  # waived by the offer
    assert held.facts.lines[-1].kind == "offer"
    assert all(s.due_fen == 0 for s in payments.read_account(uows(T), C, "101").bills)


def test_the_bills_issued_events_go_out_with_the_payment_once(crashed):
    store, uows = crashed
    types = [e.type for e in store.take_events()]
    assert types.count("linli.fees.v1.BillIssued") == 12 and types.count("linli.fees.v1.PaymentReceived") == 1
    prepay.sweep(uows, lambda: [(T, C)])
    assert [e.type for e in store.take_events() if e.type == "linli.fees.v1.BillIssued"] == []


def test_a_new_prepayment_starts_after_the_periods_a_held_one_covers(crashed):
    _, uows = crashed
    plan = prepay.quote_prepay(uows(T), C, "101", "", 12, "", NOW.date())
    # held: 2026-03 … 2027-02 (not in the bills collection yet); this month is 2026-02
    assert [b.facts.period for b in plan.bills][:2] == ["2027-03", "2027-04"]
    with pytest.raises(FailedPrecondition, match="2026-03 is billed already"):
        prepay.quote_prepay(uows(T), C, "101", "2026-03", 12, "", NOW.date())


def test_without_a_crash_nothing_stays_held():
    store, uows = district()
    entry, view = prepaid(uows)
    assert len(bills_collection(uows)) == 12 and uows(T).accounts.get(f"{C}/101").issuing == []
    events = [unpack(decode(e.value)) for e in store.take_events() if e.type == "linli.fees.v1.BillIssued"]
    assert len(events) == 12 and sum(e.amount_fen for e in events) == TEN_MONTHS
