"""The fees repositories: the in-memory fakes behave as the MongoDB ones do.

Every test runs on the fake and on the real Mongo-wire server (SecantusDB, integration): the bill's
uniqueness per household, item and period, the batch insert, the accounts' aggregations the
reports read, the copies kept by version, and tenancy.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from linli_fees.adapters.fakes import FeesStore, fake_unit_of_work
from linli_fees.adapters.unit_of_work import mongo_unit_of_work
from linli_fees.domain.account import FeeAccount
from linli_fees.domain.bill import Bill
from linli_fees.domain.charges import Household, charge_lines
from linli_fees.domain.entries import OpenBill
from linli_fees.domain.periods import parse_period
from linli_fees.domain.schedule import ItemSchedule, Step
from linli_fees.service_layer.unit_of_work import KnownCompound
from linli_platform.errors import Aborted

AT = datetime(2026, 2, 1, 2, 0, tzinfo=UTC)
ITEM = ItemSchedule("property", "物业费", "property", "per_area", (Step(None, 30, ""),), frozenset(), 100)


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def uow(request):
    if request.param == "fake":
        return fake_unit_of_work(FeesStore())
    request.getfixturevalue("mongo_db")
    return mongo_unit_of_work


def hh(hid: str, area: int = 6397, compound: str = "c1") -> Household:
    return Household(compound, hid, "1", f"{hid}室", area, ("res",), ())


def bill(h: Household, period: str = "2026-01", run_id: str = "r") -> Bill:
    p = parse_period(period)
    return Bill.issue("t1", h, ITEM, p, charge_lines(ITEM, h, p), 15, run_id, 1)


def test_households_are_kept_by_version_and_read_by_shard(uow):
    with uow("t1") as work:
        work.households.keep(hh("101", 5000), 2)
        work.households.keep(hh("101", 9999), 1)  # late: changes nothing
        work.households.keep(hh("102"), 1)
        work.compounds.keep(KnownCompound("c1", "一小区", "com"), 1)
    got = uow("t1").households.find("c1", "101")
    assert got.area_centi_m2 == 5000 and uow("t2").households.find("c1", "101") is None
    shards = [h.household_id for s in range(64) for h in uow("t1").households.in_shard("c1", s)]
    assert sorted(shards) == ["101", "102"] and uow("t1").households.count("c1") == 2
    assert uow("t1").compounds.find("c1").name == "一小区" and uow("t2").compounds.find("c1") is None


def test_a_bill_is_inserted_once_per_household_item_and_period(uow):
    first = [bill(hh("101")), bill(hh("102"))]
    assert uow("t1").bills.insert_new(first) == {b.id for b in first}
    again = [bill(hh("101"), run_id="other"), bill(hh("103"))]
    assert uow("t1").bills.insert_new(again) == {again[1].id}
    assert uow("t1").bills.get(first[0].id).facts.run_id == "r"
    assert uow("t1").bills.existing([first[0].id, "nope/x/property/2026-01"]) == {first[0].id}
    assert uow("t2").bills.find(first[0].id) is None
    assert [b.facts.household_id for b in uow("t1").bills.page("c1", "", "2026-01", 0, 10)[0]] == [
        "101",
        "102",
        "103",
    ]


def test_accounts_and_the_reports_aggregations(uow):
    h1, h2 = hh("101"), hh("102")
    jan, feb = bill(h1), bill(h1, "2026-02")
    uow("t1").bills.insert_new([jan, feb, bill(h2)])
    with uow("t1") as work:
        account = FeeAccount("t1", h1)
        work.accounts.add(account)
        account.pay(
            "p1",
            "fp",
            5000,
            "cash",
            "",
            "staff",
            AT,
            [OpenBill(jan.id, "2026-01", jan.amount_fen), OpenBill(feb.id, "2026-02", feb.amount_fen)],
        )
        work.commit()
    reads = uow("t1")
    assert reads.bills.receivable_by_household("c1", "2026-01") == {"c1/101": 1919, "c1/102": 1919}
    assert reads.bills.receivable_before("c1", "2026-02") == 2 * 1919
    assert reads.accounts.received_by_household("c1", "2026-01") == {"c1/101": 1919}
    assert reads.accounts.paid_by_bill("c1") == {jan.id: 1919, feb.id: 1919}
    assert reads.accounts.paid_before("c1", "2026-02", datetime(2026, 3, 1, tzinfo=UTC)) == 1919
    assert (
        reads.accounts.recovered(
            "c1", "2026-02", datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC)
        )
        == 1919
    )
    assert [a.prepaid_fen for a in reads.accounts.with_prepaid("c1")] == [5000 - 2 * 1919]
    assert uow("t2").accounts.of_compound("c1") == []
    got = uow("t1").accounts.get("c1/101")
    assert got.entry("p1").receipt_no == "c1-101-0001" and got.paid() == {jan.id: 1919, feb.id: 1919}


def test_two_writers_of_one_account_one_wins(uow):
    with uow("t1") as work:
        work.accounts.add(FeeAccount("t1", hh("101")))
        work.commit()
    first, second = uow("t1"), uow("t1")
    mine, theirs = first.accounts.get("c1/101"), second.accounts.get("c1/101")
    mine.pay("a", "fa", 100, "cash", "", "s", AT, [])
    first.commit()
    theirs.pay("b", "fb", 100, "cash", "", "s", AT, [])
    with pytest.raises(Aborted):
        second.commit()
    assert uow("t1").accounts.get("c1/101").prepaid_fen == 100


def test_bills_held_by_a_prepayment_are_kept_with_the_account_and_found_until_issued(uow):
    held = [bill(hh("101"), p, "prepay:pp1") for p in ("2026-03", "2026-04")]
    with uow("t1") as work:
        account = FeeAccount("t1", hh("101"))
        work.accounts.add(account)
        account.prepay("pp1", "fp", held, 3838, "cash", "", "s", AT, "交2个月", "")
        work.accounts.add(FeeAccount("t1", hh("102")))
        work.commit()
    reads = uow("t1")
    (holder,) = reads.accounts.issuing("c1")
    assert [b.id for b in holder.issuing] == [b.id for b in held]
    assert [line.text for line in holder.issuing[0].facts.lines] == [
        line.text for line in held[0].facts.lines
    ]
    assert holder.issuing[0].amount_fen == 1919 and holder.paid() == {b.id: 1919 for b in held}
    assert [a.id for a in reads.accounts.issuing("")] == ["c1/101"]
    assert uow("t2").accounts.issuing("c1") == [] and uow("t2").accounts.issuing("") == []
    with uow("t1") as work:
        assert work.bills.insert_new(work.accounts.get("c1/101").issuing) == {b.id for b in held}
        work.accounts.get("c1/101").issued({b.id for b in held})
        work.commit()
    assert uow("t1").accounts.issuing("c1") == []
    assert [b.facts.run_id for b in uow("t1").bills.of_household("c1", "101")] == ["prepay:pp1"] * 2


def test_months_a_period_of_another_cycle_billed(uow):
    with uow("t1") as work:
        work.bills.insert_new(
            [bill(hh("101"), "2026-Q1"), bill(hh("102"), "2026-02"), bill(hh("101", compound="c2"))]
        )
    reads = uow("t1")
    assert reads.bills.any_of("c1", ["2026", "2026-Q1"]) and not reads.bills.any_of("c1", ["2026"])
    assert reads.bills.any_of("", ["2026-01"]) and not uow("t2").bills.any_of("", ["2026-Q1", "2026-02"])
    assert reads.bills.months_billed("c1", ["2026-Q1", "2026-02"], ["101"]) == {
        ("c1/101", "property"): {"2026-01", "2026-02", "2026-03"}
    }
    assert reads.bills.months_billed("", ["2026-01", "2026-02"], ["101", "102"]) == {
        ("c1/102", "property"): {"2026-02"},
        ("c2/101", "property"): {"2026-01"},
    }
    assert uow("t2").bills.months_billed("c1", ["2026-Q1"], ["101"]) == {}
