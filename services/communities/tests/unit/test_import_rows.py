"""The household import judged row by row, on mongomock: created, unchanged, rejected.

(Updates go through pymongo UpdateOne, which mongomock cannot run: tests/integration covers them.)
"""

from __future__ import annotations

import pytest
from linli_communities.adapters.documents import BuildingDoc, HouseholdDoc
from linli_communities.domain.households import HouseholdRecord, Resident
from linli_communities.service_layer.households import import_rows


@pytest.fixture
def district(mongo_mock):
    for tenant in ("t1", "t2"):
        BuildingDoc(tenant_id=tenant, compound_id="c", building_id="1", name="1栋").save()
    return "t1"


def row(household: str, area: int = 8000, building: str = "1", name: str = "张三") -> HouseholdRecord:
    return HouseholdRecord("c", building, household, "", area, (Resident(name, "13812345678", "owner"),))


def test_new_rows_are_created_and_repeats_change_nothing(district):
    rows = [(2, row("h1")), (3, row("h2"))]
    assert import_rows(district, rows, False) == [(2, "created", ""), (3, "created", "")]
    assert import_rows(district, rows, False) == [(2, "unchanged", ""), (3, "unchanged", "")]
    assert [len(d.outbox) for d in HouseholdDoc.scoped(district)] == [1, 1]


def test_bad_and_duplicate_rows_are_rejected_without_stopping_the_good_ones(district):
    results = import_rows(
        district,
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
    assert sorted(d.household_id for d in HouseholdDoc.scoped(district)) == ["h1", "h4"]


def test_a_dry_run_writes_nothing_but_may_assume_planned_buildings(district):
    results = import_rows(district, [(2, row("h1", building="2"))], True, frozenset({("c", "2")}))
    assert results == [(2, "created", "")]
    assert HouseholdDoc.scoped(district).count() == 0


def test_another_districts_households_are_neither_seen_nor_touched(district):
    import_rows("t2", [(2, row("h1", name="别人"))], False)
    assert import_rows(district, [(2, row("h1"))], False) == [(2, "created", "")]
    assert HouseholdDoc.scoped("t2").get(household_id="h1").residents[0].name == "别人"
