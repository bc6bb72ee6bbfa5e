"""What `linli onboard` reads: the district YAML (pydantic-checked, every problem with its path and
line, in Chinese) and the households CSV, row by row.

The CSV is read as bytes and decoded line by line, so one line in a foreign encoding is reported
with its number instead of failing the whole file. Any problem anywhere stops the whole onboarding
before anything is sent.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import yaml
from linli_platform.messages_zh import pydantic_message
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CSV_COLUMNS = ("compound_id", "building_id", "household_id", "label", "area_m2", "residents")
ID = r"^[a-z0-9][a-z0-9-]{0,63}$"


class Strict(BaseModel):
    """A mapping of the file: unknown keys are refused, and a field left out is not sent at all
    (the stored value stays); a field given as `null` clears it."""

    model_config = ConfigDict(extra="forbid")

    def given(self, *names: str) -> dict[str, Any]:
        """The fields the file sets: their value, or the cleared value ("", [], False) for null."""
        out: dict[str, Any] = {}
        for name in names:
            if name in self.model_fields_set:
                value = getattr(self, name)
                out[name] = CLEARED.get(name, "") if value is None else value
        return out


CLEARED = {"services": [], "compounds": [], "specialties": [], "members": [], "archived": False}
Text = str | None


def _iso_date(value: Any) -> Any:
    """An unquoted YAML date (2025-08-01) is a date object: take it as its text."""
    return value.isoformat() if isinstance(value, date) else value


class BuildingSpec(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")
    name: Text = None
    leader_name: Text = None
    leader_subject: Text = None
    archived: bool | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _number(cls, value):
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class CompoundSpec(Strict):
    id: str = Field(pattern=ID)
    name: Text = Field(default=None, min_length=1, max_length=100)
    address: Text = Field(default=None, max_length=300)
    archived: bool | None = None
    buildings: list[BuildingSpec] = []

    @field_validator("buildings", mode="before")
    @classmethod
    def _short_form(cls, value):
        """`buildings: 5` means buildings 1..5; a plain id in the list is a building id."""
        if value is None:
            return []
        if isinstance(value, bool) or not isinstance(value, int | list):
            raise ValueError(f"应为楼栋列表或楼栋数量（整数），不是 {value!r}")
        if isinstance(value, int):
            if not 0 <= value <= 2000:
                raise ValueError(f"楼栋数量应在 0 到 2000 之间，不是 {value}")
            return [{"id": str(n)} for n in range(1, value + 1)]
        return [{"id": str(v)} if isinstance(v, str | int) and not isinstance(v, bool) else v for v in value]


class CommunitySpec(Strict):
    id: str = Field(pattern=ID)
    name: Text = Field(default=None, min_length=1, max_length=100)
    street: Text = Field(default=None, max_length=100)
    archived: bool | None = None
    compounds: list[CompoundSpec] = []


class ContractSpec(Strict):
    compound: str = Field(pattern=ID)
    services: list[str] | None = None
    starts_on: Text = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    ends_on: Text = Field(default=None, pattern=r"^(\d{4}-\d{2}-\d{2})?$")
    contact: Text = Field(default=None, max_length=100)
    active: bool | None = None
    archived: bool | None = None  # `archived: true` ends the contract (active: false)

    @field_validator("starts_on", "ends_on", mode="before")
    @classmethod
    def _dates(cls, value):
        return _iso_date(value)


class FirmSpec(Strict):
    id: str = Field(pattern=ID)
    name: Text = Field(default=None, min_length=1, max_length=100)
    contact: Text = Field(default=None, max_length=100)
    contracts: list[ContractSpec] = []


class MemberSpec(Strict):
    subject: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=50)
    position: Literal["chair", "vice_chair", "member"] = "member"
    party_member: bool = False
    title: str = ""


class OrganisationSpec(Strict):
    id: str = Field(pattern=ID)
    kind: Literal["committee", "council", "self_management_team", "cooperative", "volunteer_team"]
    name: Text = Field(default=None, min_length=1, max_length=100)
    community: Text = None
    compounds: list[str] | None = None
    specialties: list[str] | None = None
    members: list[MemberSpec] | None = None
    archived: bool | None = None


class DistrictSpec(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]{1,39}$")
    name: str = Field(min_length=1, max_length=100)


class ArchiveSpec(Strict):
    """Households to archive, as "compound_id/household_id" (they are not in the CSV any more)."""

    households: list[str] = []


class OnboardingFile(Strict):
    """One district's onboarding document (see deploy/demo/*.yaml and deploy/demo/README.md)."""

    district: DistrictSpec
    communities: list[CommunitySpec] = []
    property_firms: list[FirmSpec] = []
    organisations: list[OrganisationSpec] = []
    archive: ArchiveSpec = ArchiveSpec()
    households: str = ""  # CSV next to the YAML, used when --households is not given
    lines: dict[str, int] = Field(default_factory=dict, exclude=True)  # path → line (filled by load_yaml)

    def buildings(self, archived: bool = False) -> list[str]:
        """ "compound/building" of the file's buildings (those it archives when `archived`)."""
        return [
            f"{c.id}/{b.id}"
            for m in self.communities
            for c in m.compounds
            for b in c.buildings
            if bool(b.archived) == archived
        ]

    def line(self, path: str) -> int | None:
        return self.lines.get(path)


def load_yaml(path: Path) -> OnboardingFile:
    """The parsed file, or ValueError listing every problem with its path and line (Chinese)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}：不是 UTF-8 文本") from exc
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "文件"
        why = getattr(exc, "problem", None) or str(exc)
        raise ValueError(f"{path} 不是有效的 YAML（{where}：{why}；文件可能不完整）") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path} 有误：\n  （文件）: 应为映射，至少含 district（区）")
    lines = _lines(root)
    try:
        spec = OnboardingFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = dotted(error["loc"])
            line = _line_of(lines, error["loc"])
            at = f"（第 {line} 行）" if line else ""
            problems.append(f"  {where}{at}: {pydantic_message(error)}")
        raise ValueError(f"{path} 有误，共 {len(problems)} 处：\n" + "\n".join(problems)) from exc
    spec.lines = lines
    problems = file_problems(spec)
    if problems:
        listed = "\n".join(f"  {p}" for p in problems)
        raise ValueError(f"{path} 有误，共 {len(problems)} 处：\n{listed}")
    return spec


def dotted(loc) -> str:
    """('communities', 0, 'compounds', 1, 'id') → communities[0].compounds[1].id"""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "（文件）"


def _lines(root) -> dict[str, int]:
    """Every mapping key's and sequence item's path → its 1-based line."""
    found: dict[str, int] = {}

    def walk(node, path: str) -> None:
        found.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{path}.{key.value}" if path else str(key.value)
                found[child] = key.start_mark.line + 1
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{path}[{i}]")

    if root is not None:
        walk(root, "")
    return found


def _line_of(lines: dict[str, int], loc) -> int | None:
    """The line of the deepest part of `loc` the file has (a missing key: its mapping's line)."""
    parts = list(loc)
    while parts:
        line = lines.get(dotted(parts))
        if line:
            return line
        parts.pop()
    return None


def file_problems(spec: OnboardingFile) -> list[str]:
    """Duplicates within the file, by path and line."""
    problems: list[str] = []
    first: dict[tuple, str] = {}

    def once(kind: str, key: tuple, path: str) -> None:
        if key in first:
            line = spec.line(path)
            at = f"（第 {line} 行）" if line else ""
            problems.append(f"{path}{at}: 重复的{kind}：与 {first[key]} 相同（{'/'.join(key[1:])}）")
        else:
            first[key] = path

    for i, community in enumerate(spec.communities):
        once("社区", ("community", community.id), f"communities[{i}]")
        for j, compound in enumerate(community.compounds):
            at = f"communities[{i}].compounds[{j}]"
            once("小区", ("compound", compound.id), at)
            for k, building in enumerate(compound.buildings):
                once("楼栋", ("building", compound.id, building.id), f"{at}.buildings[{k}]")
    for i, firm in enumerate(spec.property_firms):
        once("物业企业", ("firm", firm.id), f"property_firms[{i}]")
        for j, contract in enumerate(firm.contracts):
            path = f"property_firms[{i}].contracts[{j}]"
            once("物业合同", ("contract", firm.id, contract.compound), path)
    for i, org in enumerate(spec.organisations):
        once("组织", ("organisation", org.id), f"organisations[{i}]")
        subjects: dict[str, int] = {}
        for j, member in enumerate(org.members or []):
            if member.subject in subjects:
                earlier = subjects[member.subject]
                path = f"organisations[{i}].members[{j}]"
                problems.append(f"{path}: 重复的成员 {member.subject}（与 members[{earlier}] 相同）")
            subjects.setdefault(member.subject, j)
    for i, key in enumerate(spec.archive.households):
        if "/" not in key:
            problems.append(f"archive.households[{i}]: 应写作 小区ID/户号，不是 {key!r}")
        once("待归档住户", ("archive", key), f"archive.households[{i}]")
    return problems


@dataclass(slots=True)
class Row:
    line: int
    compound_id: str
    building_id: str
    household_id: str
    label: str
    area_centi_m2: int
    residents: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, phone, tenure, subject
    archive: bool = False  # archive the stored household (from the YAML's archive.households)


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
