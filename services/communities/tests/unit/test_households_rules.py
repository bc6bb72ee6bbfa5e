"""Household rules: phone masking, area bounds, what makes a row unimportable."""

from __future__ import annotations

import pytest
from linli_communities.domain.households import HouseholdRecord, Resident, mask_phone, record_problem

BUILDINGS = {("jinjiang", "1")}


def record(**changes) -> HouseholdRecord:
    values = {
        "compound_id": "jinjiang",
        "building_id": "1",
        "household_id": "1-1-101",
        "label": "1栋101",
        "area_centi_m2": 8650,
        "residents": (Resident("张三", "13812345678", "owner"),),
    }
    return HouseholdRecord(**{**values, **changes})


@pytest.mark.parametrize(
    ("phone", "masked"), [("13812345678", "138****5678"), ("027-84000000", "027*****0000"), ("1234", "****")]
)
def test_phones_keep_only_enough_to_recognise(phone, masked):
    assert mask_phone(phone) == masked


def test_a_good_household_has_no_problem():
    assert record_problem(record(), BUILDINGS) is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"area_centi_m2": 0}, "area_centi_m2"),
        ({"area_centi_m2": 1_000_001}, "area_centi_m2"),
        ({"building_id": "9"}, "building_id"),
        ({"household_id": "1/1"}, "household_id"),
        ({"residents": (Resident("", "13812345678"),)}, "residents"),
        ({"residents": (Resident("李四", "12345"),)}, "residents"),
        ({"residents": (Resident("李四", "", "landlord"),)}, "residents"),
    ],
)
def test_each_broken_rule_names_its_field(changes, field):
    found = record_problem(record(**changes), BUILDINGS)
    assert found is not None and found[0] == field


def test_the_largest_allowed_area_is_ten_thousand_square_metres():
    assert record_problem(record(area_centi_m2=1_000_000), BUILDINGS) is None
