"""Webhook subscriptions and their deliveries: the rules of an ordered, retried queue per subscription.

A subscription names an organisation, the event types it wants and a URL that passed the egress
policy when it was made. Each event for it is one delivery with a sequence number; the head of the
queue is sent, every attempt is logged, a failure waits out its backoff (holding back what is
behind it), the last failure makes the delivery dead (the dead-letter list), and replay puts a dead
delivery back at the end of the queue.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from linli_governance.notifications import Route
from linli_platform.aggregate import Aggregate
from linli_platform.errors import FailedPrecondition, InvalidField

from linli_notifications.domain.egress import EgressPolicy, EgressRefused
from linli_notifications.domain.ids import stable_id
from linli_notifications.domain.schedule import Backoff

SOURCE = "notifications"
PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"
ANY_TYPE = "*"  # refused: a subscription lists the event types it wants (see subscribable_types)
WEBHOOK_AUDIENCES = frozenset({"ticket_provider", "org"})  # the audiences that can name an organisation


def subscribable_types(routes: Iterable[Route], channels: Iterable[str]) -> list[str]:
    """The event types an organisation's webhooks can receive: those the district routes to an
    organisation (its dispatched tickets, its contracts …) on the webhook channel."""
    if "webhook" not in set(channels):
        return []
    return sorted({r.event for r in routes if r.audience in WEBHOOK_AUDIENCES and "webhook" in r.channels})


def check_event_types(event_types: list[str], subscribable: list[str]) -> None:
    """Every listed type must be one the organisation can receive; ``*`` is not a type."""
    problems = []
    offered = "、".join(subscribable) or "（本辖区当前没有向服务单位推送的事件）"
    for index, event_type in enumerate(event_types):
        if event_type == ANY_TYPE:
            problems.append((f"event_types[{index}]", f"不接受“*”，请逐一列出要订阅的事件类型：{offered}"))
        elif event_type not in subscribable:
            problems.append((f"event_types[{index}]", f"{event_type} 不会推送给服务单位；可订阅：{offered}"))
    if problems:
        raise InvalidField(problems)


class Subscription(Aggregate):
    SOURCE, NAME = SOURCE, "webhook_subscription"

    def __init__(
        self,
        tenant_id: str,
        id: str,
        *,
        org_id: str,
        event_types: list[str],
        url: str,
        secret: str,
        created_at: datetime,
        created_by: str = "",
        active: bool = True,
        version: int = 0,
    ):
        super().__init__(tenant_id, id, version)
        self.org_id, self.event_types, self.url, self.secret = org_id, list(event_types), url, secret
        self.created_at, self.created_by, self.active = created_at, created_by, active

    @classmethod
    def create(
        cls,
        tenant_id: str,
        org_id: str,
        event_types: list[str],
        url: str,
        *,
        created_by: str,
        now: datetime,
        egress: EgressPolicy,
        subscribable: list[str],
    ) -> Subscription:
        """A new subscription with a new secret, for event types the organisation can receive. The URL
        must pass the egress policy now (the worker checks it again before every delivery, since what
        the host resolves to may change)."""
        check_event_types(event_types, subscribable)
        try:
            egress.check(url)
        except EgressRefused as refused:
            raise InvalidField("url", refused.reason) from None
        subscription = cls(
            tenant_id,
            stable_id("wh", secrets.token_hex(16)),
            org_id=org_id,
            event_types=sorted(set(event_types)),
            url=url,
            secret="whsec_" + secrets.token_urlsafe(32),
            created_at=now,
            created_by=created_by,
        )
        subscription.touch()
        return subscription

    def wants(self, event_type: str) -> bool:
        return self.active and event_type in self.event_types

    def deactivate(self) -> None:
        if self.active:
            self.active = False
            self.touch()


@dataclass(frozen=True)
class Attempt:
    """One POST of a delivery: its answer's status (0: none) and what went wrong."""

    at: datetime
    status_code: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300


class Delivery(Aggregate):
    """One event for one subscription, sent in `seq` order, one at a time per subscription."""

    SOURCE, NAME = SOURCE, "webhook_delivery"

    def __init__(
        self,
        tenant_id: str,
        id: str,
        *,
        subscription_id: str,
        seq: int,
        event_id: str,
        event_type: str,
        body: str,
        next_attempt_at: datetime,
        created_at: datetime,
        status: str = PENDING,
        attempts: int = 0,
        delivered_at: datetime | None = None,
        log: list[Attempt] | None = None,
        version: int = 0,
    ):
        super().__init__(tenant_id, id, version)
        self.subscription_id, self.seq, self.event_id, self.event_type = (
            subscription_id,
            seq,
            event_id,
            event_type,
        )
        self.body, self.next_attempt_at, self.created_at = body, next_attempt_at, created_at
        self.status, self.attempts, self.delivered_at = status, attempts, delivered_at
        self.log: list[Attempt] = list(log or [])

    @staticmethod
    def id_for(subscription_id: str, event_id: str) -> str:
        """Stable: the same event for the same subscription is one delivery, however often it comes."""
        return stable_id("d", subscription_id, event_id)

    @classmethod
    def queue(
        cls, subscription: Subscription, seq: int, event_id: str, event_type: str, body: str, now: datetime
    ) -> Delivery:
        delivery = cls(
            subscription.tenant_id,
            cls.id_for(subscription.id, event_id),
            subscription_id=subscription.id,
            seq=seq,
            event_id=event_id,
            event_type=event_type,
            body=body,
            next_attempt_at=now,
            created_at=now,
        )
        delivery.touch()
        return delivery

    def due(self, now: datetime) -> bool:
        return self.status == PENDING and self.next_attempt_at <= now

    def attempted(self, attempt: Attempt, backoff: Backoff) -> str:
        """Log one attempt and say what follows: "delivered", "retry" (after the backoff) or "dead"."""
        self.log.append(attempt)
        self.attempts += 1
        if attempt.ok:
            self.status, self.delivered_at, outcome = DELIVERED, attempt.at, "delivered"
        elif backoff.exhausted(self.attempts):
            self.status, outcome = DEAD, "dead"
        else:
            self.next_attempt_at, outcome = (
                attempt.at + timedelta(seconds=backoff.delay(self.attempts)),
                "retry",
            )
        self.touch()
        return outcome

    def replay(self, next_seq: Callable[[], int], now: datetime) -> None:
        """A dead delivery goes back to the end of its queue with fresh attempts."""
        if self.status != DEAD:
            raise FailedPrecondition(
                f"delivery {self.id} is {self.status}; only dead deliveries are replayed"
            )
        self.status, self.seq, self.attempts, self.next_attempt_at = PENDING, next_seq(), 0, now
        self.touch()
