"""Orders: redeem points for a catalog item, fulfil, cancel, expire; a firm's coupons.

Placing an order takes three writes, each keyed by the order's id so any of them can be repeated:
(1) the order, RESERVING; (2) the item's units, held under the order's id (the item's guarded write
decides the last unit: exactly one of many concurrent orders gets it); (3) the points, a PENDING
transfer `order:<id>` with a timeout. Then the order is RESERVED. A failure after (1) gives back
what was taken and marks the order FAILED. A crash after (1) leaves a RESERVING order that the
worker's sweep compensates after STUCK_AFTER (units released, pending voided); a pending transfer
nobody resolves is voided by the ledger's own expiry. No points or units are lost either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from linli_ledger import Transfer, TransferFlags
from linli_platform.auth import Principal, Role
from linli_platform.errors import Aborted, FailedPrecondition, InvalidField, NotFound, PermissionDenied
from linli_platform.idempotency import check_same, fingerprint

from linli_points.adapters import metrics
from linli_points.domain import books
from linli_points.domain.catalog import COUPON_KINDS, CatalogItem
from linli_points.domain.order import (
    CANCELLED,
    EXPIRED,
    FAILED,
    FULFILLED,
    RESERVED,
    RESERVING,
    STUCK_AFTER,
    Order,
    order_id_for,
)
from linli_points.service_layer.catalog_unit_of_work import CatalogUnitOfWork
from linli_points.service_layer.rules_in_force import rules_at

ATTEMPTS = 30  # lost races on one item in a row (many people ordering it at once)


@dataclass(frozen=True)
class PlaceOrder:
    request_id: str
    item_id: str
    quantity: int = 1
    subject: str = ""


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _credit_account(order_or_item_kind: str, org_id: str):
    return books.org(org_id) if order_or_item_kind in COUPON_KINDS and org_id else books.SINK


def visible_order(uow: CatalogUnitOfWork, caller: Principal, order_id: str) -> Order:
    """Staff see every order of their district, a firm its own coupons, a person their own."""
    with uow:
        order = uow.orders.get(order_id)
    if caller.is_staff:
        return order
    if caller.role == Role.PROPERTY_FIRM:
        if order.org_id and order.org_id == caller.org:
            return order
    elif order.subject == caller.subject:
        return order
    raise NotFound(f"order {order_id} not found")


def place_order(
    uow: CatalogUnitOfWork, caller: Principal, cmd: PlaceOrder, now: datetime | None = None
) -> Order:
    at = _now(now)
    subject = cmd.subject or caller.subject
    if cmd.subject and cmd.subject != caller.subject and not caller.is_staff:
        raise PermissionDenied("only staff place an order for someone else")
    if not subject:
        raise InvalidField("subject", "is required")
    quantity = cmd.quantity or 1
    if not 1 <= quantity <= 100:
        raise InvalidField("quantity", "between 1 and 100")
    order_id = order_id_for(cmd.request_id)
    offered = fingerprint(PlaceOrder(cmd.request_id, cmd.item_id, quantity, subject))
    timezone = rules_at(uow, at).timezone  # per-person limits count in the district's calendar
    with uow:
        order = uow.orders.find(order_id)
        if order is not None:
            check_same(order.fingerprint, offered, cmd.request_id)
            if order.status == RESERVING:
                return _go_on(uow, order, at, timezone)  # the first attempt was interrupted: finish it
            if order.status == FAILED:
                raise FailedPrecondition(order.reason)
            return order
        item = uow.items.find(cmd.item_id)
        if item is None:
            raise InvalidField("item_id", f"no item {cmd.item_id} in this district's catalog")
        refusal = item.refusal(subject, quantity, at, timezone)  # before anything is written
        if refusal:
            raise FailedPrecondition(refusal)
        account = uow.ledger.accounts([books.person_id(subject)]).get(books.person_id(subject))
        points = item.spec.cost * quantity
        if account is None or account.available < points:
            have = account.available if account else 0
            raise FailedPrecondition(
                f"account {books.person_id(subject)}: {have} points available, {points} needed"
            )
        order = Order.place(item, order_id, subject, quantity, at, timezone, offered)
        uow.orders.add(order)
        uow.commit()
    return _go_on(uow, order, at, timezone)


def _go_on(uow: CatalogUnitOfWork, order: Order, at: datetime, timezone: str) -> Order:
    try:
        _hold_units(uow, order, at, timezone)
    except FailedPrecondition as refusal:
        _fail(uow, order.id, str(refusal.message), at)
        raise
    try:
        uow.ledger.open([books.person(order.subject), _credit_account(order.kind, order.org_id)])
        uow.ledger.submit(
            [
                Transfer(
                    id=order.transfer_id,
                    debit_account_id=books.person_id(order.subject),
                    credit_account_id=_credit_account(order.kind, order.org_id).id,
                    amount=order.points,
                    ledger=books.LEDGER,
                    code=f"redeem.{order.item_id}"[:64],
                    cause=f"points.order.v1/{order.id}",
                    flags=TransferFlags.PENDING,
                    timeout=order.ledger_timeout,
                    user_data={"item": order.item_id, "quantity": str(order.quantity)},
                )
            ],
            now=order.placed_at,  # a resumed placement submits the very same transfer
        )
    except FailedPrecondition as refusal:
        _release_units(uow, order)
        _fail(uow, order.id, str(refusal.message), at)
        raise
    with uow:
        current = uow.orders.get(order.id)
        if current.status != RESERVING:  # the sweep compensated it meanwhile
            raise Aborted(f"order {order.id} was {current.status} meanwhile")
        current.reserved()
        uow.commit()
    return current


def _with_item(uow: CatalogUnitOfWork, item_id: str, change) -> None:
    """Load the item, change it, save it; again when another order's write got in between."""
    for _ in range(ATTEMPTS):
        with uow:
            item: CatalogItem | None = uow.items.find(item_id)
            if item is None:
                return
            if not change(item):
                return
            try:
                uow.commit()
                return
            except Aborted:
                continue
    raise Aborted(f"item {item_id} kept changing; retry with the same request_id")


def _hold_units(uow: CatalogUnitOfWork, order: Order, at: datetime, timezone: str) -> None:
    def hold(item: CatalogItem) -> bool:
        if item.id != order.item_id:
            return False
        return item.reserve(order.id, order.subject, order.quantity, at, timezone)

    found: list[CatalogItem] = []

    def record_and_hold(item: CatalogItem) -> bool:
        found.append(item)
        return hold(item)

    _with_item(uow, order.item_id, record_and_hold)
    if not found:
        raise FailedPrecondition(f"item {order.item_id} is no longer in the catalog")


def _release_units(uow: CatalogUnitOfWork, order: Order) -> None:
    _with_item(uow, order.item_id, lambda item: item.release(order.id, order.subject, order.period))


def _settle_units(uow: CatalogUnitOfWork, order: Order) -> None:
    _with_item(uow, order.item_id, lambda item: item.settle(order.id))


def _fail(uow: CatalogUnitOfWork, order_id: str, reason: str, at: datetime) -> None:
    with uow:
        order = uow.orders.get(order_id)
        if order.status == RESERVING:
            order.failed(reason, at)
            uow.commit()


def _pending_state(uow: CatalogUnitOfWork, order: Order) -> str:
    """What the ledger says of the order's points: none, held, posted, voided."""
    ledger = uow.ledger
    try:
        ledger.transfer(order.transfer_id)
    except NotFound:
        return "none"
    ids = {order.transfer_id + ":post": "posted", order.transfer_id + ":void": "voided"}
    ids[f"expiry:{order.transfer_id}"] = "voided"  # the ledger's own expiry sweep
    for transfer_id, state in ids.items():
        try:
            ledger.transfer(transfer_id)
            return state
        except NotFound:
            pass
    return "held"


def fulfil_order(
    uow: CatalogUnitOfWork, caller: Principal, order_id: str, by: str = "", now: datetime | None = None
) -> Order:
    """Staff hand out the goods (or a firm marks its coupon used): the points are spent."""
    at = _now(now)
    if not caller.is_staff and caller.role != Role.PROPERTY_FIRM:
        raise PermissionDenied("staff hand out an order; a firm marks its coupon used")
    order = visible_order(uow, caller, order_id)
    if order.status == FULFILLED:
        return order
    if caller.role == Role.PROPERTY_FIRM and order.kind not in COUPON_KINDS:
        raise PermissionDenied("a firm marks only its coupons used")
    order.check_fulfillable(at)
    try:
        posted = uow.ledger.submit(
            [
                Transfer(
                    id=order.transfer_id + ":post",
                    flags=TransferFlags.POST_PENDING,
                    pending_id=order.transfer_id,
                )
            ]
        )
        if posted.created:
            metrics.redeemed(uow.tenant, posted.transfers[0].amount)
    except FailedPrecondition:
        _close(uow, order, EXPIRED, "积分预留已过期", "", at)
        raise
    _settle_units(uow, order)
    with uow:
        current = uow.orders.get(order.id)
        if current.status == RESERVED:
            current.fulfilled(by or caller.subject, at)
            uow.commit()
    return current


def cancel_order(
    uow: CatalogUnitOfWork, caller: Principal, order_id: str, reason: str = "", now: datetime | None = None
) -> Order:
    at = _now(now)
    order = visible_order(uow, caller, order_id)
    if caller.role == Role.PROPERTY_FIRM:
        raise PermissionDenied("the person or staff cancel an order")
    if order.status == CANCELLED:
        return order
    if order.status != RESERVED:
        raise FailedPrecondition(f"order {order.id} is {order.status}")
    return _close(uow, order, CANCELLED, reason or "用户取消", caller.subject, at)


def _close(uow: CatalogUnitOfWork, order: Order, outcome: str, reason: str, by: str, at: datetime) -> Order:
    """Void the points (unless they were spent), give the units back, close the order."""
    state = _pending_state(uow, order)
    if state == "posted":  # fulfilled, but the order's own write was lost: finish that instead
        _settle_units(uow, order)
        with uow:
            current = uow.orders.get(order.id)
            if current.status == RESERVED:
                current.fulfilled(by or "system", at)
                uow.commit()
        raise FailedPrecondition(f"order {order.id} was fulfilled")
    if state == "held":
        try:
            uow.ledger.submit(
                [
                    Transfer(
                        id=order.transfer_id + ":void",
                        flags=TransferFlags.VOID_PENDING,
                        pending_id=order.transfer_id,
                    )
                ]
            )
        except FailedPrecondition:
            if _pending_state(uow, order) == "posted":
                raise FailedPrecondition(f"order {order.id} was fulfilled") from None
    _release_units(uow, order)
    with uow:
        current = uow.orders.get(order.id)
        if current.is_open:
            current.closed(outcome if current.status == RESERVED else FAILED, reason, by, at)
            uow.commit()
    return current


def sweep_orders(uow: CatalogUnitOfWork, now: datetime | None = None, limit: int = 200) -> int:
    """Expire reserved orders past their date; compensate interrupted ones. Returns how many closed."""
    at = _now(now)
    with uow:
        due = uow.orders.due(at, at - STUCK_AFTER, limit)
    closed = 0
    for order in due:
        try:
            reason = "超过有效期未使用" if order.status == RESERVED else "下单中断，积分与库存已退回"
            _close(uow, order, EXPIRED, reason, "", at)
            closed += 1
        except (FailedPrecondition, Aborted):
            continue  # fulfilled or changed meanwhile; the next pass looks again
    uow.ledger.expire(at)  # pending transfers nobody resolved (e.g. an order never written)
    return closed


def coupon_by_code(uow: CatalogUnitOfWork, caller: Principal, code: str) -> Order:
    """A firm reads one of its coupons by code; another firm's code (or none) is NOT_FOUND."""
    with uow:
        order = uow.orders.by_code(code.strip().upper())
    if order is None or order.kind not in COUPON_KINDS:
        raise NotFound("no coupon with this code")
    if not caller.is_staff and (caller.role != Role.PROPERTY_FIRM or order.org_id != caller.org):
        raise NotFound("no coupon with this code")
    return order


def use_coupon(uow: CatalogUnitOfWork, caller: Principal, code: str, now: datetime | None = None) -> Order:
    order = coupon_by_code(uow, caller, code)
    return fulfil_order(uow, caller, order.id, by=caller.org or caller.subject, now=now)


def list_orders(
    uow: CatalogUnitOfWork, caller: Principal, subject: str, status: str, offset: int, limit: int
) -> tuple[list[Order], int]:
    if caller.role == Role.PROPERTY_FIRM:
        raise PermissionDenied("a firm lists its coupons with ListCoupons")
    if not caller.is_staff:
        if subject and subject != caller.subject:
            raise NotFound(f"no orders of {subject}")
        subject = caller.subject
    with uow:
        return uow.orders.page(subject, "", status, offset, limit)


def list_coupons(
    uow: CatalogUnitOfWork, caller: Principal, status: str, offset: int, limit: int
) -> tuple[list[Order], int]:
    if caller.role != Role.PROPERTY_FIRM or not caller.org:
        raise PermissionDenied("a firm's token lists its coupons")
    with uow:
        return uow.orders.page("", caller.org, status, offset, limit)


__all__ = [
    "RESERVED",
    "PlaceOrder",
    "cancel_order",
    "coupon_by_code",
    "fulfil_order",
    "list_coupons",
    "list_orders",
    "place_order",
    "sweep_orders",
    "use_coupon",
    "visible_order",
]
