"""People's preferences and the SMS/WeChat queue on MongoDB, and the queue scan across tenants."""

from __future__ import annotations

from datetime import datetime

from linli_platform.mongo_repository import MongoRepository

from linli_notifications.adapters.documents import OutgoingMessageDoc, PreferenceDoc
from linli_notifications.adapters.times import utc
from linli_notifications.domain.messages import PENDING, Preferences, QueuedMessage


class MongoPreferences(MongoRepository[Preferences]):
    document, key, label = PreferenceDoc, "subject", "preferences"

    def to_stored(self, p: Preferences) -> dict:
        return {"opt_out": list(p.opt_out), "quiet_start": p.quiet_start, "quiet_end": p.quiet_end}

    def from_stored(self, d: dict) -> Preferences:
        return Preferences(
            d["tenant_id"],
            d["subject"],
            d.get("opt_out") or [],
            d.get("quiet_start") or "",
            d.get("quiet_end") or "",
            d.get("version", 0),
        )


class MongoMessages(MongoRepository[QueuedMessage]):
    document, key, label = OutgoingMessageDoc, "message_id", "message"

    def to_stored(self, m: QueuedMessage) -> dict:
        return {
            "channel": m.channel,
            "recipient": m.recipient,
            "title": m.title,
            "body": m.body,
            "event_id": m.event_id,
            "not_before": m.not_before,
            "status": m.status,
            "attempts": m.attempts,
            "last_error": m.last_error,
            "sent_at": m.sent_at,
        }

    def from_stored(self, d: dict) -> QueuedMessage:
        return QueuedMessage(
            d["tenant_id"],
            d["message_id"],
            channel=d["channel"],
            recipient=d["recipient"],
            title=d["title"],
            body=d["body"],
            not_before=utc(d["not_before"]),
            event_id=d.get("event_id", ""),
            status=d.get("status", PENDING),
            attempts=d.get("attempts", 0),
            last_error=d.get("last_error", ""),
            sent_at=utc(d.get("sent_at")),
            version=d.get("version", 0),
        )


class MongoMessageQueue:
    """The pending messages of every tenant whose time has come, oldest first."""

    def due(self, now: datetime, limit: int) -> list[tuple[str, str]]:
        """(tenant, message id) of up to `limit` pending messages due by `now`."""
        found = OutgoingMessageDoc._get_collection().find(
            {"status": PENDING, "not_before": {"$lte": now}}, {"tenant_id": 1, "message_id": 1}
        )
        return [(row["tenant_id"], row["message_id"]) for row in found.sort("not_before", 1).limit(limit)]
