"""Regenerate the demo households CSVs (deterministic): `python deploy/demo/make_households.py`.

Counts follow the seeds: 金江公寓 120余户, 招商江山和樾 ~640 户 (1905 人), 育英社区 3200 户 in 34 栋,
湾郡社区 6549 户 in three compounds. Names and phones are made up; the first household of each
district belongs to the demo `resident@<district>` token so residents can act in the demo.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰凤云海波宇浩然晨欣怡子涵梓轩"
# households per building, per compound (compound id → households)
HOUSEHOLDS = {
    "hanyang": {"jinjiang": 124, "jiangshan-heyue": 640},
    "xingshan": {
        f"yuying-{n}": h for n, h in zip(range(1, 9), (475, 475, 376, 376, 376, 376, 376, 370), strict=True)
    },
    "longtan": {"zhanqian-1": 180, "zhanqian-2": 144, "zhanqian-3": 96},
    "donghu": {"anpudun": 2600, "xinlongwan": 2100, "tianxiang": 1849},
}


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def rows(district: str, compounds: dict[str, list[str]], rng: random.Random):
    first = True
    for compound, total in HOUSEHOLDS[district].items():
        buildings = compounds[compound]
        per, extra = divmod(total, len(buildings))
        for index, building in enumerate(buildings):
            count = per + (1 if index < extra else 0)
            for n in range(count):
                unit, rest = divmod(n, 24)
                floor, door = divmod(rest, 2)
                household = f"{building}-{unit + 1}-{floor + 1}{door + 1:02d}"
                label = f"{building}栋{unit + 1}单元{floor + 1}{door + 1:02d}室"
                area = rng.randrange(4500, 14000) if district != "longtan" else rng.randrange(3800, 7000)
                tenure = "renter" if rng.random() < 0.15 else "owner"
                residents = [f"{person(rng)}:1{rng.choice('3578')}{rng.randrange(10**9):09d}:{tenure}"]
                if rng.random() < 0.5:
                    residents.append(f"{person(rng)}::{tenure}")
                if first:  # the demo resident token's own household
                    name, phone, _ = residents[0].split(":")
                    residents[0] = f"{name}:{phone}:owner:resident@{district}"
                    first = False
                yield [compound, building, household, label, f"{area / 100:.2f}", ";".join(residents)]


def main() -> None:
    for spec_path in sorted(HERE.glob("*.yaml")):
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        district = spec["district"]["id"]
        if district not in HOUSEHOLDS:
            continue
        compounds = {}
        for community in spec["communities"]:
            for compound in community["compounds"]:
                raw = compound["buildings"]
                compounds[compound["id"]] = (
                    [str(n) for n in range(1, raw + 1)]
                    if isinstance(raw, int)
                    else [str(b["id"] if isinstance(b, dict) else b) for b in raw]
                )
        out = HERE / spec["households"]
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["compound_id", "building_id", "household_id", "label", "area_m2", "residents"])
            writer.writerows(rows(district, compounds, random.Random(district)))
        print(f"{out.name}: {sum(HOUSEHOLDS[district].values())} households", file=sys.stderr)


if __name__ == "__main__":
    main()
