"""The catalog and the tool library over real in-process gRPC, the fakes behind them: redemption
holds points and stock together, fulfil/cancel/expire settle or give both back, coupons are their
firm's alone, tenants never see each other, bad input names the field and writes nothing, and
every mutating RPC has request_id semantics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest
from linli.points.v1 import catalog_events_pb2 as ev
from linli.points.v1 import catalog_pb2 as pb
from linli.points.v1 import catalog_pb2_grpc as pb_grpc
from linli_ledger import Transfer
from linli_platform.config import Settings
from linli_platform.events import decode
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.status import field_violations
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import bearer, make_token
from linli_points.adapters.catalog_fakes import fake_catalog_unit_of_work
from linli_points.domain import books
from linli_points.domain.order import RESERVING, Order, order_id_for
from linli_points.service_layer import library, orders

TENANT, OTHER = "hanyang", "xingshan"


def as_(role: str, subject: str, tenant: str = TENANT, org: str = ""):
    return bearer(make_token(tenant, role, subject, org=org))


ADMIN = as_("district_admin", "admin-li")
STAFF = as_("community_staff", "staff-yang")
RES = as_("resident", "res-chen")
RES2 = as_("resident", "res-zhao")
VOL = as_("volunteer", "vol-ma")
FIRM = as_("property_firm", "shimao-clerk", org="shimao")
OTHER_FIRM = as_("property_firm", "vanke-clerk", org="vanke")
OTHER_ADMIN = as_("district_admin", "admin-x", tenant=OTHER)
OTHER_RES = as_("resident", "res-chen", tenant=OTHER)


@pytest.fixture
def store():
    return FakeStore()


@pytest.fixture
def uows(store):
    return fake_catalog_unit_of_work(store)


@pytest.fixture
def server(uows):
    settings = Settings(service="points", grpc_workers=2)
    from linli_points.entrypoints.catalog_api import catalog_specs  # noqa: PLC0415

    running = build_server(settings, catalog_specs(uows, FakeIdempotencyStore()), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.CatalogServiceStub(channel), pb_grpc.LibraryServiceStub(channel)
    channel.close()
    running.drain(0)


@pytest.fixture
def stub(server):
    return server[0]


@pytest.fixture
def lib(server):
    return server[1]


def grant(uows, subject: str, amount: int, tenant: str = TENANT) -> None:
    ledger = uows(tenant).ledger
    ledger.open([books.ISSUER, books.person(subject)])
    ledger.submit(
        [
            Transfer(
                f"grant:{subject}:{amount}",
                books.ISSUER_ID,
                books.person_id(subject),
                amount,
                books.LEDGER,
                "grant",
            )
        ]
    )


def available(uows, subject: str, tenant: str = TENANT) -> int:
    account = uows(tenant).ledger.accounts([books.person_id(subject)]).get(books.person_id(subject))
    return account.available if account else 0


def spec(**changes) -> pb.ItemSpec:
    fields = {"name": "洗衣液", "kind": pb.ITEM_KIND_GOODS, "cost": 30}
    fields.update(changes)
    return pb.ItemSpec(**fields)


def create(stub, item_id="detergent", stock=5, metadata=ADMIN, **changes):
    return stub.CreateItem(
        pb.CreateItemRequest(
            request_id=f"create-{item_id}", item_id=item_id, spec=spec(**changes), stock=stock
        ),
        metadata=metadata,
    )


def place(stub, request_id, item_id="detergent", quantity=1, metadata=RES):
    return stub.PlaceOrder(
        pb.PlaceOrderRequest(request_id=request_id, item_id=item_id, quantity=quantity), metadata=metadata
    )


def refused(call):
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code(), field_violations(err.value), err.value.details()


def events(store, kind):
    found = []
    for e in store.outbox:
        env = decode(e.value)
        if env.payload.Is(kind.DESCRIPTOR):
            message = kind()
            env.payload.Unpack(message)
            found.append(message)
    return found


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


def test_another_districts_item_order_and_tool_are_not_found(stub, lib, uows):
    grant(uows, "res-chen", 100)
    create(stub)
    order = place(stub, "r1")
    tool = lib.OfferTool(pb.OfferToolRequest(request_id="t1", name="电钻"), metadata=RES)
    assert refused(lambda: stub.GetItem(pb.GetItemRequest(item_id="detergent"), metadata=OTHER_RES))[0] == (
        grpc.StatusCode.NOT_FOUND
    )
    assert refused(lambda: stub.GetOrder(pb.GetOrderRequest(order_id=order.order_id), metadata=OTHER_RES))[
        0
    ] == (grpc.StatusCode.NOT_FOUND)
    assert refused(lambda: lib.GetTool(pb.GetToolRequest(tool_id=tool.tool_id), metadata=OTHER_RES))[0] == (
        grpc.StatusCode.NOT_FOUND
    )
    code, violations, _ = refused(lambda: place(stub, "r9", metadata=OTHER_RES))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "item_id"
    assert (
        refused(
            lambda: stub.CancelOrder(
                pb.CancelOrderRequest(request_id="c", order_id=order.order_id), metadata=OTHER_ADMIN
            )
        )[0]
        == grpc.StatusCode.NOT_FOUND
    )
    assert stub.ListItems(pb.ListItemsRequest(), metadata=OTHER_RES).items == []


def test_a_resident_cannot_see_another_residents_order(stub, uows):
    grant(uows, "res-chen", 100)
    create(stub)
    order = place(stub, "r1")
    assert refused(lambda: stub.GetOrder(pb.GetOrderRequest(order_id=order.order_id), metadata=RES2))[0] == (
        grpc.StatusCode.NOT_FOUND
    )
    assert stub.ListOrders(pb.ListOrdersRequest(), metadata=RES2).orders == []
    assert refused(lambda: stub.ListOrders(pb.ListOrdersRequest(subject="res-chen"), metadata=RES2))[0] == (
        grpc.StatusCode.NOT_FOUND
    )


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"cost": -5}, "spec.cost"),
        ({"cost": 10**18}, "spec.cost"),
        ({"name": "名" * 100_000}, "spec.name"),
        ({"name": "   "}, "spec.name"),
        ({"kind": pb.ITEM_KIND_VOUCHER}, "spec.org_id"),
        ({"per_person_limit": 3}, "spec.limit_period"),
    ],
)
def test_bad_items_name_the_field_and_write_nothing(stub, store, changes, field):
    writes = store.writes
    code, violations, _ = refused(lambda: create(stub, **changes))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and field in [v[0] for v in violations]
    assert store.writes == writes
    assert refused(lambda: stub.GetItem(pb.GetItemRequest(item_id="detergent"), metadata=ADMIN))[0] == (
        grpc.StatusCode.NOT_FOUND
    )


def test_bad_orders_name_the_field_and_write_nothing(stub, uows, store):
    grant(uows, "res-chen", 100)
    create(stub)
    writes = store.writes
    for request, field in [
        (pb.PlaceOrderRequest(request_id="b1", item_id="nope"), "item_id"),
        (pb.PlaceOrderRequest(request_id="b2", item_id="detergent", quantity=-1), "quantity"),
        (pb.PlaceOrderRequest(request_id="b3", item_id="x" * 100_000), "item_id"),
        (pb.PlaceOrderRequest(request_id="b4", item_id="detergent", quantity=10**6), "quantity"),
    ]:
        code, violations, _ = refused(lambda request=request: stub.PlaceOrder(request, metadata=RES))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == field, (request, violations)
    code, violations, _ = refused(
        lambda: stub.RestockItem(
            pb.RestockItemRequest(request_id="s", item_id="detergent", delta=-(10**18)), metadata=STAFF
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "delta"
    assert store.writes == writes


def test_only_staff_manage_the_catalog(stub):
    assert refused(lambda: create(stub, metadata=RES))[0] == grpc.StatusCode.PERMISSION_DENIED
    assert refused(lambda: create(stub, metadata=FIRM))[0] == grpc.StatusCode.PERMISSION_DENIED


def test_the_tool_library_lends_holds_a_deposit_reminds_and_returns(lib, uows, store):
    grant(uows, "res-zhao", 50)
    tool = lib.OfferTool(
        pb.OfferToolRequest(request_id="t1", name="电钻", compound_id="jinjiang"), metadata=RES
    )
    assert tool.status == pb.TOOL_STATUS_OFFERED and tool.owner == "res-chen"
    assert (
        refused(
            lambda: lib.AcceptTool(pb.AcceptToolRequest(request_id="a0", tool_id=tool.tool_id), metadata=RES2)
        )[0]
        == grpc.StatusCode.PERMISSION_DENIED
    )
    lib.AcceptTool(
        pb.AcceptToolRequest(request_id="a1", tool_id=tool.tool_id, deposit=20, loan_days=3), metadata=VOL
    )
    reserved = lib.ReserveTool(pb.ReserveToolRequest(request_id="v1", tool_id=tool.tool_id), metadata=RES2)
    assert reserved.status == pb.TOOL_STATUS_RESERVED and available(uows, "res-zhao") == 30
    lent = lib.LendTool(pb.LendToolRequest(request_id="l1", tool_id=tool.tool_id), metadata=VOL)
    assert lent.status == pb.TOOL_STATUS_LENT and lent.due_at.seconds > 0
    later = datetime.now(UTC) + timedelta(days=4)
    assert library.remind_overdue(uows(TENANT), now=later) == 1
    assert library.remind_overdue(uows(TENANT), now=later) == 0  # once per loan
    assert [e.borrower for e in events(store, ev.ToolOverdue)] == ["res-zhao"]
    back = lib.ReturnTool(pb.ReturnToolRequest(request_id="b1", tool_id=tool.tool_id), metadata=VOL)
    assert back.status == pb.TOOL_STATUS_AVAILABLE and back.loans == 1
    assert available(uows, "res-zhao") == 50  # the deposit released
    assert [e.name for e in events(store, ev.ToolBorrowed)] == ["电钻"]
    assert uows(TENANT).ledger.check() == []


def test_a_reservation_without_points_for_the_deposit_is_undone(lib, uows):
    tool = lib.OfferTool(pb.OfferToolRequest(request_id="t1", name="梯子"), metadata=RES)
    lib.AcceptTool(pb.AcceptToolRequest(request_id="a1", tool_id=tool.tool_id, deposit=20), metadata=VOL)
    code, _, details = refused(
        lambda: lib.ReserveTool(pb.ReserveToolRequest(request_id="v1", tool_id=tool.tool_id), metadata=RES2)
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION and "deposit" in details
    assert (
        lib.GetTool(pb.GetToolRequest(tool_id=tool.tool_id), metadata=RES2).status == pb.TOOL_STATUS_AVAILABLE
    )


# -- request_id semantics of every mutating RPC ---------------------------------------------------------
def _setup(stub, lib, uows):
    grant(uows, "res-chen", 1000)
    grant(uows, "res-zhao", 1000)
    create(stub, stock=20)
    create(
        stub,
        item_id="housekeeping",
        name="家政券",
        kind=pb.ITEM_KIND_SERVICE_COUPON,
        cost=10,
        org_id="shimao",
    )


CASES = {
    "CreateItem": lambda s, lb, ctx: (
        s.CreateItem,
        pb.CreateItemRequest(request_id="x", item_id="soap", spec=spec(name="肥皂"), stock=1),
        pb.CreateItemRequest(request_id="x", item_id="soap", spec=spec(name="肥皂"), stock=2),
        ADMIN,
    ),
    "UpdateItem": lambda s, lb, ctx: (
        s.UpdateItem,
        pb.UpdateItemRequest(request_id="x", item_id="detergent", spec=spec(cost=31), active=True),
        pb.UpdateItemRequest(request_id="x", item_id="detergent", spec=spec(cost=32), active=True),
        ADMIN,
    ),
    "RestockItem": lambda s, lb, ctx: (
        s.RestockItem,
        pb.RestockItemRequest(request_id="x", item_id="detergent", delta=1),
        pb.RestockItemRequest(request_id="x", item_id="detergent", delta=2),
        STAFF,
    ),
    "PlaceOrder": lambda s, lb, ctx: (
        s.PlaceOrder,
        pb.PlaceOrderRequest(request_id="x", item_id="detergent", quantity=1),
        pb.PlaceOrderRequest(request_id="x", item_id="detergent", quantity=2),
        RES,
    ),
    "FulfilOrder": lambda s, lb, ctx: (
        s.FulfilOrder,
        pb.FulfilOrderRequest(request_id="x", order_id=ctx["order"]),
        pb.FulfilOrderRequest(request_id="x", order_id=ctx["order2"]),
        STAFF,
    ),
    "CancelOrder": lambda s, lb, ctx: (
        s.CancelOrder,
        pb.CancelOrderRequest(request_id="x", order_id=ctx["order"]),
        pb.CancelOrderRequest(request_id="x", order_id=ctx["order"], reason="不要了"),
        RES,
    ),
    "UseCoupon": lambda s, lb, ctx: (
        s.UseCoupon,
        pb.UseCouponRequest(request_id="x", code=ctx["code"]),
        pb.UseCouponRequest(request_id="x", code=ctx["code2"]),
        FIRM,
    ),
    "OfferTool": lambda s, lb, ctx: (
        lb.OfferTool,
        pb.OfferToolRequest(request_id="x", name="电钻"),
        pb.OfferToolRequest(request_id="x", name="梯子"),
        RES,
    ),
    "AcceptTool": lambda s, lb, ctx: (
        lb.AcceptTool,
        pb.AcceptToolRequest(request_id="x", tool_id=ctx["tool"], deposit=5),
        pb.AcceptToolRequest(request_id="x", tool_id=ctx["tool"], deposit=6),
        VOL,
    ),
    "ReserveTool": lambda s, lb, ctx: (
        lb.ReserveTool,
        pb.ReserveToolRequest(request_id="x", tool_id=ctx["shelved"]),
        pb.ReserveToolRequest(request_id="x", tool_id=ctx["tool"]),
        RES2,
    ),
    "CancelReservation": lambda s, lb, ctx: (
        lb.CancelReservation,
        pb.CancelReservationRequest(request_id="x", tool_id=ctx["booked"]),
        pb.CancelReservationRequest(request_id="x", tool_id=ctx["shelved"]),
        RES2,
    ),
    "LendTool": lambda s, lb, ctx: (
        lb.LendTool,
        pb.LendToolRequest(request_id="x", tool_id=ctx["booked"]),
        pb.LendToolRequest(request_id="x", tool_id=ctx["shelved"]),
        VOL,
    ),
    "ReturnTool": lambda s, lb, ctx: (
        lb.ReturnTool,
        pb.ReturnToolRequest(request_id="x", tool_id=ctx["lent"]),
        pb.ReturnToolRequest(request_id="x", tool_id=ctx["shelved"]),
        VOL,
    ),
}


def _context(stub, lib):
    order = place(stub, "o1")
    order2 = place(stub, "o2")
    coupon = place(stub, "o3", item_id="housekeeping")
    coupon2 = place(stub, "o4", item_id="housekeeping")
    tool = lib.OfferTool(pb.OfferToolRequest(request_id="tool1", name="锤子"), metadata=RES)
    shelved = lib.OfferTool(pb.OfferToolRequest(request_id="tool2", name="扳手"), metadata=RES)
    lib.AcceptTool(pb.AcceptToolRequest(request_id="acc2", tool_id=shelved.tool_id), metadata=VOL)
    booked = lib.OfferTool(pb.OfferToolRequest(request_id="tool3", name="锯子"), metadata=RES)
    lib.AcceptTool(pb.AcceptToolRequest(request_id="acc3", tool_id=booked.tool_id), metadata=VOL)
    lib.ReserveTool(pb.ReserveToolRequest(request_id="res3", tool_id=booked.tool_id), metadata=RES2)
    lent = lib.OfferTool(pb.OfferToolRequest(request_id="tool4", name="梯子"), metadata=RES)
    lib.AcceptTool(pb.AcceptToolRequest(request_id="acc4", tool_id=lent.tool_id), metadata=VOL)
    lib.ReserveTool(pb.ReserveToolRequest(request_id="res4", tool_id=lent.tool_id), metadata=RES2)
    lib.LendTool(pb.LendToolRequest(request_id="lend4", tool_id=lent.tool_id), metadata=VOL)
    return {
        "order": order.order_id,
        "order2": order2.order_id,
        "code": coupon.code,
        "code2": coupon2.code,
        "tool": tool.tool_id,
        "shelved": shelved.tool_id,
        "booked": booked.tool_id,
        "lent": lent.tool_id,
    }


@pytest.mark.parametrize("method", sorted(CASES))
def test_same_request_id_same_content_answers_the_first_and_other_content_is_already_exists(
    stub, lib, uows, store, method
):
    _setup(stub, lib, uows)
    ctx = _context(stub, lib)
    rpc, request, other, metadata = CASES[method](stub, lib, ctx)
    first = rpc(request, metadata=metadata)
    writes = store.writes
    assert rpc(request, metadata=metadata) == first
    assert store.writes == writes
    code, _, details = refused(lambda: rpc(other, metadata=metadata))
    assert code == grpc.StatusCode.ALREADY_EXISTS and "request_id" in details


def test_every_mutating_rpc_of_the_catalog_is_covered():
    from linli_points.entrypoints.catalog_api import CatalogServicer, LibraryServicer  # noqa: PLC0415

    mutating = {
        name
        for cls in (CatalogServicer, LibraryServicer)
        for name, fn in vars(cls).items()
        if getattr(fn, "__linli_request_id__", None)
    }
    assert mutating == set(CASES)


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


def test_a_reservation_nobody_picks_up_goes_back_on_the_shelf_and_the_deposit_is_released(lib, uows):
    grant(uows, "res-zhao", 50)
    tool = lib.OfferTool(pb.OfferToolRequest(request_id="t1", name="电钻"), metadata=RES)
    lib.AcceptTool(pb.AcceptToolRequest(request_id="a1", tool_id=tool.tool_id, deposit=20), metadata=VOL)
    lib.ReserveTool(pb.ReserveToolRequest(request_id="v1", tool_id=tool.tool_id), metadata=RES2)
    assert available(uows, "res-zhao") == 30
    assert library.release_unclaimed(uows(TENANT), now=datetime.now(UTC) + timedelta(days=1)) == 0
    assert library.release_unclaimed(uows(TENANT), now=datetime.now(UTC) + timedelta(days=3)) == 1
    assert (
        lib.GetTool(pb.GetToolRequest(tool_id=tool.tool_id), metadata=RES2).status == pb.TOOL_STATUS_AVAILABLE
    )
    assert available(uows, "res-zhao") == 50
    assert uows(TENANT).ledger.check() == []
