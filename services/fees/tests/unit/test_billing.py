"""Schedules, billing runs and bills on the fakes."""

from __future__ import annotations

import pytest
from linli_fees.domain.charges import round_half_up
from linli_fees.service_layer import billing, payments, schedules
from linli_platform.errors import InvalidField, NotFound

from .helpers import CONFIG, NOW, district, household


def run(uows, period="2026-01", compound="yuying-1", dry_run=False, request_id="r1"):
    started = billing.start_run(
        uows("xingshan"), request_id, request_id + period, compound, period, dry_run, "staff", NOW
    )
    return billing.run_to_end(uows, "xingshan", started.id, lambda: NOW)


def test_the_schedule_in_force_and_not_found_for_an_unknown_compound():
    _, uows = district()
    assert schedules.read_schedule(uows("xingshan"), "yuying-1").property_price_at("2026-01") == 30
    assert schedules.read_schedule(uows("xingshan"), "wanjun").property_price_at("2026-01") == 40
    with pytest.raises(NotFound):
        schedules.read_schedule(uows("xingshan"), "nope")
    with pytest.raises(NotFound):
        schedules.read_schedule(uows("hanyang"), "yuying-1")


def test_a_run_bills_each_household_area_times_price_rounded_once():
    store, uows = district()
    done = run(uows)
    assert (done.status, done.bills_created, done.households_done) == ("done", 2, 2)
    view = payments.read_account(uows("xingshan"), "yuying-1", "101")
    (bill,) = [s.bill for s in view.bills]
    assert bill.amount_fen == round_half_up(6397 * 30, 100) == 1919
    assert bill.facts.lines[0].text == "建筑面积 63.97 m² × 0.30 元/m²·月 × 1 个月 = 19.19 元"
    assert [e.type for e in store.take_events()] == ["linli.fees.v1.BillIssued"] * 2


def test_the_same_run_twice_issues_no_second_bill():
    store, uows = district()
    run(uows, request_id="a")
    again = run(uows, request_id="b")
    assert (again.bills_created, again.bills_existing) == (0, 2)
    assert len(store.tables["bills"]) == 2


def test_a_dry_run_counts_and_previews_and_writes_no_bill():
    store, uows = district()
    dry = run(uows, dry_run=True)
    assert (dry.bills_created, dry.amount_fen) == (2, 1919 + round_half_up(13133 * 30, 100))
    assert dry.preview[0].lines and len(store.tables["bills"]) == 0


def test_a_price_change_splits_a_quarter_into_lines():
    config = {
        **CONFIG,
        "fees": {
            **CONFIG["fees"],
            "cycle": "quarterly",
            "items": [
                {
                    "item": "property",
                    "name": "物业费",
                    "fen": 30,
                    "changes": [{"effective_from": "2026-02", "fen": 40, "decision": "p-7"}],
                },
                {
                    "item": "parking",
                    "name": "停车费",
                    "category": "parking",
                    "method": "fixed",
                    "fen": 15000,
                    "households": ["101"],
                },
            ],
        },
    }
    _, uows = district(config)
    with pytest.raises(InvalidField):
        run(uows, period="2026-01")
    run(uows, period="2026-Q1")
    bills = {
        s.bill.facts.item: s.bill for s in payments.read_account(uows("xingshan"), "yuying-1", "101").bills
    }
    lines = bills["property"].facts.lines
    assert [(line.months, line.fen, line.decision) for line in lines] == [(1, 30, ""), (2, 40, "p-7")]
    assert bills["property"].amount_fen == round_half_up(6397 * 30, 100) + round_half_up(6397 * 40 * 2, 100)
    assert bills["parking"].amount_fen == 45000


def test_vacant_households_pay_the_vacancy_share_and_archived_ones_nothing():
    config = {**CONFIG, "fees": {**CONFIG["fees"], "vacancy": {"percent": 50}}}
    archived = household("103", 9000)
    archived = type(archived)(**{**archived.__dict__, "archived": True})
    _, uows = district(config, [household("101", 6397, residents=()), archived])
    done = run(uows)
    assert done.bills_created == 1 and done.amount_fen == round_half_up(6397 * 30 * 50, 100 * 100)


def test_a_bad_period_names_the_field():
    _, uows = district()
    for bad in ("2026-13", "26-01", "2026-Q5", "x" * 10000):
        with pytest.raises(InvalidField) as err:
            run(uows, period=bad)
        assert err.value.violations[0][0] == "period"


def test_a_district_run_bills_every_compound_at_its_own_price():
    _, uows = district(households=[household("101", 10000), household("201", 10000, compound="wanjun")])
    done = run(uows, compound="")
    assert (done.compound_id, done.bills_created, done.amount_fen) == ("", 2, 3000 + 4000)
    assert payments.read_account(uows("xingshan"), "wanjun", "201").bills[0].bill.amount_fen == 4000
