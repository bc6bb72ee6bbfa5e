"""SLAs: deadlines from the category config, and what fires when (pure Python, clock passed in).

Accept deadline runs from dispatch, completion deadline from acceptance. A warning fires after
`warn_at` of the time has passed, a breach at the deadline; each fires once per deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from linli_tickets.domain.model import ACCEPTED, DISPATCHED, IN_PROGRESS


class Clock(Protocol):
    def now(self) -> datetime: ...


@dataclass(frozen=True)
class Deadline:
    kind: str  # "accept" | "complete"
    starts: datetime
    due: datetime
    warn_at: datetime


@dataclass(frozen=True)
class Alarm:
    level: str  # "warning" | "breach"
    deadline: str
    due: datetime

    @property
    def flag(self) -> str:
        return f"{self.deadline}:{self.level}"


def deadline(kind: str, starts: datetime, duration: timedelta, warn_share: float) -> Deadline:
    return Deadline(kind, starts, starts + duration, starts + duration * warn_share)


def accept_deadline(dispatched_at: datetime, category) -> Deadline:
    return deadline(
        "accept", dispatched_at, timedelta(minutes=category.accept_within_minutes), category.warn_at
    )


def complete_deadline(accepted_at: datetime, category, hours_override: int = 0) -> Deadline:
    hours = hours_override or category.complete_within_hours
    return deadline("complete", accepted_at, timedelta(hours=hours), category.warn_at)


def running(status: str) -> str | None:
    """Which deadline runs in a status."""
    if status == DISPATCHED:
        return "accept"
    if status in (ACCEPTED, IN_PROGRESS):
        return "complete"
    return None


def running_deadline(
    status: str,
    dispatched_at: datetime | None,
    accept_by: datetime | None,
    accepted_at: datetime | None,
    complete_by: datetime | None,
    warn_at: datetime | None,
) -> Deadline | None:
    """The deadline whose clock runs in `status`, from the times a ticket keeps (None: none runs)."""
    kind = running(status)
    if kind == "accept" and accept_by and dispatched_at:
        return Deadline("accept", dispatched_at, accept_by, warn_at or accept_by)
    if kind == "complete" and complete_by and accepted_at:
        return Deadline("complete", accepted_at, complete_by, warn_at or complete_by)
    return None


def due_alarms(current: Deadline | None, fired: set[str], now: datetime) -> list[Alarm]:
    """Alarms of the running deadline that are due at `now` and have not fired yet."""
    if current is None:
        return []
    alarms = []
    if now >= current.warn_at and f"{current.kind}:warning" not in fired and now < current.due:
        alarms.append(Alarm("warning", current.kind, current.due))
    if now >= current.due and f"{current.kind}:breach" not in fired:
        alarms.append(Alarm("breach", current.kind, current.due))
    return alarms


def next_check(current: Deadline | None, fired: set[str]) -> datetime | None:
    """When the sweep has to look at this ticket again (None: nothing pending)."""
    if current is None:
        return None
    if f"{current.kind}:warning" not in fired and f"{current.kind}:breach" not in fired:
        return current.warn_at
    if f"{current.kind}:breach" not in fired:
        return current.due
    return None


def priority_for(care_tags: list[str], weights: dict[str, int]) -> int:
    """Priority raised by a household's care tags (三色档案); the tags themselves stay hidden."""
    return max((weights.get(tag, 0) for tag in care_tags), default=0)
