"""A redemption order: the points it holds in the ledger and the units it holds on its item (pure).

Its moves are a table (after tickets' lifecycle): an order is RESERVING while its stock and points
are taken, RESERVED once both are held, then FULFILLED (points posted), CANCELLED or EXPIRED (points
voided, units back); FAILED when it could not be placed (nothing held). Ids follow from the
request_id, and the ledger's transfer ids from the order's: every step can be repeated.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from linli.points.v1.catalog_events_pb2 import OrderCancelled, OrderFulfilled, OrderPlaced
from linli_platform.aggregate import Aggregate
from linli_platform.errors import FailedPrecondition
from linli_platform.protos import timestamp

from linli_points.domain.catalog import CatalogItem, limit_period_of

RESERVING, RESERVED, FULFILLED, CANCELLED, EXPIRED, FAILED = (
    "reserving",
    "reserved",
    "fulfilled",
    "cancelled",
    "expired",
    "failed",
)
MOVES = {
    RESERVING: {RESERVED, FAILED, CANCELLED, EXPIRED},
    RESERVED: {FULFILLED, CANCELLED, EXPIRED},
    FULFILLED: set(),
    CANCELLED: set(),
    EXPIRED: set(),
    FAILED: set(),
}
OPEN = (RESERVING, RESERVED)
STATUS_NAMES = {
    RESERVING: "处理中",
    RESERVED: "待使用",
    FULFILLED: "已兑换",
    CANCELLED: "已取消",
    EXPIRED: "已过期",
    FAILED: "未成功",
}
STUCK_AFTER = timedelta(minutes=2)  # a RESERVING order this old was interrupted: the worker compensates it
LEDGER_MARGIN = timedelta(days=1)  # the pending transfer outlives the order, so the order's sweep voids it
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def order_id_for(request_id: str) -> str:
    return "o-" + hashlib.sha256(request_id.encode()).hexdigest()[:20]


def new_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))


@dataclass(eq=False, kw_only=True)
class Order(Aggregate):
    SOURCE: ClassVar[str] = "points"
    NAME: ClassVar[str] = "order"

    tenant_id: str
    id: str
    item_id: str
    item_name: str
    kind: str
    org_id: str
    subject: str
    quantity: int
    points: int
    status: str
    code: str
    period: str  # the item's limit period it counts in ("" without a limit)
    placed_at: datetime
    expires_at: datetime
    closed_at: datetime | None = None
    reason: str = ""
    closed_by: str = ""
    fingerprint: str = ""
    version: int = 0

    def __post_init__(self) -> None:
        Aggregate.__init__(self, self.tenant_id, self.id, self.version)

    @property
    def transfer_id(self) -> str:
        """The ledger's pending transfer holding the points."""
        return f"order:{self.id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @classmethod
    def place(
        cls,
        item: CatalogItem,
        order_id: str,
        subject: str,
        quantity: int,
        now: datetime,
        timezone: str,
        fingerprint: str,
    ) -> Order:
        order = cls(
            tenant_id=item.tenant_id,
            id=order_id,
            item_id=item.id,
            item_name=item.spec.name,
            kind=item.spec.kind,
            org_id=item.spec.org_id,
            subject=subject,
            quantity=quantity,
            points=item.spec.cost * quantity,
            status=RESERVING,
            code=new_code(),
            period=limit_period_of(item.spec.limit_period, now, timezone),
            placed_at=now,
            expires_at=now + item.spec.validity,
            fingerprint=fingerprint,
        )
        order.touch()
        return order

    @property
    def ledger_timeout(self) -> int:
        return int((self.expires_at - self.placed_at + LEDGER_MARGIN).total_seconds())

    def _move(self, to: str) -> None:
        if to not in MOVES[self.status]:
            raise FailedPrecondition(f"order {self.id} is {self.status} ({STATUS_NAMES[self.status]})")
        self.status = to

    def reserved(self) -> None:
        self._move(RESERVED)
        self.record(
            OrderPlaced(
                order_id=self.id,
                item_id=self.item_id,
                item_name=self.item_name,
                subject=self.subject,
                quantity=self.quantity,
                points=self.points,
                code=self.code,
                org_id=self.org_id,
                expires_at=timestamp(self.expires_at),
            )
        )

    def failed(self, reason: str, now: datetime) -> None:
        self._move(FAILED)
        self.reason, self.closed_at = reason[:200], now
        self.touch()

    def check_fulfillable(self, now: datetime) -> None:
        if self.status != RESERVED:
            raise FailedPrecondition(f"order {self.id} is {self.status} ({STATUS_NAMES[self.status]})")
        if now >= self.expires_at:
            raise FailedPrecondition(f"order {self.id} expired at {self.expires_at.isoformat()}")

    def fulfilled(self, by: str, now: datetime) -> None:
        self._move(FULFILLED)
        self.closed_at, self.closed_by = now, by
        self.record(
            OrderFulfilled(
                order_id=self.id,
                item_id=self.item_id,
                item_name=self.item_name,
                subject=self.subject,
                points=self.points,
                org_id=self.org_id,
                by=by,
            )
        )

    def closed(self, outcome: str, reason: str, by: str, now: datetime) -> None:
        """Cancelled or expired: the points and the units came back."""
        was_reserved = self.status == RESERVED
        self._move(outcome)
        self.reason, self.closed_by, self.closed_at = reason[:200], by, now
        if was_reserved:
            self.record(
                OrderCancelled(
                    order_id=self.id,
                    item_id=self.item_id,
                    item_name=self.item_name,
                    subject=self.subject,
                    points=self.points,
                    outcome=outcome,
                    reason=self.reason,
                )
            )
        else:
            self.touch()
