"""Who sees and changes what in the catalog: another district's items, orders and tools are not
found, a resident never sees another's order, only staff manage the catalog, and bad items and
orders name the field and write nothing."""

from __future__ import annotations

import grpc
import pytest
from linli.points.v1 import catalog_pb2 as pb

from .conftest import (
    ADMIN,
    FIRM,
    OTHER_ADMIN,
    OTHER_RES,
    RES,
    RES2,
    STAFF,
    create,
    grant,
    place,
    refused,
)


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
