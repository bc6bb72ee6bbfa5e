"""The demo districts carry the seeds' sizes (`linli dev` loads them whole; the e2e system loads a slice)."""

from __future__ import annotations

import csv

from linli_cli import demo


def _households(name: str) -> list[dict]:
    with open(demo.DEMO_DIR / f"{name}-households.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_demo_files_have_the_seeds_household_counts():
    assert len(_households("xingshan")) == 3200  # 育英社区: 3200 户
    assert len(_households("donghu")) == 6549  # 湾郡社区: 6549 户
    jinjiang = [row for row in _households("hanyang") if row["compound_id"] == "jinjiang"]
    assert len(jinjiang) >= 120  # 金江公寓: 120 余户


def test_a_household_limit_keeps_the_header_and_the_first_rows(tmp_path):
    sliced = demo._first_rows(demo.DEMO_DIR / "hanyang-households.csv", 5)
    with open(sliced, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["household_id"] for r in rows] == [r["household_id"] for r in _households("hanyang")[:5]]
