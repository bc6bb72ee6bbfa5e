"""Onboarding a district file: what one entry of the file does to its stored record.

An entry names its record by natural key and gives only the fields the file sets: a field left out
keeps its stored value (a new record takes the default), a field given — even empty — replaces it.
Judging an entry tells what would change, field by field, and what the change removes (an archive,
an ended contract, a dropped login link or member), which the caller refuses unless removals are
allowed. Pure: the records are passed in, nothing is read or written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, is_dataclass
from typing import Any

from linli_communities.domain.households import Resident
from linli_communities.domain.organisations import Member
from linli_communities.domain.records import CREATED, UNCHANGED, UPDATED, Record

ARCHIVED = "archived"
KIND_NAMES = {
    "community": "社区",
    "compound": "小区",
    "building": "楼栋",
    "property_firm": "物业企业",
    "contract": "物业合同",
    "organisation": "组织",
    "household": "住户",
}


@dataclass(frozen=True)
class Entry:
    """One record of the file: its kind, natural key, the fields it sets, and where it is."""

    kind: str
    keys: tuple[str, ...]
    given: dict[str, Any]
    path: str

    @property
    def key(self) -> str:
        return ("@" if self.kind == "contract" else "/").join(self.keys)


@dataclass
class Judged:
    """What an entry does: its outcome, the changed fields (field, before, after), what it removes."""

    entry: Entry
    change: str = UNCHANGED
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    removes: str = ""


def shown(value: Any) -> str:
    """A field's value as people read it in a plan."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(shown(v) for v in value) or "（空）"
    if isinstance(value, Member):
        return f"{value.name}（{value.subject}）"
    if isinstance(value, Resident):
        return value.name + (f"（{value.subject}）" if value.subject else "")
    if is_dataclass(value):
        return str(value)
    return "（空）" if value in ("", None) else str(value)


def judge(entry: Entry, record: Record, values: dict[str, Any]) -> Judged:
    """Compare `values` (what the record will hold) with `record` as stored (or new)."""
    judged = Judged(entry)
    if record.is_new:
        judged.change = CREATED
        judged.fields = [(f, "", shown(v)) for f, v in values.items() if v not in ("", [], None, False)]
        return judged
    judged.fields = [
        (f, shown(getattr(record, f)), shown(v)) for f, v in values.items() if getattr(record, f) != v
    ]
    if not judged.fields:
        return judged
    judged.change = UPDATED
    removed = removals(entry.kind, record, values)
    if removed:
        judged.removes = "；".join(removed)
    if _archives(record, values):
        judged.change = ARCHIVED
    return judged


def _archives(record: Record, values: dict[str, Any]) -> bool:
    if values.get("archived") is True and getattr(record, "archived", False) is False:
        return True
    return values.get("active") is False and getattr(record, "active", False) is True


def removals(kind: str, record: Record, values: dict[str, Any]) -> list[str]:
    """What replacing the stored `record`'s fields by `values` removes (Chinese), if anything."""
    found: list[str] = []
    name = KIND_NAMES.get(kind, kind)
    if values.get("archived") is True and getattr(record, "archived", False) is False:
        found.append(f"归档{name} {record.id}")
    if kind == "contract" and values.get("active") is False and getattr(record, "active", False):
        found.append(f"终止物业合同 {record.id}")
    leader = getattr(record, "leader_subject", "")
    if kind == "building" and leader and values.get("leader_subject", leader) != leader:
        found.append(f"楼栋长的登录关联（{leader}）")
    if kind == "organisation" and "members" in values:
        kept = {m.subject for m in values["members"]}
        gone = [m for m in getattr(record, "members", []) if m.subject not in kept]
        found.extend(f"成员 {shown(m)}" for m in gone)
    if kind == "household" and "residents" in values:
        found.extend(dropped_links(getattr(record, "residents", []), values["residents"]))
    return found


def dropped_links(before: list[Resident], after: list[Resident]) -> list[str]:
    """The login links (resident subjects) stored before and absent after (Chinese)."""
    kept = {r.subject for r in after if r.subject}
    return [
        f"住户「{r.name}」的登录关联（{r.subject}）" for r in before if r.subject and r.subject not in kept
    ]
