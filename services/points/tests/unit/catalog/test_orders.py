"""Redemption over real in-process gRPC: an order holds points and stock together; fulfil, cancel
and expiry settle or give both back; an interrupted placement is finished or compensated; stock,
points and per-person limits (in the district's calendar) refuse naming why; a coupon is its firm's
alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest
from linli.points.v1 import catalog_events_pb2 as ev
from linli.points.v1 import catalog_pb2 as pb
from linli_points.domain import books
from linli_points.domain.order import RESERVING, Order, order_id_for
from linli_points.service_layer import orders

from .conftest import (
    FIRM,
    OTHER_FIRM,
    RES,
    RES2,
    STAFF,
    TENANT,
    available,
    create,
    events,
    grant,
    place,
    refused,
)


def test_an_order_holds_points_and_stock_and_fulfilment_spends_them(stub, uows, store):
    grant(uows, "res-chen", 100)
    create(stub)
    order = place(stub, "r1", quantity=2)
    assert order.status == pb.ORDER_STATUS_RESERVED and order.points == 60 and len(order.code) == 10
    assert available(uows, "res-chen") == 40
    item = stub.GetItem(pb.GetItemRequest(item_id="detergent"), metadata=RES)
    assert (item.stock, item.held) == (3, 2)
    done = stub.FulfilOrder(pb.FulfilOrderRequest(request_id="f1", order_id=order.order_id), metadata=STAFF)
    assert done.status == pb.ORDER_STATUS_FULFILLED
    account = uows(TENANT).ledger.account(books.person_id("res-chen"))
    assert (account.balance, account.debits_pending) == (40, 0)
    item = stub.GetItem(pb.GetItemRequest(item_id="detergent"), metadata=RES)
    assert (item.stock, item.held) == (3, 0)
    assert [e.item_name for e in events(store, ev.OrderPlaced)] == ["洗衣液"]
    assert [e.by for e in events(store, ev.OrderFulfilled)] == ["staff-yang"]
    assert uows(TENANT).ledger.check() == []


def test_cancelling_gives_points_and_stock_back(stub, uows):
    grant(uows, "res-chen", 100)
    create(stub)
    order = place(stub, "r1")
    cancelled = stub.CancelOrder(
        pb.CancelOrderRequest(request_id="c1", order_id=order.order_id), metadata=RES
    )
    assert cancelled.status == pb.ORDER_STATUS_CANCELLED
    assert available(uows, "res-chen") == 100
    assert stub.GetItem(pb.GetItemRequest(item_id="detergent"), metadata=RES).stock == 5
    code, _, details = refused(
        lambda: stub.FulfilOrder(
            pb.FulfilOrderRequest(request_id="f1", order_id=order.order_id), metadata=STAFF
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "cancelled" in details


def test_an_unused_order_expires_and_everything_comes_back(stub, uows, store):
    grant(uows, "res-chen", 100)
    create(stub, valid_days=3)
    order = place(stub, "r1")
    later = datetime.now(UTC) + timedelta(days=3, minutes=1)
    assert orders.sweep_orders(uows(TENANT), now=later) == 1
    got = stub.GetOrder(pb.GetOrderRequest(order_id=order.order_id), metadata=RES)
    assert got.status == pb.ORDER_STATUS_EXPIRED
    assert available(uows, "res-chen") == 100
    assert stub.GetItem(pb.GetItemRequest(item_id="detergent"), metadata=RES).stock == 5
    assert [e.outcome for e in events(store, ev.OrderCancelled)] == ["expired"]
    assert orders.sweep_orders(uows(TENANT), now=later) == 0
    assert uows(TENANT).ledger.check() == []


def test_an_interrupted_placement_is_compensated_by_the_sweep(stub, uows):
    """A crash after the order and the stock were written, before the points: nothing is lost."""
    grant(uows, "res-chen", 100)
    create(stub)
    now = datetime.now(UTC)
    uow = uows(TENANT)
    with uow:
        item = uow.items.get("detergent")
        order = Order.place(item, order_id_for("crashed"), "res-chen", 2, now, "Asia/Shanghai", "fp")
        uow.orders.add(order)
        uow.commit()
    orders._hold_units(uow, order, now, "Asia/Shanghai")  # the second step done, then the process died
    assert stub.GetItem(pb.GetItemRequest(item_id="detergent"), metadata=RES).stock == 3
    assert orders.sweep_orders(uows(TENANT), now=now + timedelta(minutes=3)) == 1
    with uow:
        assert uow.orders.get(order.id).status == "failed"
    assert stub.GetItem(pb.GetItemRequest(item_id="detergent"), metadata=RES).stock == 5
    assert available(uows, "res-chen") == 100


def test_a_retry_finishes_an_interrupted_placement(stub, uows):
    grant(uows, "res-chen", 100)
    create(stub)
    now = datetime.now(UTC)
    uow = uows(TENANT)
    cmd = orders.PlaceOrder("r-crash", "detergent", 1, "res-chen")
    from linli_platform.idempotency import fingerprint  # noqa: PLC0415

    with uow:
        item = uow.items.get("detergent")
        order = Order.place(
            item, order_id_for("r-crash"), "res-chen", 1, now, "Asia/Shanghai", fingerprint(cmd)
        )
        uow.orders.add(order)
        uow.commit()
    assert order.status == RESERVING
    again = place(stub, "r-crash")
    assert again.status == pb.ORDER_STATUS_RESERVED and again.order_id == order.id
    assert available(uows, "res-chen") == 70


def test_out_of_stock_and_too_few_points_refuse_naming_why_and_hold_nothing(stub, uows, store):
    grant(uows, "res-chen", 100)
    grant(uows, "res-zhao", 10)
    create(stub, stock=1)
    place(stub, "r1")
    code, _, details = refused(lambda: place(stub, "r2", metadata=RES2))
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "stock" in details
    writes = store.writes
    grant_before = available(uows, "res-zhao")
    stub.RestockItem(pb.RestockItemRequest(request_id="s1", item_id="detergent", delta=1), metadata=STAFF)
    code, _, details = refused(lambda: place(stub, "r3", metadata=RES2))
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "points" in details
    assert store.writes == writes + 1  # the restock only
    assert available(uows, "res-zhao") == grant_before
    assert stub.GetItem(pb.GetItemRequest(item_id="detergent"), metadata=RES).stock == 1


def test_a_per_person_limit_per_period_holds(stub, uows):
    grant(uows, "res-chen", 1000)
    create(stub, stock=50, per_person_limit=2, limit_period=pb.LIMIT_PERIOD_MONTH)
    place(stub, "r1", quantity=2)
    code, _, details = refused(lambda: place(stub, "r2"))
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "limit 2 per person per month" in details


def test_a_monthly_limit_counts_in_the_districts_calendar(stub, uows):
    """23:00 on 30 November and 00:30 on 1 December in 武汉 are two months, though both are 30 Nov in UTC."""
    from linli_platform.auth import Principal  # noqa: PLC0415

    grant(uows, "res-chen", 1000)
    create(stub, stock=50, per_person_limit=1, limit_period=pb.LIMIT_PERIOD_MONTH)
    chen = Principal(TENANT, "resident", "res-chen")
    late_november = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    early_december = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)
    orders.place_order(uows(TENANT), chen, orders.PlaceOrder("m1", "detergent"), now=late_november)
    orders.place_order(uows(TENANT), chen, orders.PlaceOrder("m2", "detergent"), now=early_december)
    from linli_platform.errors import FailedPrecondition  # noqa: PLC0415

    with pytest.raises(FailedPrecondition, match="1 redeemed in 2026-12"):
        orders.place_order(
            uows(TENANT),
            chen,
            orders.PlaceOrder("m3", "detergent"),
            now=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        )


def test_a_firms_coupon_is_verified_and_used_by_that_firm_only(stub, uows):
    grant(uows, "res-chen", 500)
    create(
        stub,
        item_id="housekeeping",
        name="世茂家政券",
        kind=pb.ITEM_KIND_SERVICE_COUPON,
        cost=200,
        org_id="shimao",
    )
    coupon = place(stub, "r1", item_id="housekeeping")
    assert refused(lambda: stub.VerifyCoupon(pb.VerifyCouponRequest(code=coupon.code), metadata=OTHER_FIRM))[
        0
    ] == (grpc.StatusCode.NOT_FOUND)
    assert stub.ListCoupons(pb.ListCouponsRequest(), metadata=OTHER_FIRM).orders == []
    seen = stub.VerifyCoupon(pb.VerifyCouponRequest(code=coupon.code.lower()), metadata=FIRM)
    assert seen.status == pb.ORDER_STATUS_RESERVED
    assert [o.order_id for o in stub.ListCoupons(pb.ListCouponsRequest(), metadata=FIRM).orders] == [
        coupon.order_id
    ]
    assert (
        refused(
            lambda: stub.UseCoupon(
                pb.UseCouponRequest(request_id="u0", code=coupon.code), metadata=OTHER_FIRM
            )
        )[0]
        == grpc.StatusCode.NOT_FOUND
    )
    used = stub.UseCoupon(pb.UseCouponRequest(request_id="u1", code=coupon.code), metadata=FIRM)
    assert used.status == pb.ORDER_STATUS_FULFILLED
    assert uows(TENANT).ledger.account("org:shimao").balance == 200  # the firm's account for its coupons
    assert refused(lambda: stub.GetOrder(pb.GetOrderRequest(order_id=coupon.order_id), metadata=OTHER_FIRM))[
        0
    ] == (grpc.StatusCode.NOT_FOUND)
