"""Webhook subscriptions and deliveries on MongoDB, and the queue the worker scans across tenants.

The subscription's `next_seq` counter and its delivery lease are atomic updates of its document,
kept out of the aggregate's state: handing out a sequence number or taking the lease never races
with a change of the subscription itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from linli_platform.mongo_repository import MongoRepository
from pymongo import ReturnDocument

from linli_notifications.adapters.times import utc
from linli_notifications.adapters.webhook_docs import DeliveryDoc, SubscriptionDoc
from linli_notifications.domain.webhooks import PENDING, Attempt, Delivery, Subscription


class MongoSubscriptions(MongoRepository[Subscription]):
    document, key, label = SubscriptionDoc, "subscription_id", "webhook subscription"

    def to_stored(self, sub: Subscription) -> dict:
        return {
            "org_id": sub.org_id,
            "event_types": list(sub.event_types),
            "url": sub.url,
            "secret": sub.secret,
            "active": sub.active,
            "created_by": sub.created_by,
            "created_at": sub.created_at,
        }

    def from_stored(self, d: dict) -> Subscription:
        return Subscription(
            d["tenant_id"],
            d["subscription_id"],
            org_id=d["org_id"],
            event_types=d.get("event_types", []),
            url=d["url"],
            secret=d["secret"],
            created_at=utc(d["created_at"]),
            created_by=d.get("created_by", ""),
            active=d.get("active", True),
            version=d.get("version", 0),
        )

    def active_of_org(self, org_id: str) -> list[Subscription]:
        return [self._loaded(d) for d in self._find({"org_id": org_id, "active": True})]

    def page_of_org(self, org_id: str, offset: int, limit: int) -> tuple[list[Subscription], int]:
        conditions = {"org_id": org_id, "active": True}
        found = self._find(conditions, sort=[("created_at", 1)], skip=offset, limit=limit)
        return [self.from_stored(d) for d in found], self._count(conditions)

    def take_seq(self, subscription_id: str) -> int:
        """The next position in the subscription's queue (an atomic counter on its document)."""
        found = self._find_one_and_update(
            {"subscription_id": subscription_id},
            {"$inc": {"next_seq": 1}},
            projection={"next_seq": 1},
            return_document=ReturnDocument.AFTER,
        )
        return int(found["next_seq"])


class MongoDeliveries(MongoRepository[Delivery]):
    document, key, label = DeliveryDoc, "delivery_id", "delivery"

    def to_stored(self, d: Delivery) -> dict:
        return {
            "subscription_id": d.subscription_id,
            "seq": d.seq,
            "event_id": d.event_id,
            "event_type": d.event_type,
            "body": d.body,
            "status": d.status,
            "attempts": d.attempts,
            "next_attempt_at": d.next_attempt_at,
            "created_at": d.created_at,
            "delivered_at": d.delivered_at,
            "log": [{"at": a.at, "status_code": a.status_code, "error": a.error} for a in d.log],
        }

    def from_stored(self, d: dict) -> Delivery:
        return Delivery(
            d["tenant_id"],
            d["delivery_id"],
            subscription_id=d["subscription_id"],
            seq=d["seq"],
            event_id=d["event_id"],
            event_type=d["event_type"],
            body=d["body"],
            next_attempt_at=utc(d["next_attempt_at"]),
            created_at=utc(d["created_at"]),
            status=d.get("status", PENDING),
            attempts=d.get("attempts", 0),
            delivered_at=utc(d.get("delivered_at")),
            log=[
                Attempt(utc(a["at"]), a.get("status_code", 0), a.get("error", "")) for a in d.get("log", [])
            ],
            version=d.get("version", 0),
        )

    def head(self, subscription_id: str) -> Delivery | None:
        """The first pending delivery of the subscription's queue."""
        found = self._find(
            {"subscription_id": subscription_id, "status": PENDING}, sort=[("seq", 1)], limit=1
        )
        return self._loaded(found[0]) if found else None

    def page(self, subscription_id: str, status: str, offset: int, limit: int) -> tuple[list[Delivery], int]:
        conditions = {"subscription_id": subscription_id, **({"status": status} if status else {})}
        found = self._find(conditions, sort=[("seq", -1)], skip=offset, limit=limit)
        return [self.from_stored(d) for d in found], self._count(conditions)


class MongoWebhookQueue:
    """What one worker serving every tenant needs: which queues have a due head, and their leases."""

    def due(self, now: datetime) -> list[str]:
        """Ids of the subscriptions whose queue has a pending delivery due by `now`."""
        return DeliveryDoc._get_collection().distinct(
            "subscription_id", {"status": PENDING, "next_attempt_at": {"$lte": now}}
        )

    def owner(self, subscription_id: str) -> str | None:
        """The tenant of a subscription (from here on, every read names it)."""
        found = SubscriptionDoc._get_collection().find_one(
            {"subscription_id": subscription_id}, {"tenant_id": 1}
        )
        return found["tenant_id"] if found else None

    def take_lease(self, subscription_id: str, now: datetime, lease: timedelta) -> bool:
        taken = SubscriptionDoc._get_collection().update_one(
            {
                "subscription_id": subscription_id,
                "$or": [{"lease_until": None}, {"lease_until": {"$lt": now}}],
            },
            {"$set": {"lease_until": now + lease}},
        )
        return taken.modified_count == 1

    def release(self, subscription_id: str) -> None:
        SubscriptionDoc._get_collection().update_one(
            {"subscription_id": subscription_id}, {"$set": {"lease_until": None}}
        )
