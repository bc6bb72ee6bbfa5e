"""三色档案: care tags, who may see them, how a change is described in the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from linli_platform.auth import FRONTLINE_ROLES
from linli_platform.errors import InvalidField

from linli_communities.domain.roles import COMMUNITY_LEADS

CARE_TAGS = ("red", "yellow", "blue")  # 党员, 困难, 特殊关爱
# Only the people who visit households see the file: never property firms, residents or councils.
CARE_READERS = FRONTLINE_ROLES
AUDIT_READERS = COMMUNITY_LEADS


def normalise_tags(tags: list[str]) -> list[str]:
    """Tags in canonical order without repeats; an unknown tag is an error naming the field."""
    unknown = [t for t in tags if t not in CARE_TAGS]
    if unknown:
        raise InvalidField("tags", f"unknown care tag {unknown[0]!r}; one of {', '.join(CARE_TAGS)}")
    return [t for t in CARE_TAGS if t in tags]


def describe_change(before: list[str], after: list[str], notes_changed: bool) -> str:
    text = f"{','.join(before) or '无'} → {','.join(after) or '无'}"
    return text + ("；备注已修改" if notes_changed else "")


@dataclass(frozen=True)
class AuditEntry:
    """One read or change of a three-colour file: who, when, what."""

    compound_id: str
    household_id: str
    action: str  # "read" | "change"
    subject: str
    role: str
    at: datetime
    detail: str = ""
