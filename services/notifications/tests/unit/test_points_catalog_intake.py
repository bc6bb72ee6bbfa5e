"""Points' catalog and tool-library events through the intake (on the fakes): the person it
concerns, a coupon's firm and a tool's keeper get Chinese messages with names and local times."""

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp
from linli.points.v1 import catalog_events_pb2 as points
from linli_notifications.service_layer import intake

A = "t-jinjiang"
DUE = Timestamp(seconds=int(datetime(2026, 12, 10, 12, 0, tzinfo=UTC).timestamp()))


def inbox_of(uows, recipient):
    return [e for e in uows.stored("inbox", A) if e.recipient == recipient]


def test_a_coupon_order_reaches_the_person_and_the_firm(uows, ev):
    placed = points.OrderPlaced(
        order_id="o-1",
        item_name="世茂家政券",
        subject="res-chen",
        quantity=1,
        points=200,
        code="ABCD2345EF",
        org_id="org-shimao",
        expires_at=DUE,
    )
    intake.handle(ev.envelope(placed, A, "o-1"), uows)
    (mine,) = inbox_of(uows, "res-chen")
    assert mine.title == "积分兑换成功" and "世茂家政券" in mine.body and "兑换码 ABCD2345EF" in mine.body
    (firm,) = inbox_of(uows, "org:org-shimao")
    assert firm.title == "新的服务券" and "12月10日 20:00" in firm.body


def test_an_overdue_tool_reminds_the_borrower_and_tells_the_keeper(uows, ev):
    overdue = points.ToolOverdue(
        tool_id="t-1",
        name="电钻",
        borrower="res-zhao",
        keeper="vol-ma",
        due_at=DUE,
        subject="res-zhao",
        volunteer="vol-ma",
    )
    intake.handle(ev.envelope(overdue, A, "t-1"), uows)
    (borrower,) = inbox_of(uows, "res-zhao")
    assert (
        borrower.title == "工具借用已逾期" and "“电钻”" in borrower.body and "12月10日 20:00" in borrower.body
    )
    (keeper,) = inbox_of(uows, "vol-ma")
    assert keeper.title == "借出工具逾期未还"
