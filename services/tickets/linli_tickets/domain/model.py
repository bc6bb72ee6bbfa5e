"""Tickets: statuses, identities and the values every layer shares (pure Python)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

REPORTED = "reported"
DISPATCHED = "dispatched"
ACCEPTED = "accepted"
IN_PROGRESS = "in_progress"
DONE = "done"
VERIFIED = "verified"
CONFIRMED = "confirmed"
CLOSED = "closed"
REJECTED = "rejected"
CANCELLED = "cancelled"
STATUSES = (
    REPORTED,
    DISPATCHED,
    ACCEPTED,
    IN_PROGRESS,
    DONE,
    VERIFIED,
    CONFIRMED,
    CLOSED,
    REJECTED,
    CANCELLED,
)
OPEN_STATUSES = (REPORTED, DISPATCHED, ACCEPTED, IN_PROGRESS, REJECTED)
RESOLVED_STATUSES = (DONE, VERIFIED, CONFIRMED, CLOSED)

PROPERTY_FIRM = "property_firm"
VOLUNTEER_TEAM = "volunteer_team"
OPEN = "open"
PROVIDER_KINDS = (PROPERTY_FIRM, VOLUNTEER_TEAM, OPEN)

_NAMESPACE = uuid.UUID("6f1c1d2e-4b7a-4c59-9d0e-2a7b3c4d5e6f")


def ticket_id_for(tenant_id: str, subject: str, request_id: str) -> str:
    """A ticket's id follows from who asked and their idempotency key, so a retry finds the same ticket."""
    return "t" + uuid.uuid5(_NAMESPACE, f"{tenant_id}\x1f{subject}\x1f{request_id}").hex[:23]


class Actor(Protocol):
    """Who acts on a ticket: token subject, role and organisation (a firm's org id). A Principal is one."""

    subject: str
    role: str
    org: str


SYSTEM_SUBJECT, SYSTEM_ROLE = "linli-tickets", "system"  # the worker's own steps (sweeps, auto-close)


@dataclass(frozen=True)
class Provider:
    """Where work can go: a contracted property firm or a volunteer team."""

    kind: str
    id: str
    members: tuple[str, ...] = ()


@dataclass
class TimelineStep:
    at: datetime
    action: str
    actor: str
    actor_role: str
    from_status: str
    to_status: str
    note: str = ""
