"""Webhook use cases: subscriptions, enqueueing, ordered one-at-a-time delivery, dead letters, replay.

Each subscription is a queue persisted in the database (seq order). A worker takes the
subscription's lease, sends only the head of its queue, and records the attempt on the delivery
(domain/webhooks.py decides what follows: delivered, a retry after the backoff, or dead). A failing
head blocks the queue behind it, so deliveries arrive in order; replay puts a dead one back at the
end. A crash at any point leaves the queue stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from linli_platform.auth import Principal, Role
from linli_platform.errors import InvalidField, NotFound, PermissionDenied
from linli_platform.persistence import AlreadyStored

from linli_notifications.adapters.metrics import WEBHOOK_DELIVERIES, WEBHOOK_OUTCOMES, WEBHOOK_SECONDS
from linli_notifications.domain.egress import EgressPolicy
from linli_notifications.domain.schedule import Backoff
from linli_notifications.domain.webhooks import Attempt, Delivery, Subscription, subscribable_types
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork, UnitsOfWork

LEASE = timedelta(seconds=60)
Clock = Callable[[], datetime]


class Answer(Protocol):
    status_code: int
    error: str


class Sender(Protocol):
    """adapters.channels.WebhookSender: POSTs a signed body, never raises."""

    def post(
        self, url: str, secret: str, body: str, *, event_id: str, event_type: str, delivery_id: str
    ) -> Answer: ...


def _now() -> datetime:
    return datetime.now(UTC)


def _org_for(principal: Principal, org_id: str) -> str:
    if principal.role == Role.PROPERTY_FIRM:
        if org_id and org_id != principal.org:
            raise PermissionDenied("物业企业只能管理本单位的订阅")
        if not principal.org:
            raise PermissionDenied("令牌未注明所属单位")
        return principal.org
    if not org_id:
        raise InvalidField("org_id", "is required")
    return org_id


def subscribable_event_types(uow: NotificationsUnitOfWork) -> list[str]:
    """What an organisation of this district can subscribe to: the event types its routes (at district
    level and in every compound's 一区一策 overrides) send to an organisation's webhooks."""
    cache = uow.reads.config
    loaded = cache.load(uow.tenant)
    compounds = [""] + sorted(loaded.compound_communities) + sorted(loaded.config.overrides.compounds)
    found: set[str] = set()
    for compound_id in dict.fromkeys(compounds):
        rules = cache.sections(uow.tenant, compound_id).notifications
        found.update(subscribable_types(rules.routes, rules.channels))
    return sorted(found)


def create_subscription(
    uow: NotificationsUnitOfWork,
    principal: Principal,
    org_id: str,
    event_types: list[str],
    url: str,
    *,
    egress: EgressPolicy,
) -> tuple[Subscription, str]:
    """A new subscription and its secret (shown once)."""
    subscription = Subscription.create(
        uow.tenant,
        _org_for(principal, org_id),
        event_types,
        url,
        created_by=principal.subject,
        now=_now(),
        egress=egress,
        subscribable=subscribable_event_types(uow),
    )
    with uow:
        uow.subscriptions.add(subscription)
        uow.commit()
    return subscription, subscription.secret


def list_subscriptions(
    uow: NotificationsUnitOfWork, principal: Principal, org_id: str, offset: int, limit: int
) -> tuple[list[Subscription], int]:
    return uow.subscriptions.page_of_org(_org_for(principal, org_id), offset, limit)


def get_subscription(
    uow: NotificationsUnitOfWork, principal: Principal, subscription_id: str
) -> Subscription:
    """The subscription, if the caller may see it (a firm: only its own organisation's)."""
    found = uow.subscriptions.find(subscription_id)
    if found is None or (principal.role == Role.PROPERTY_FIRM and found.org_id != principal.org):
        raise NotFound(f"webhook subscription {subscription_id} not found")
    return found


def delete_subscription(uow: NotificationsUnitOfWork, principal: Principal, subscription_id: str) -> None:
    with uow:
        get_subscription(uow, principal, subscription_id).deactivate()
        uow.commit()


def list_deliveries(
    uow: NotificationsUnitOfWork,
    principal: Principal,
    subscription_id: str,
    status: str,
    offset: int,
    limit: int,
) -> tuple[list[Delivery], int]:
    get_subscription(uow, principal, subscription_id)
    return uow.deliveries.page(subscription_id, status, offset, limit)


def replay(
    uow: NotificationsUnitOfWork, principal: Principal, delivery_id: str, clock: Clock = _now
) -> Delivery:
    with uow:
        delivery = uow.deliveries.get(delivery_id)
        get_subscription(uow, principal, delivery.subscription_id)
        delivery.replay(lambda: uow.subscriptions.take_seq(delivery.subscription_id), clock())
        uow.commit()
    return delivery


def enqueue(
    uow: NotificationsUnitOfWork, org_id: str, event_id: str, event_type: str, body: str, now: datetime
) -> int:
    """Queue the event for every active subscription of the org that wants this type (once each)."""
    queued = 0
    for subscription in uow.subscriptions.active_of_org(org_id):
        if not subscription.wants(event_type):
            continue
        if uow.deliveries.find(Delivery.id_for(subscription.id, event_id)) is not None:
            continue  # queued before: a redelivered event (checked first, so no sequence number is spent)
        seq = uow.subscriptions.take_seq(subscription.id)
        with uow:
            uow.deliveries.add(Delivery.queue(subscription, seq, event_id, event_type, body, now))
            try:
                uow.commit()
                queued += 1
            except AlreadyStored:
                pass  # a concurrent handler of the same event queued it first
    return queued


def deliver_due(
    uows: UnitsOfWork,
    sender: Sender,
    backoff: Backoff,
    clock: Clock = _now,
    limit: int = 100,
    map_fn: Callable = map,
) -> int:
    """One pass: for each subscription whose queue head is due, send that head once. Returns attempts made.

    `map_fn` lets the worker send to different subscriptions concurrently (a green pool's imap); one
    subscription is never sent to twice at once, because each send holds that subscription's lease.
    """
    now = clock()
    queue = uows.webhook_queue

    def one(subscription_id: str) -> int:
        if not queue.take_lease(subscription_id, now, LEASE):
            return 0  # another worker is delivering to it
        try:
            return _send_head(uows, subscription_id, sender, backoff, clock)
        finally:
            queue.release(subscription_id)

    return sum(map_fn(one, queue.due(now)[:limit]))


def _send_head(
    uows: UnitsOfWork, subscription_id: str, sender: Sender, backoff: Backoff, clock: Clock
) -> int:
    # The queue scan spans tenants (one worker serves all); from here on every read names the tenant.
    tenant = uows.webhook_queue.owner(subscription_id)
    if tenant is None:
        return 0
    uow = uows(tenant)
    with uow:
        subscription = uow.subscriptions.find(subscription_id)
        head = uow.deliveries.head(subscription_id)
        if head is None or subscription is None or not subscription.active or not head.due(clock()):
            return 0  # the head is waiting for its retry: everything behind it waits too
        with WEBHOOK_SECONDS.labels(tenant).time():
            answer = sender.post(
                subscription.url,
                subscription.secret,
                head.body,
                event_id=head.event_id,
                event_type=head.event_type,
                delivery_id=head.id,
            )
        outcome = head.attempted(Attempt(clock(), answer.status_code, answer.error), backoff)
        uow.commit()
    WEBHOOK_DELIVERIES.labels(tenant, WEBHOOK_OUTCOMES[outcome]).inc()
    return 1
