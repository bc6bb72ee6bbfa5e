"""收缴率 against the small data set computed by hand in docs/fees.md ("A worked example"), on the
fakes and on SecantusDB (the reports' aggregations run in the database there)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from linli_fees.adapters.fakes import FeesStore, fake_unit_of_work
from linli_fees.adapters.unit_of_work import mongo_unit_of_work
from linli_fees.domain.charges import Household
from linli_fees.service_layer import billing, payments, reports
from linli_fees.service_layer.unit_of_work import KnownCompound
from linli_governance import parse_document
from linli_governance.document import to_json

SH = ZoneInfo("Asia/Shanghai")
T = "t1"
AREAS = {"A": 10000, "B": 5000, "C": 8000, "D": 6000}  # 100, 50, 80, 60 m² at 0.30 元: 30, 15, 24, 18 元


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=SH)


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def uows(request):
    uows = fake_unit_of_work(FeesStore()) if request.param == "fake" else None
    if uows is None:
        request.getfixturevalue("mongo_db")
        uows = mongo_unit_of_work
    config = parse_document({"district": {"name": "例区"}, "fees": {"price_fen_per_m2_month": 30}})
    with uows(T) as uow:
        uow.governance.keep(1, to_json(config), {"c": "com"})
        uow.compounds.keep(KnownCompound("c", "例小区", "com"), 1)
        for hid, area in AREAS.items():
            uow.households.keep(Household("c", hid, "1", f"{hid}户", area, ("r",), ()), 1)
    return uows


def bill(uows, period: str, when: datetime) -> None:
    run = billing.start_run(uows(T), f"run-{period}", "fp", "c", period, False, "staff", when)
    billing.run_to_end(uows, T, run.id, lambda: when)


def pay(uows, request_id: str, household: str, fen: int, when: datetime, bill_id: str = "") -> None:
    payments.record_payment(
        uows, T, request_id, request_id, "c", household, bill_id, fen, "cash", "", "s", when, when.date()
    )


def test_the_worked_example(uows):
    bill(uows, "2026-01", at("2026-01-01"))
    pay(uows, "a1", "A", 3000, at("2026-01-10"))
    pay(uows, "b1", "B", 1000, at("2026-01-20"))
    pay(uows, "d1", "D", 5000, at("2026-01-05"))  # 1800 to January, 3200 prepaid
    bill(uows, "2026-02", at("2026-02-01"))  # D's February paid from prepaid (1400 left)
    pay(uows, "a2", "A", 3000, at("2026-02-05"))
    pay(uows, "b2", "B", 2000, at("2026-02-10"))  # oldest first: 500 to January, 1500 to February
    pay(uows, "c2", "C", 2000, at("2026-02-25"), bill_id="c/C/property/2026-02")
    now = at("2026-03-20")

    feb, _ = reports.collection_report(uows(T), "c", "2026-02", now)
    assert (feb.households_billed, feb.households_paid) == (4, 3)
    assert (feb.receivable_fen, feb.received_fen) == (8700, 8300)
    assert (feb.household_rate_bp, feb.amount_rate_bp) == (7500, 9540)
    assert (feb.arrears_opening_fen, feb.arrears_recovered_fen, feb.recovery_rate_bp) == (2900, 500, 1724)

    jan, _ = reports.collection_report(uows(T), "c", "2026-01", now)
    assert (jan.households_paid, jan.receivable_fen, jan.received_fen) == (3, 8700, 6300)
    assert (jan.household_rate_bp, jan.amount_rate_bp, jan.arrears_opening_fen) == (7500, 7241, 0)

    owed = reports.arrears_report(uows(T), "c", now)
    assert [(r.household_key, r.arrears_fen, r.bills, r.days_overdue, r.age) for r in owed.rows] == [
        ("c/C", 2800, 2, 64, "31-90")  # January 2400 (due 01-15) and February 400
    ]
    assert payments.read_account(uows(T), "c", "D").account.prepaid_fen == 1400
