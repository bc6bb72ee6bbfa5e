"""request_id semantics of every mutating RPC of the catalog and the tool library: the same id with
the same content answers the first result and writes nothing; other content is ALREADY_EXISTS
naming request_id."""

from __future__ import annotations

import grpc
import pytest
from linli.points.v1 import catalog_pb2 as pb

from .conftest import (
    ADMIN,
    FIRM,
    RES,
    RES2,
    STAFF,
    VOL,
    create,
    grant,
    place,
    refused,
    spec,
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
