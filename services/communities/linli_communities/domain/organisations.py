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
        raise InvalidField("members", f"member {duplicates[0]!r} is listed twice")
    chairs = [m for m in members if m.position == "chair"]
    if len(chairs) > 1:
        raise InvalidField("members", "at most one chair")
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
            ("members", f"a cooperative has {rules.min_members}–{rules.max_members} members, not {size}")
        )
    chairs = [m for m in members if m.position == "chair"]
    if len(chairs) != 1:
        problems.append(("members", "a cooperative has exactly one chair"))
    elif rules.chair_role and chairs[0].title != rules.chair_role:
        problems.append(("members", f"the chair must be the {rules.chair_role}"))
    vice = sum(1 for m in members if m.position == "vice_chair")
    if vice != rules.vice_chairs:
        problems.append(("members", f"a cooperative has {rules.vice_chairs} vice-chairs, not {vice}"))
    party = sum(1 for m in members if m.party_member)
    if size and not party > float(rules.party_member_share_gt) * size:
        problems.append(
            (
                "members",
                f"party members must be more than {float(rules.party_member_share_gt):.0%} "
                f"of the members ({party} of {size})",
            )
        )
    if problems:
        raise InvalidField(problems)


def check_period(starts_on: str, ends_on: str) -> None:
    try:
        start = date.fromisoformat(starts_on)
    except ValueError as exc:
        raise InvalidField("starts_on", "is not a calendar date (YYYY-MM-DD)") from exc
    if ends_on:
        try:
            end = date.fromisoformat(ends_on)
        except ValueError as exc:
            raise InvalidField("ends_on", "is not a calendar date (YYYY-MM-DD)") from exc
        if end < start:
            raise InvalidField("ends_on", "is before starts_on")


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
