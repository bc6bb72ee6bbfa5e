"""What `linli onboard` reads: the district YAML (pydantic-checked) and the households CSV, row by row.

The CSV is read as bytes and decoded line by line, so one line in a foreign encoding is reported
with its number instead of failing the whole file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CSV_COLUMNS = ("compound_id", "building_id", "household_id", "label", "area_m2", "residents")
ID = r"^[a-z0-9][a-z0-9-]{0,63}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BuildingSpec(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")
    name: str = ""
    leader_name: str = ""
    leader_subject: str = ""


class CompoundSpec(Strict):
    id: str = Field(pattern=ID)
    name: str = Field(min_length=1, max_length=100)
    address: str = ""
    buildings: list[BuildingSpec] = []

    @field_validator("buildings", mode="before")
    @classmethod
    def _short_form(cls, value):
        """`buildings: 5` means buildings 1..5; a plain string is a building id."""
        if isinstance(value, int):
            return [{"id": str(n)} for n in range(1, value + 1)]
        return [{"id": str(v)} if isinstance(v, str | int) else v for v in value or []]


class CommunitySpec(Strict):
    id: str = Field(pattern=ID)
    name: str = Field(min_length=1, max_length=100)
    street: str = ""
    compounds: list[CompoundSpec] = []


class ContractSpec(Strict):
    compound: str
    services: list[str] = []
    starts_on: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    ends_on: str = ""
    contact: str = ""
    active: bool = True


class FirmSpec(Strict):
    id: str = Field(pattern=ID)
    name: str = Field(min_length=1, max_length=100)
    contact: str = ""
    contracts: list[ContractSpec] = []


class MemberSpec(Strict):
    subject: str
    name: str
    position: Literal["chair", "vice_chair", "member"] = "member"
    party_member: bool = False
    title: str = ""


class OrganisationSpec(Strict):
    id: str = Field(pattern=ID)
    kind: Literal["committee", "council", "self_management_team", "cooperative", "volunteer_team"]
    name: str = Field(min_length=1, max_length=100)
    community: str
    compounds: list[str] = []
    specialties: list[str] = []
    members: list[MemberSpec] = []


class DistrictSpec(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]{1,39}$")
    name: str = Field(min_length=1, max_length=100)


class OnboardingFile(Strict):
    """One district's onboarding document (see deploy/demo/*.yaml)."""

    district: DistrictSpec
    communities: list[CommunitySpec] = []
    property_firms: list[FirmSpec] = []
    organisations: list[OrganisationSpec] = []
    households: str = ""  # CSV next to the YAML, used when --households is not given

    def buildings(self) -> list[str]:
        return [f"{c.id}/{b.id}" for m in self.communities for c in m.compounds for b in c.buildings]


def load_yaml(path: Path) -> OnboardingFile:
    """The parsed file, or ValueError listing every problem with its path (Chinese)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}：不是有效的 UTF-8 YAML（{exc}）") from exc
    try:
        return OnboardingFile.model_validate(data)
    except ValidationError as exc:
        problems = "\n".join(f"  {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"{path} 有误：\n{problems}") from exc


@dataclass(slots=True)
class Row:
    line: int
    compound_id: str
    building_id: str
    household_id: str
    label: str
    area_centi_m2: int
    residents: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, phone, tenure, subject


@dataclass
class Rejected:
    line: int
    reason: str


def parse_area(text: str) -> int:
    """'86.5' → 8650 hundredths of m²; anything else is a ValueError with the reason (Chinese)."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation as exc:
        raise ValueError(f"面积 {text!r} 不是数字") from exc
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise ValueError(f"面积 {text!r} 最多保留两位小数")
    return int(value * 100)


def parse_residents(text: str) -> list[tuple[str, str, str, str]]:
    """'张三:13800001234:owner:subject;李四::renter' → [(name, phone, tenure, subject), …]."""
    residents = []
    for part in filter(None, (p.strip() for p in re.split(r"[;；]", text))):
        name, phone, tenure, subject = ([*part.split(":"), "", "", ""])[:4]
        residents.append((name.strip(), phone.strip(), tenure.strip(), subject.strip()))
    return residents


def read_households(path: Path) -> tuple[list[Row], list[Rejected]]:
    """Every data line of the CSV as a Row, or as Rejected with its 1-based line number and reason."""
    rows: list[Row] = []
    rejected: list[Rejected] = []
    first: dict[tuple[str, str], int] = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                text = raw.decode("utf-8").lstrip("\ufeff").rstrip("\r\n")
            except UnicodeDecodeError:
                rejected.append(Rejected(number, "编码错误：该行不是 UTF-8 文本"))
                continue
            if number == 1:
                header = tuple(c.strip() for c in next(csv.reader([text])))
                if header != CSV_COLUMNS:
                    raise ValueError(f"{path}：第 1 行应为表头 {','.join(CSV_COLUMNS)}")
                continue
            if not text.strip():
                continue
            outcome = _row(number, text, first)
            (rows if isinstance(outcome, Row) else rejected).append(outcome)
    return rows, rejected


def _row(number: int, text: str, first: dict[tuple[str, str], int]) -> Row | Rejected:
    cells = next(csv.reader([text]))
    if len(cells) != len(CSV_COLUMNS):
        return Rejected(number, f"应有 {len(CSV_COLUMNS)} 列，实有 {len(cells)} 列")
    compound, building, household, label, area, residents = (c.strip() for c in cells)
    try:
        area_centi = parse_area(area)
    except ValueError as exc:
        return Rejected(number, str(exc))
    parsed = parse_residents(residents)
    for _, _, tenure, _ in parsed:
        if tenure not in ("owner", "renter", ""):
            return Rejected(number, f"住户身份 {tenure!r} 应为 owner（业主）或 renter（租户）")
    key = (compound, household)
    if key in first:
        return Rejected(number, f"重复的住户：与第 {first[key]} 行相同（小区 {compound}，户号 {household}）")
    first[key] = number
    return Row(number, compound, building, household, label, area_centi, parsed)
