"""The tool library over real in-process gRPC: a tool is offered, accepted, reserved against a
deposit, lent, reminded when overdue and returned; a reservation without points for the deposit is
undone, and one nobody picks up goes back on the shelf."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
from linli.points.v1 import catalog_events_pb2 as ev
from linli.points.v1 import catalog_pb2 as pb
from linli_points.service_layer import library

from .conftest import (
    RES,
    RES2,
    TENANT,
    VOL,
    available,
    events,
    grant,
    refused,
)


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
