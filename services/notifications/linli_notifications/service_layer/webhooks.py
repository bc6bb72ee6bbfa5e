"""Webhook use cases: subscriptions, enqueueing, ordered one-at-a-time delivery, dead letters, replay.

Each subscription is a queue persisted in Mongo (seq order). A worker takes the subscription's
lease, sends only the head of its queue, and records the attempt; a failure schedules the next
attempt (exponential backoff with jitter) and blocks the queue behind it, so deliveries arrive
in order. After the last attempt the delivery is dead (the dead-letter list) and the queue moves
on; replay puts it back at the end. A crash at any point leaves the queue in Mongo.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from linli_platform.auth import Principal
from linli_platform.errors import FailedPrecondition, InvalidField, NotFound, PermissionDenied
from mongoengine.errors import NotUniqueError
from pymongo import ReturnDocument

from linli_notifications.adapters.channels import WebhookSender
from linli_notifications.adapters.metrics import WEBHOOK_ATTEMPTS, WEBHOOK_SECONDS
from linli_notifications.adapters.webhook_docs import AttemptDoc, DeliveryDoc, SubscriptionDoc
from linli_notifications.domain.egress import EgressPolicy, EgressRefused
from linli_notifications.domain.ids import stable_id
from linli_notifications.domain.schedule import Backoff

LEASE = timedelta(seconds=60)
Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def _org_for(principal: Principal, org_id: str) -> str:
    if principal.role == "property_firm":
        if org_id and org_id != principal.org:
            raise PermissionDenied("物业企业只能管理本单位的订阅")
        if not principal.org:
            raise PermissionDenied("令牌未注明所属单位")
        return principal.org
    if not org_id:
        raise InvalidField("org_id", "is required")
    return org_id


def create_subscription(
    principal: Principal, org_id: str, event_types: list[str], url: str, *, egress: EgressPolicy
) -> tuple[SubscriptionDoc, str]:
    """A new subscription and its secret. The URL must pass the egress policy now (the worker checks
    it again before every delivery, since what the host resolves to may change)."""
    org = _org_for(principal, org_id)
    try:
        egress.check(url)
    except EgressRefused as refused:
        raise InvalidField("url", refused.reason) from None
    secret = "whsec_" + secrets.token_urlsafe(32)
    doc = SubscriptionDoc(
        tenant_id=principal.tenant,
        subscription_id=stable_id("wh", secrets.token_hex(16)),
        org_id=org,
        event_types=sorted(set(event_types)),
        url=url,
        secret=secret,
        created_by=principal.subject,
        created_at=_now(),
    )
    doc.save(force_insert=True)
    return doc, secret


def list_subscriptions(principal: Principal, org_id: str, offset: int, limit: int):
    query = SubscriptionDoc.scoped(principal.tenant).filter(org_id=_org_for(principal, org_id), active=True)
    return list(query.order_by("created_at").skip(offset).limit(limit)), query.count()


def get_subscription(principal: Principal, subscription_id: str) -> SubscriptionDoc:
    doc = SubscriptionDoc.scoped(principal.tenant).filter(subscription_id=subscription_id).first()
    if doc is None or (principal.role == "property_firm" and doc.org_id != principal.org):
        raise NotFound(f"webhook subscription {subscription_id} not found")
    return doc


def delete_subscription(principal: Principal, subscription_id: str) -> None:
    get_subscription(principal, subscription_id).update(set__active=False)


def list_deliveries(principal: Principal, subscription_id: str, status: str, offset: int, limit: int):
    get_subscription(principal, subscription_id)
    query = DeliveryDoc.scoped(principal.tenant).filter(subscription_id=subscription_id)
    if status:
        query = query.filter(status=status)
    return list(query.order_by("-seq").skip(offset).limit(limit)), query.count()


def replay(principal: Principal, delivery_id: str, clock: Clock = _now) -> DeliveryDoc:
    delivery = DeliveryDoc.scoped(principal.tenant).filter(delivery_id=delivery_id).first()
    if delivery is None:
        raise NotFound(f"delivery {delivery_id} not found")
    get_subscription(principal, delivery.subscription_id)
    if delivery.status != "dead":
        raise FailedPrecondition(
            f"delivery {delivery_id} is {delivery.status}; only dead deliveries are replayed"
        )
    seq = _next_seq(delivery.subscription_id)
    DeliveryDoc.scoped(principal.tenant).filter(delivery_id=delivery_id, status="dead").update_one(
        set__status="pending", set__seq=seq, set__attempts=0, set__next_attempt_at=clock()
    )
    delivery.reload()
    return delivery


def _next_seq(subscription_id: str) -> int:
    doc = SubscriptionDoc._get_collection().find_one_and_update(
        {"subscription_id": subscription_id}, {"$inc": {"next_seq": 1}}, return_document=ReturnDocument.AFTER
    )
    return int(doc["next_seq"])


def enqueue(
    tenant_id: str, org_id: str, event_id: str, event_type: str, body: str, now: datetime | None = None
) -> int:
    """Queue the event for every active subscription of the org that wants this type (once each)."""
    queued, now = 0, now or _now()
    for sub in SubscriptionDoc.scoped(tenant_id).filter(org_id=org_id, active=True):
        if event_type not in sub.event_types and "*" not in sub.event_types:
            continue
        if (
            DeliveryDoc.scoped(tenant_id)
            .filter(subscription_id=sub.subscription_id, event_id=event_id)
            .first()
            is not None
        ):
            continue
        try:
            DeliveryDoc(
                tenant_id=tenant_id,
                delivery_id=stable_id("d", sub.subscription_id, event_id),
                subscription_id=sub.subscription_id,
                seq=_next_seq(sub.subscription_id),
                event_id=event_id,
                event_type=event_type,
                body=body,
                next_attempt_at=now,
                created_at=now,
            ).save(force_insert=True)
            queued += 1
        except NotUniqueError:
            pass  # a concurrent handler of the same event queued it first
    return queued


def _take_lease(subscription_id: str, now: datetime) -> bool:
    taken = SubscriptionDoc._get_collection().update_one(
        {"subscription_id": subscription_id, "$or": [{"lease_until": None}, {"lease_until": {"$lt": now}}]},
        {"$set": {"lease_until": now + LEASE}},
    )
    return taken.modified_count == 1


def _release(subscription_id: str) -> None:
    SubscriptionDoc._get_collection().update_one(
        {"subscription_id": subscription_id}, {"$set": {"lease_until": None}}
    )


def deliver_due(
    sender: WebhookSender, backoff: Backoff, clock: Clock = _now, limit: int = 100, map_fn: Callable = map
) -> int:
    """One pass: for each subscription whose queue head is due, send that head once. Returns attempts made.

    `map_fn` lets the worker send to different subscriptions concurrently (a green pool's imap); one
    subscription is never sent to twice at once, because each send holds that subscription's lease.
    """
    now = clock()
    heads = DeliveryDoc._get_collection().distinct(
        "subscription_id", {"status": "pending", "next_attempt_at": {"$lte": now}}
    )

    def one(subscription_id: str) -> int:
        if not _take_lease(subscription_id, now):
            return 0  # another worker is delivering to it
        try:
            return _send_head(subscription_id, sender, backoff, clock)
        finally:
            _release(subscription_id)

    return sum(map_fn(one, heads[:limit]))


def _send_head(subscription_id: str, sender: WebhookSender, backoff: Backoff, clock: Clock) -> int:
    # The queue scan spans tenants (one worker serves all); from here on every query names the tenant.
    owner = SubscriptionDoc._get_collection().find_one({"subscription_id": subscription_id}, {"tenant_id": 1})
    if owner is None:
        return 0
    sub = SubscriptionDoc.scoped(owner["tenant_id"]).filter(subscription_id=subscription_id).first()
    head = (
        DeliveryDoc.scoped(owner["tenant_id"])
        .filter(subscription_id=subscription_id, status="pending")
        .order_by("seq")
        .first()
    )
    if head is None or sub is None or not sub.active or head.next_attempt_at.replace(tzinfo=UTC) > clock():
        return 0  # the head is waiting for its retry: everything behind it waits too
    with WEBHOOK_SECONDS.time():
        result = sender.post(
            sub.url,
            sub.secret,
            head.body,
            event_id=head.event_id,
            event_type=head.event_type,
            delivery_id=head.delivery_id,
        )
    at = clock()
    attempts = head.attempts + 1
    entry = AttemptDoc(at=at, status_code=result.status_code, error=result.error)
    if result.ok:
        head.update(push__log=entry, set__attempts=attempts, set__status="delivered", set__delivered_at=at)
        WEBHOOK_ATTEMPTS.labels("delivered").inc()
    elif backoff.exhausted(attempts):
        head.update(push__log=entry, set__attempts=attempts, set__status="dead")
        WEBHOOK_ATTEMPTS.labels("dead").inc()
    else:
        retry_at = at + timedelta(seconds=backoff.delay(attempts))
        head.update(push__log=entry, set__attempts=attempts, set__next_attempt_at=retry_at)
        WEBHOOK_ATTEMPTS.labels("retry").inc()
    return 1
