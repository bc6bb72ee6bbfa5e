"""The redemption catalog (积分兑换): an item, its stock, per-person limits and validity (pure).

An item is the one place where its stock is decided: every order that holds units is listed in
`holds` (order id → units), so releasing an order's units twice gives them back once, and the
per-person claims of the current period live beside the stock, so the limit and the stock are
checked and changed in the same guarded write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import ClassVar

from linli_platform.aggregate import Aggregate
from linli_platform.errors import FailedPrecondition, InvalidField

from linli_points.domain.periods import local

KINDS = ("goods", "service_coupon", "voucher", "repair_service")
COUPON_KINDS = frozenset({"service_coupon", "voucher"})  # used by their firm or merchant
KIND_NAMES = {
    "goods": "日用品",
    "service_coupon": "服务券",
    "voucher": "消费券",
    "repair_service": "维修服务",
}
PERIODS = ("", "day", "week", "month", "year")
MAX_COST = 1_000_000
MAX_STOCK = 1_000_000
MAX_NAME = 60
MAX_DESCRIPTION = 500
DEFAULT_DAYS = {"goods": 7, "repair_service": 30, "service_coupon": 90, "voucher": 90}


@dataclass(frozen=True)
class ItemSpec:
    name: str
    kind: str
    cost: int
    description: str = ""
    org_id: str = ""
    per_person_limit: int = 0
    limit_period: str = ""
    available_from: datetime | None = None
    available_until: datetime | None = None
    valid_days: int = 0

    def check(self, path: str = "spec") -> None:
        problems: list[tuple[str, str]] = []
        if not isinstance(self.name, str) or not self.name.strip():
            problems.append((f"{path}.name", "is required"))
        elif len(self.name) > MAX_NAME:
            problems.append((f"{path}.name", f"is longer than {MAX_NAME} characters"))
        if len(self.description or "") > MAX_DESCRIPTION:
            problems.append((f"{path}.description", f"is longer than {MAX_DESCRIPTION} characters"))
        if self.kind not in KINDS:
            problems.append((f"{path}.kind", f"one of {', '.join(KINDS)}"))
        if isinstance(self.cost, bool) or not isinstance(self.cost, int) or not 1 <= self.cost <= MAX_COST:
            problems.append((f"{path}.cost", f"points between 1 and {MAX_COST}"))
        if self.kind in COUPON_KINDS and not self.org_id:
            problems.append(
                (f"{path}.org_id", "a coupon or voucher names the firm or merchant that honours it")
            )
        if not 0 <= self.per_person_limit <= 1000:
            problems.append((f"{path}.per_person_limit", "between 0 and 1000"))
        if self.limit_period not in PERIODS:
            problems.append((f"{path}.limit_period", "day, week, month or year"))
        elif bool(self.per_person_limit) != bool(self.limit_period):
            problems.append(
                (f"{path}.limit_period", "a per-person limit needs a period, and a period a limit")
            )
        if self.available_from and self.available_until and self.available_until <= self.available_from:
            problems.append((f"{path}.available_until", "must be after available_from"))
        if not 0 <= self.valid_days <= 365:
            problems.append((f"{path}.valid_days", "between 0 and 365"))
        if problems:
            raise InvalidField(problems)

    @property
    def validity(self) -> timedelta:
        return timedelta(days=self.valid_days or DEFAULT_DAYS.get(self.kind, 7))


def limit_period_of(kind: str, at: datetime, timezone: str) -> str:
    """The per-person limit's period holding `at`, in the district's calendar ("" for no limit)."""
    t = local(at, timezone)
    if kind == "day":
        return t.strftime("%Y-%m-%d")
    if kind == "week":
        year, week, _ = t.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == "month":
        return t.strftime("%Y-%m")
    if kind == "year":
        return t.strftime("%Y")
    return ""


@dataclass(eq=False, kw_only=True)
class CatalogItem(Aggregate):
    SOURCE: ClassVar[str] = "points"
    NAME: ClassVar[str] = "catalog_item"

    tenant_id: str
    id: str
    spec: ItemSpec
    stock: int = 0
    active: bool = True
    holds: dict[str, int] = field(default_factory=dict)  # open order → units it holds
    claims: dict[str, int] = field(default_factory=dict)  # person → units in `claims_period`
    claims_period: str = ""
    fingerprint: str = ""
    version: int = 0

    def __post_init__(self) -> None:
        Aggregate.__init__(self, self.tenant_id, self.id, self.version)

    @classmethod
    def create(
        cls, tenant_id: str, item_id: str, spec: ItemSpec, stock: int, fingerprint: str
    ) -> CatalogItem:
        spec.check()
        if isinstance(stock, bool) or not isinstance(stock, int) or not 0 <= stock <= MAX_STOCK:
            raise InvalidField("stock", f"between 0 and {MAX_STOCK}")
        item = cls(tenant_id=tenant_id, id=item_id, spec=spec, stock=stock, fingerprint=fingerprint)
        item.touch()
        return item

    @property
    def held(self) -> int:
        return sum(self.holds.values())

    def update(self, spec: ItemSpec, active: bool) -> None:
        spec.check()
        if (spec.kind != self.spec.kind or spec.org_id != self.spec.org_id) and self.holds:
            raise FailedPrecondition(
                f"item {self.id} has open orders: its kind and firm stay until they close"
            )
        self.spec, self.active = spec, active
        self.touch()

    def restock(self, delta: int) -> None:
        if not -MAX_STOCK <= delta <= MAX_STOCK or delta == 0:
            raise InvalidField("delta", f"a non-zero number of units within ±{MAX_STOCK}")
        if self.stock + delta < 0:
            raise FailedPrecondition(f"item {self.id}: stock is {self.stock}, {-delta} cannot be taken away")
        if self.stock + delta > MAX_STOCK:
            raise InvalidField("delta", f"stock would exceed {MAX_STOCK}")
        self.stock += delta
        self.touch()

    def refusal(self, subject: str, quantity: int, now: datetime, timezone: str) -> str | None:
        """Why `subject` cannot order `quantity` now (None: they can)."""
        s = self.spec
        if not self.active:
            return f"item {self.id} ({s.name}) is not offered now"
        if s.available_from and now < s.available_from:
            return f"item {self.id} ({s.name}) can be redeemed from {s.available_from.isoformat()}"
        if s.available_until and now >= s.available_until:
            return f"item {self.id} ({s.name}) could be redeemed until {s.available_until.isoformat()}"
        if self.stock < quantity:
            return f"item {self.id} ({s.name}) is out of stock (stock {self.stock}, asked {quantity})"
        if s.per_person_limit:
            period = limit_period_of(s.limit_period, now, timezone)
            used = self.claims.get(subject, 0) if self.claims_period == period else 0
            if used + quantity > s.per_person_limit:
                return (
                    f"item {self.id} ({s.name}): limit {s.per_person_limit} per person per {s.limit_period}, "
                    f"{used} redeemed in {period}"
                )
        return None

    def reserve(self, order_id: str, subject: str, quantity: int, now: datetime, timezone: str) -> bool:
        """Hold units for an order (once: an order holding already changes nothing)."""
        if order_id in self.holds:
            return False
        refusal = self.refusal(subject, quantity, now, timezone)
        if refusal:
            raise FailedPrecondition(refusal)
        if self.spec.per_person_limit:
            period = limit_period_of(self.spec.limit_period, now, timezone)
            if self.claims_period != period:
                self.claims, self.claims_period = {}, period
            self.claims[subject] = self.claims.get(subject, 0) + quantity
        self.stock -= quantity
        self.holds[order_id] = quantity
        self.touch()
        return True

    def release(self, order_id: str, subject: str, period: str) -> bool:
        """Give an order's units back (cancelled, expired, failed); once."""
        quantity = self.holds.pop(order_id, None)
        if quantity is None:
            return False
        self.stock += quantity
        if period and period == self.claims_period and subject in self.claims:
            self.claims[subject] = max(0, self.claims[subject] - quantity)
        self.touch()
        return True

    def settle(self, order_id: str) -> bool:
        """The order is fulfilled: its units are gone for good (the claim stays)."""
        if self.holds.pop(order_id, None) is None:
            return False
        self.touch()
        return True
