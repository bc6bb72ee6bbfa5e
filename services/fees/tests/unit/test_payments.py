"""Payments, prepaid, the seed-001 prepay offer, refunds and reversals on the fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from linli_fees.service_layer import billing, payments, prepay, reports, reversals
from linli_platform.errors import Conflict, FailedPrecondition, InvalidField, NotFound, PermissionDenied

from .helpers import CONFIG, NOW, district, household


def bill_all(uows, period="2026-01", request_id=None):
    started = billing.start_run(
        uows("xingshan"),
        request_id or f"run-{period}",
        "fp" + period,
        "yuying-1",
        period,
        False,
        "staff",
        NOW,
    )
    billing.run_to_end(uows, "xingshan", started.id, lambda: NOW)


def pay(uows, request_id, amount, bill="", household_id="101", method="cash", reference=""):
    return payments.record_payment(
        uows,
        "xingshan",
        request_id,
        f"{request_id}:{amount}:{bill}",
        "yuying-1",
        household_id,
        bill,
        amount,
        method,
        reference,
        "staff-a",
        NOW,
        NOW.date(),
    )


def test_partial_then_overpayment_keeps_the_surplus_as_prepaid_never_a_negative_due():
    _, uows = district()
    bill_all(uows)
    entry, view = pay(uows, "p1", 1000)
    assert (view.bills[0].due_fen, view.account.prepaid_fen, entry.receipt_no) == (
        919,
        0,
        "yuying-1-101-0001",
    )
    entry, view = pay(uows, "p2", 5000)
    assert (view.bills[0].due_fen, view.account.prepaid_fen) == (0, 5000 - 919)
    assert entry.allocations[0].amount_fen == 919 and entry.prepaid_fen == 4081


def test_prepaid_pays_the_next_bills_of_a_run():
    _, uows = district()
    bill_all(uows)
    pay(uows, "p1", 5000)
    bill_all(uows, "2026-02")
    view = payments.read_account(uows("xingshan"), "yuying-1", "101")
    assert [s.due_fen for s in view.bills] == [0, 0] and view.account.prepaid_fen == 5000 - 2 * 1919


def test_the_same_request_id_is_recorded_once_and_other_content_is_a_conflict():
    _, uows = district()
    bill_all(uows)
    first, _ = pay(uows, "p1", 1000)
    again, view = pay(uows, "p1", 1000)
    assert again == first and len(view.account.entries) == 1
    with pytest.raises(Conflict, match="request_id"):
        pay(uows, "p1", 2000)


def test_transfers_need_a_reference_and_bad_amounts_are_refused_with_nothing_written():
    store, uows = district()
    bill_all(uows)
    writes = store.writes
    with pytest.raises(InvalidField, match="reference"):
        pay(uows, "p1", 1000, method="transfer")
    with pytest.raises(InvalidField, match="amount_fen"):
        pay(uows, "p2", -5)
    with pytest.raises(InvalidField, match="household_id"):
        pay(uows, "p3", 100, household_id="999")
    assert store.writes == writes


def test_seed_001_prepay_twelve_months_charges_ten_waives_two_and_notes_the_gift():
    _, uows = district()
    quote = prepay.quote_prepay(uows("xingshan"), "yuying-1", "101", "2026-03", 12, "", NOW.date())
    assert (quote.gross_fen, quote.amount_fen, quote.free_months) == (12 * 1919, 10 * 1919, 2)
    entry, view = prepay.prepay(
        uows,
        "xingshan",
        "pp1",
        "fp",
        "yuying-1",
        "101",
        "2026-03",
        12,
        "",
        quote.amount_fen,
        "cash",
        "",
        "staff-a",
        NOW,
        NOW.date(),
    )
    assert (entry.gift, entry.offer) == ("小礼物", "交12个月减免2个月，赠小礼物")
    assert [s.bill.amount_fen for s in view.bills] == [1919] * 10 + [0, 0]
    assert all(s.due_fen == 0 for s in view.bills) and view.account.prepaid_fen == 0
    assert view.bills[-1].bill.facts.lines[-1].kind == "offer"


def test_the_prepay_offer_is_refused_to_a_household_in_arrears():
    _, uows = district()
    bill_all(uows)  # 2026-01, due 2026-01-15: overdue on NOW (2026-02-20)
    with pytest.raises(FailedPrecondition, match="arrears"):
        prepay.prepay(
            uows,
            "xingshan",
            "pp1",
            "fp",
            "yuying-1",
            "101",
            "2026-03",
            12,
            "",
            10 * 1919,
            "cash",
            "",
            "staff-a",
            NOW,
            NOW.date(),
        )


def test_a_refund_and_a_reversal_need_a_second_staff_member():
    _, uows = district()
    bill_all(uows)
    pay(uows, "p1", 5000)
    refund = reversals.request_reversal(
        uows, "xingshan", "r1", "fp", "yuying-1", "101", "", 1000, "退款", "staff-a", NOW
    )
    assert refund.status == "pending"
    with pytest.raises(PermissionDenied):
        reversals.approve_entry(uows, "xingshan", "yuying-1", "101", "r1", "staff-a", NOW)
    posted = reversals.approve_entry(uows, "xingshan", "yuying-1", "101", "r1", "staff-b", NOW)
    assert posted.status == "posted"
    view = payments.read_account(uows("xingshan"), "yuying-1", "101")
    assert view.account.prepaid_fen == 5000 - 1919 - 1000
    reversals.request_reversal(
        uows, "xingshan", "v1", "fp2", "yuying-1", "101", "p1", 0, "录错金额", "staff-a", NOW
    )
    with pytest.raises(FailedPrecondition, match="prepaid"):  # 3081 went to prepaid, only 2081 left
        reversals.approve_entry(uows, "xingshan", "yuying-1", "101", "v1", "staff-b", NOW)


def test_a_reversal_makes_the_bill_due_again():
    _, uows = district()
    bill_all(uows)
    pay(uows, "p1", 1919)
    reversals.request_reversal(
        uows, "xingshan", "v1", "fp", "yuying-1", "101", "p1", 0, "录错", "staff-a", NOW
    )
    reversals.approve_entry(uows, "xingshan", "yuying-1", "101", "v1", "staff-b", NOW)
    view = payments.read_account(uows("xingshan"), "yuying-1", "101")
    assert view.bills[0].due_fen == 1919 and view.account.received_fen() == 0


def test_a_resident_reads_only_their_own_household():
    _, uows = district(
        households=[
            household("101", 6397, residents=("res-1",)),
            household("102", 5000, residents=("res-2",)),
        ]
    )
    bill_all(uows)
    me = payments.Reader("res-1", False)
    assert payments.read_account(uows("xingshan"), "yuying-1", "101", me).bills
    with pytest.raises(NotFound):
        payments.read_account(uows("xingshan"), "yuying-1", "102", me)
    with pytest.raises(NotFound):
        payments.read_account(uows("hanyang"), "yuying-1", "101")


def test_reminders_once_per_bill_and_step():
    store, uows = district()
    bill_all(uows)
    store.take_events()
    assert reports.send_reminders(uows, "xingshan", "yuying-1", NOW) == 2  # 36 days overdue: step 30
    assert reports.send_reminders(uows, "xingshan", "yuying-1", NOW) == 0
    assert {e.type for e in store.take_events()} == {"linli.fees.v1.PaymentReminder"}


OPS = st.lists(
    st.tuples(
        st.sampled_from(["pay", "bill", "refund", "reverse"]),
        st.sampled_from(["101", "102"]),
        st.integers(1, 6000),
    ),
    max_size=25,
)


LATE_FEES = {**CONFIG, "fees": {**CONFIG["fees"], "late_fee": {"per_day_basis_points": 5, "grace_days": 6}}}


@pytest.mark.parametrize("config", [CONFIG, LATE_FEES], ids=["no-late-fees", "late-fees"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPS)
def test_receivable_less_received_is_arrears_less_prepaid(config, ops):
    """receivable (bills and the late fees charged) − received = arrears − prepaid."""
    store, uows = district(config)
    months = iter(f"2026-{m:02d}" for m in range(1, 13))
    for n, (op, hid, amount) in enumerate(ops):
        try:
            if op == "bill":
                bill_all(uows, next(months, "2027-01"), request_id=f"run{n}")
            elif op == "pay":
                pay(uows, f"p{n}", amount, household_id=hid)
            elif op == "refund":
                reversals.request_reversal(
                    uows, "xingshan", f"r{n}", "fp", "yuying-1", hid, "", amount, "退", "a", NOW
                )
                reversals.approve_entry(uows, "xingshan", "yuying-1", hid, f"r{n}", "b", NOW)
            else:
                account = payments.read_account(uows("xingshan"), "yuying-1", hid).account
                paid = [e for e in account.entries if e.kind == "payment" and not e.reversed]
                if paid:
                    reversals.request_reversal(
                        uows, "xingshan", f"v{n}", "fp", "yuying-1", hid, paid[0].id, 0, "错", "a", NOW
                    )
                    reversals.approve_entry(
                        uows, "xingshan", "yuying-1", hid, f"v{n}", "b", NOW + timedelta(seconds=n)
                    )
        except (FailedPrecondition, NotFound):
            pass
    receivable = received = outstanding = prepaid = 0
    for hid in ("101", "102"):
        view = payments.read_account(uows("xingshan"), "yuying-1", hid)
        receivable += sum(s.bill.amount_fen for s in view.bills) + view.account.late_fees_fen()
        assert view.account.late_fees_fen() >= 0
        outstanding += sum(s.due_fen for s in view.bills)
        received += view.account.received_fen()
        prepaid += view.account.prepaid_fen
        assert view.account.prepaid_fen >= 0 and all(s.paid_fen <= s.bill.amount_fen for s in view.bills)
    assert receivable - received == outstanding - prepaid


def test_the_worker_refreshes_the_collection_ratio_and_arrears_gauges():
    from linli_fees.adapters.metrics import ARREARS_FEN, COLLECTION_RATIO, RECEIVED_FEN
    from linli_fees.service_layer import reminders

    _, uows = district()
    bill_all(uows)
    bill_all(uows, "2026-02")
    before = RECEIVED_FEN.labels("xingshan", "yuying-1")._value.get()
    pay(uows, "p1", 1919)  # pays 101's January
    pay(uows, "p1", 1919)  # a retry: counted once
    assert RECEIVED_FEN.labels("xingshan", "yuying-1")._value.get() == before + 1919
    reminders.refresh_figures(uows, lambda: [("xingshan", "yuying-1")], NOW)
    assert COLLECTION_RATIO.labels("xingshan", "yuying-1")._value.get() == 0.0  # February: nothing paid yet
    # past due (the 15th): 102's two months and 101's February
    assert ARREARS_FEN.labels("xingshan", "yuying-1")._value.get() == 3940 + 1919 + 3940
