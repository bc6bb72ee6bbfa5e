"""A compound that changes its billing cycle never bills a month twice: a bill of the new cycle
covers only the months no bill of the old one covers, and says so in a line of its own."""

from __future__ import annotations

import pytest
from linli_fees.service_layer import billing, payments, prepay
from linli_governance import parse_document
from linli_governance.document import to_json
from linli_platform.errors import FailedPrecondition

from .helpers import CONFIG, NOW, district

T, C = "xingshan", "yuying-1"


def configure(uows, version: int, cycle: str) -> None:
    config = {**CONFIG, "fees": {**CONFIG["fees"], "cycle": cycle}}
    with uows(T) as uow:
        uow.governance.keep(version, to_json(parse_document(config)), {C: "yuying", "wanjun": "yuying"})


def run(uows, period: str):
    started = billing.start_run(uows(T), f"run-{period}", "fp", C, period, False, "staff", NOW)
    return billing.run_to_end(uows, T, started.id, lambda: NOW)


def bills(uows, household_id="101"):
    return {s.bill.facts.period: s.bill for s in payments.read_account(uows(T), C, household_id).bills}


def test_monthly_then_yearly_bills_the_rest_of_the_year_only():
    _, uows = district()
    for month in range(1, 7):
        run(uows, f"2026-{month:02d}")
    configure(uows, 2, "yearly")
    done = run(uows, "2026")
    year = bills(uows)["2026"]
    # 63.97 m² × 0.30 元 × 6 months = 115.146 → 115.15 (one line, rounded once)
    assert year.amount_fen == 11515 and year.facts.due_on == "2026-07-15"
    charge, note = year.facts.lines
    assert "× 6 个月" in charge.text
    assert (note.kind, note.amount_fen) == ("note", 0) and note.text.startswith(
        "1月、2月、3月、4月、5月、6月"
    )
    assert done.bills_created == 2
    assert sorted(bills(uows)) == ["2026", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]


def test_quarterly_then_monthly_bills_nothing_a_quarter_covers():
    _, uows = district()
    configure(uows, 2, "quarterly")
    run(uows, "2026-Q1")
    configure(uows, 3, "monthly")
    done = run(uows, "2026-02")
    assert done.bills_created == 0 and done.households_skipped == 2
    assert "2026-02" not in bills(uows)
    run(uows, "2026-04")
    assert bills(uows)["2026-04"].amount_fen == 1919


def test_a_prepayment_refuses_a_period_another_cycle_billed_in_part_and_starts_after_it_unasked():
    _, uows = district()
    run(uows, "2026-03")
    configure(uows, 2, "quarterly")
    with pytest.raises(FailedPrecondition, match="2026-Q1 is billed already"):
        prepay.quote_prepay(uows(T), C, "101", "2026-Q1", 12, "", NOW.date())
    plan = prepay.quote_prepay(uows(T), C, "101", "", 12, "", NOW.date())
    assert [b.facts.period for b in plan.bills] == ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]
