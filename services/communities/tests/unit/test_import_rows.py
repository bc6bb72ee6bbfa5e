"""The household import judged row by row, on the in-memory fakes: created, unchanged, rejected.

(The bulk write itself, updates included, runs on the real database in tests/integration and in
tests/contract.)
"""

from __future__ import annotations

import pytest
from linli_communities.adapters.fakes import fake_unit_of_work
from linli_communities.domain.households import HouseholdRecord, Resident
from linli_communities.domain.records import Building
from linli_communities.service_layer.households import import_rows
from linli_platform.testing.fakes import FakeStore


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def uow_for(store):
    uow_for = fake_unit_of_work(store)
    for tenant in ("t1", "t2"):
        uow = uow_for(tenant)
        building = Building(tenant, compound_id="c", building_id="1")
        building.upsert(name="1栋")
        uow.buildings.add(building)
        uow.commit()
    store.take_events()
    return uow_for


@pytest.fixture
def district(uow_for):
    return "t1"


def stored(uow_for, tenant: str):
    return uow_for(tenant).households.page(0, 0, ("compound_id", "household_id"))


def row(household: str, area: int = 8000, building: str = "1", name: str = "张三") -> HouseholdRecord:
    return HouseholdRecord("c", building, household, "", area, (Resident(name, "13812345678", "owner"),))


def test_new_rows_are_created_and_repeats_change_nothing(uow_for, district, store):
    rows = [(2, row("h1")), (3, row("h2"))]
    assert import_rows(uow_for(district), rows, False) == [(2, "created", ""), (3, "created", "")]
    assert import_rows(uow_for(district), rows, False) == [(2, "unchanged", ""), (3, "unchanged", "")]
    assert sorted(e.key for e in store.take_events()) == ["t1:c/h1", "t1:c/h2"]  # one event each


def test_bad_and_duplicate_rows_are_rejected_without_stopping_the_good_ones(uow_for, district):
    results = import_rows(
        uow_for(district),
        [
            (2, row("h1")),
            (3, row("h1")),
            (4, row("h2", building="9")),
            (5, row("h3", area=0)),
            (6, row("h4")),
        ],
        False,
    )
    outcomes = {line: (outcome, reason) for line, outcome, reason in results}
    assert outcomes[2][0] == outcomes[6][0] == "created"
    assert "与第 2 行相同" in outcomes[3][1] and "未知楼栋" in outcomes[4][1] and "面积" in outcomes[5][1]
    assert [h.household_id for h in stored(uow_for, district)[0]] == ["h1", "h4"]


def test_a_dry_run_writes_nothing_but_may_assume_planned_buildings(uow_for, district):
    results = import_rows(uow_for(district), [(2, row("h1", building="2"))], True, frozenset({("c", "2")}))
    assert results == [(2, "created", "")]
    assert stored(uow_for, district)[1] == 0


def test_another_districts_households_are_neither_seen_nor_touched(uow_for, district):
    import_rows(uow_for("t2"), [(2, row("h1", name="别人"))], False)
    assert import_rows(uow_for(district), [(2, row("h1"))], False) == [(2, "created", "")]
    assert uow_for("t2").households.get_by("c", "h1").residents[0].name == "别人"


def test_a_changed_row_is_updated_with_a_new_version(uow_for, district):
    import_rows(uow_for(district), [(2, row("h1"))], False)
    assert import_rows(uow_for(district), [(2, row("h1", area=9000))], False) == [(2, "updated", "")]
    household = uow_for(district).households.get_by("c", "h1")
    assert (household.area_centi_m2, household.version) == (9000, 2)
