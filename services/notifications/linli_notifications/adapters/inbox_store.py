"""Inboxes on MongoDB: bulk delivery (duplicates skipped by the unique (recipient, event) key), pages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from linli_platform.mongo_repository import MongoScoped
from pymongo.errors import BulkWriteError

from linli_notifications.adapters.documents import InboxEntryDoc
from linli_notifications.domain.inbox import InboxEntry, InboxItem, entry_id

DUPLICATE_KEY = 11000
CHUNK = 5000
FIELDS = ("entry_id", "recipient", "title", "body", "event_type", "event_id", "read", "created_at")


def _entry(stored: dict) -> InboxEntry:
    return InboxEntry(stored["tenant_id"], **{name: stored.get(name) for name in FIELDS})


class MongoInbox(MongoScoped):
    document = InboxEntryDoc

    def deliver(self, event_id: str, event_type: str, items: Iterable[InboxItem], at: datetime) -> int:
        """Insert one entry per (recipient, event) with unordered insert_many; existing ones are skipped."""
        rows = [
            {
                "tenant_id": self.tenant,
                "entry_id": entry_id(self.tenant, item.recipient, event_id),
                "recipient": item.recipient,
                "title": item.title,
                "body": item.body,
                "event_type": event_type,
                "event_id": event_id,
                "read": False,
                "created_at": at,
            }
            for item in items
        ]
        collection = self._collection()
        inserted = 0
        for start in range(0, len(rows), CHUNK):
            try:
                inserted += len(
                    collection.insert_many(rows[start : start + CHUNK], ordered=False).inserted_ids
                )
            except BulkWriteError as err:
                if any(e.get("code") != DUPLICATE_KEY for e in err.details.get("writeErrors", [])):
                    raise
                inserted += err.details.get("nInserted", 0)
        return inserted

    def entry(self, recipient: str, event_id: str) -> InboxEntry | None:
        found = self._find_one({"recipient": recipient, "event_id": event_id})
        return _entry(found) if found else None

    def page(
        self, recipient: str, unread_only: bool, offset: int, limit: int
    ) -> tuple[list[InboxEntry], int, int]:
        """(entries newest first, how many match, how many are unread)."""
        unread = self._count({"recipient": recipient, "read": False})
        conditions: dict = (
            {"recipient": recipient, "read": False} if unread_only else {"recipient": recipient}
        )
        found = self._find(conditions, sort=[("created_at", -1), ("entry_id", 1)], skip=offset, limit=limit)
        total = unread if unread_only else self._count(conditions)
        return [_entry(d) for d in found], total, unread

    def mark_read(self, recipient: str, entry_ids: list[str]) -> int:
        done = self._update_many(
            {"recipient": recipient, "entry_id": {"$in": entry_ids}, "read": False}, {"$set": {"read": True}}
        )
        return done.modified_count
