"""Reading onboarding files: the YAML model, areas, residents, CSV lines judged one by one."""

from __future__ import annotations

import pytest
from linli_cli.demo import DEMO_DIR, DEMO_FILES
from linli_cli.onboard_files import load_yaml, parse_area, parse_residents, read_households

HEADER = "compound_id,building_id,household_id,label,area_m2,residents\n"


@pytest.mark.parametrize(("text", "centi"), [("86.5", 8650), ("86.50", 8650), (" 120 ", 12000), ("0.01", 1)])
def test_areas_become_hundredths_of_a_square_metre(text, centi):
    assert parse_area(text) == centi


@pytest.mark.parametrize("text", ["abc", "86.505", "", "nan", "inf"])
def test_bad_areas_are_refused(text):
    with pytest.raises(ValueError):
        parse_area(text)


def test_residents_are_name_phone_tenure_subject():
    assert parse_residents("张三:13812345678:owner:u1；李四::renter") == [
        ("张三", "13812345678", "owner", "u1"),
        ("李四", "", "renter", ""),
    ]


def test_every_demo_file_is_valid_and_its_csv_has_no_bad_rows():
    sizes = {}
    for name in DEMO_FILES:
        spec = load_yaml(DEMO_DIR / name)
        rows, rejected = read_households(DEMO_DIR / spec.households)
        assert rejected == []
        sizes[spec.district.id] = len(rows)
        declared = set(spec.buildings())
        assert {f"{r.compound_id}/{r.building_id}" for r in rows} <= declared
    assert sizes["xingshan"] == 3200 and sizes["donghu"] == 6549
    xingshan = load_yaml(DEMO_DIR / "xingshan.yaml")
    assert [len(c.compounds) for c in xingshan.communities] == [8]
    assert sum(len(c.buildings) for c in xingshan.communities[0].compounds) == 34


def test_a_yaml_problem_names_its_path(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(
        "district: {id: Bad!, name: x}\ncommunities: [{id: a, name: b, colour: red}]\n", encoding="utf-8"
    )
    with pytest.raises(ValueError) as err:
        load_yaml(path)
    assert "district.id（第 1 行）" in str(err.value) and "communities[0].colour（第 2 行）" in str(err.value)
    assert "不认识的字段" in str(err.value)


@pytest.mark.parametrize(
    ("buildings", "why"),
    [("many", "不是 'many'"), ("true", "不是 True"), ("-1", "0 到 2000"), ("{a: 1}", "楼栋列表或楼栋数量")],
)
def test_buildings_are_a_list_or_a_count_never_a_string(tmp_path, buildings, why):
    path = tmp_path / "d.yaml"
    path.write_text(
        "district: {id: hanyang, name: 汉阳区}\ncommunities:\n  - id: a\n    name: 社区\n    compounds:\n"
        f"      - id: c\n        name: 小区\n        buildings: {buildings}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as err:
        load_yaml(path)
    assert "communities[0].compounds[0].buildings（第 8 行）" in str(err.value) and why in str(err.value)


def test_a_field_left_out_is_not_set_and_null_clears_it(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(
        "district: {id: hanyang, name: 汉阳区}\ncommunities:\n  - {id: a, street: null}\n"
        "property_firms:\n  - id: f\n    contracts: [{compound: c, starts_on: 2025-08-01, services: null}]\n",
        encoding="utf-8",
    )
    spec = load_yaml(path)
    community = spec.communities[0]
    assert community.given("name", "street", "archived") == {"street": ""}
    contract = spec.property_firms[0].contracts[0]
    assert contract.given("starts_on", "services", "ends_on") == {"starts_on": "2025-08-01", "services": []}


def test_a_truncated_yaml_is_refused_with_its_line(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(
        "district: {id: hanyang, name: 汉阳区}\ncommunities:\n  - {id: a, name: 社", encoding="utf-8"
    )
    with pytest.raises(ValueError) as err:
        load_yaml(path)
    assert "不是有效的 YAML" in str(err.value) and "第 3 行" in str(err.value)


def test_duplicates_in_the_file_are_named_with_the_first(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(
        "district: {id: hanyang, name: 汉阳区}\ncommunities:\n  - id: a\n    name: 社区\n    compounds:\n"
        "      - {id: c, name: 小区, buildings: [1, 2, 1]}\n  - {id: a, name: 又一个}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as err:
        load_yaml(path)
    text = str(err.value)
    assert "communities[0].compounds[0].buildings[2]（第 6 行）: 重复的楼栋" in text
    assert "communities[1]（第 7 行）: 重复的社区：与 communities[0] 相同" in text


def test_csv_lines_are_numbered_from_the_header(tmp_path):
    path = tmp_path / "h.csv"
    path.write_bytes(
        (HEADER + "c,1,1-101,,80,\nc,1,1-102,,80\n").encode() + "c,1,1-103,,80,王\n".encode("gbk")
    )
    rows, rejected = read_households(path)
    assert [r.line for r in rows] == [2]
    assert [(r.line, "列" in r.reason or "UTF-8" in r.reason) for r in rejected] == [(3, True), (4, True)]
