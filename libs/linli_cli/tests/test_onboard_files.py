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
    assert "district.id" in str(err.value) and "communities.0.colour" in str(err.value)


def test_csv_lines_are_numbered_from_the_header(tmp_path):
    path = tmp_path / "h.csv"
    path.write_bytes(
        (HEADER + "c,1,1-101,,80,\nc,1,1-102,,80\n").encode() + "c,1,1-103,,80,王\n".encode("gbk")
    )
    rows, rejected = read_households(path)
    assert [r.line for r in rows] == [2]
    assert [(r.line, "列" in r.reason or "UTF-8" in r.reason) for r in rejected] == [(3, True), (4, True)]
