"""Organisations: kinds, member make-up rules (共享物业社 from the district's config), contracts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from linli_governance.deliberation import CooperativeRules
from linli_platform.errors import InvalidField

KINDS = ("committee", "council", "self_management_team", "cooperative", "volunteer_team")
POSITIONS = ("chair", "vice_chair", "member")


@dataclass(frozen=True, slots=True)
class Member:
    subject: str
    name: str
    position: str = "member"
    party_member: bool = False
    title: str = ""


def check_members(kind: str, members: list[Member], rules: CooperativeRules) -> None:
    """Raise InvalidField (field `members`) when the make-up breaks the rules of this kind."""
    subjects = [m.subject for m in members]
    duplicates = sorted({s for s in subjects if subjects.count(s) > 1})
    if duplicates:
        raise InvalidField("members", f"成员 {duplicates[0]} 重复列出")
    chairs = [m for m in members if m.position == "chair"]
    if len(chairs) > 1:
        raise InvalidField("members", "最多一位负责人（chair）")
    if kind == "cooperative":
        check_cooperative(members, rules)


def check_cooperative(members: list[Member], rules: CooperativeRules) -> None:
    """Seed 002: 7–9 members, chair = community party secretary, two vice-chairs, party members > 1/2.

    The numbers come from the district's `cooperative` config section, so another district can differ.
    """
    problems: list[tuple[str, str]] = []
    size = len(members)
    if not rules.min_members <= size <= rules.max_members:
        problems.append(
            ("members", f"共享物业社应有 {rules.min_members}–{rules.max_members} 名成员，实有 {size} 名")
        )
    chairs = [m for m in members if m.position == "chair"]
    if len(chairs) != 1:
        problems.append(("members", "共享物业社应有且只有一位理事长（chair）"))
    elif rules.chair_role and chairs[0].title != rules.chair_role:
        problems.append(("members", f"理事长应由{rules.chair_role}担任"))
    vice = sum(1 for m in members if m.position == "vice_chair")
    if vice != rules.vice_chairs:
        problems.append(("members", f"共享物业社应有 {rules.vice_chairs} 位副理事长，实有 {vice} 位"))
    party = sum(1 for m in members if m.party_member)
    if size and not party > float(rules.party_member_share_gt) * size:
        problems.append(
            (
                "members",
                f"党员应超过成员的 {float(rules.party_member_share_gt):.0%}（实有 {size} 人中 {party} 人）",
            )
        )
    if problems:
        raise InvalidField(problems)


def check_period(starts_on: str, ends_on: str) -> None:
    try:
        start = date.fromisoformat(starts_on)
    except ValueError as exc:
        raise InvalidField("starts_on", "不是有效的日期（YYYY-MM-DD）") from exc
    if ends_on:
        try:
            end = date.fromisoformat(ends_on)
        except ValueError as exc:
            raise InvalidField("ends_on", "不是有效的日期（YYYY-MM-DD）") from exc
        if end < start:
            raise InvalidField("ends_on", "早于开始日期 starts_on")


@dataclass(frozen=True, slots=True)
class PropertyFirm:
    """Registered once for the whole platform, contracted per compound in any district."""

    org_id: str
    name: str
    contact: str = ""
    registered_by: str = ""
    registered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RoleGrant:
    tenant_id: str
    subject: str
    role: str
    org_id: str = ""
    active: bool = True
    granted_by: str = ""
    changed_at: datetime | None = None
