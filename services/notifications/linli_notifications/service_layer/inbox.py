"""Inbox use cases: bulk delivery (idempotent by recipient and event), reading, marking read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from linli_platform.auth import Principal
from linli_platform.errors import PermissionDenied
from pymongo.errors import BulkWriteError

from linli_notifications.adapters.documents import InboxEntryDoc
from linli_notifications.adapters.metrics import INBOX_ENTRIES
from linli_notifications.adapters.roster import MongoRoster
from linli_notifications.domain.ids import stable_id
from linli_notifications.domain.routing import HOUSEHOLD, ORG

DUPLICATE_KEY = 11000
CHUNK = 5000


@dataclass(frozen=True)
class InboxItem:
    recipient: str
    title: str
    body: str


def deliver(
    tenant_id: str, event_id: str, event_type: str, items: Iterable[InboxItem], now: datetime | None = None
) -> int:
    """Insert one entry per (recipient, event) in bulk; entries that already exist are skipped."""
    created_at = now or datetime.now(UTC)
    rows = [
        {
            "tenant_id": tenant_id,
            "entry_id": stable_id("n", tenant_id, item.recipient, event_id),
            "recipient": item.recipient,
            "title": item.title,
            "body": item.body,
            "event_type": event_type,
            "event_id": event_id,
            "read": False,
            "created_at": created_at,
        }
        for item in items
    ]
    collection = InboxEntryDoc._get_collection()
    inserted = 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        try:
            inserted += len(collection.insert_many(chunk, ordered=False).inserted_ids)
        except BulkWriteError as err:
            errors = err.details.get("writeErrors", [])
            if any(e.get("code") != DUPLICATE_KEY for e in errors):
                raise
            inserted += err.details.get("nInserted", 0)
    INBOX_ENTRIES.labels(event_type.rsplit(".", 1)[-1]).inc(inserted)
    return inserted


def readable_recipient(principal: Principal, requested: str) -> str:
    """Whose inbox the caller may read: own, own household's, own organisation's, or anyone's for staff."""
    if not requested or requested == principal.subject:
        return principal.subject
    if principal.is_staff:
        return requested
    if requested.startswith(ORG) and principal.org and requested == ORG + principal.org:
        return requested
    if requested.startswith(HOUSEHOLD) and MongoRoster(principal.tenant).lives_in(
        principal.subject, requested[len(HOUSEHOLD) :]
    ):
        return requested
    raise PermissionDenied("只能查看本人、本户或本单位的消息")


def list_inbox(principal: Principal, recipient: str, unread_only: bool, offset: int, limit: int):
    query = InboxEntryDoc.scoped(principal.tenant).filter(recipient=readable_recipient(principal, recipient))
    unread = query.filter(read=False).count()
    if unread_only:
        query = query.filter(read=False)
    query = query.order_by("-created_at", "entry_id")
    return list(query.skip(offset).limit(limit)), query.count(), unread


def mark_read(principal: Principal, entry_ids: list[str], recipient: str = "") -> int:
    return (
        InboxEntryDoc.scoped(principal.tenant)
        .filter(recipient=readable_recipient(principal, recipient), entry_id__in=entry_ids, read=False)
        .update(set__read=True)
    )
