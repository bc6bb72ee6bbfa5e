"""Inbox entries: one per (recipient, event), so a redelivered event cannot add a second one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from linli_notifications.domain.ids import stable_id


@dataclass(frozen=True, slots=True)
class InboxItem:
    """What to put into one inbox for an event."""

    recipient: str
    title: str
    body: str


@dataclass(frozen=True)
class InboxEntry:
    """One notification in one inbox (a person, a household, an organisation or a staff desk)."""

    tenant_id: str
    entry_id: str
    recipient: str
    title: str
    body: str
    event_type: str
    event_id: str
    created_at: datetime
    read: bool = False


def entry_id(tenant_id: str, recipient: str, event_id: str) -> str:
    """The entry's id follows from the event: the key that makes delivery idempotent."""
    return stable_id("n", tenant_id, recipient, event_id)
