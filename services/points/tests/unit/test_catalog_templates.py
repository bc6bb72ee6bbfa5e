"""The catalog's and the tool library's events as people read them (notifications' default routes
and templates): Chinese, the item's or tool's name, the district's local time — never UTC or ids."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.json_format import MessageToDict
from google.protobuf.timestamp_pb2 import Timestamp
from linli.points.v1 import catalog_events_pb2 as ev
from linli_governance.notifications import DEFAULT_ROUTES
from linli_notifications.domain.filters import Lookups
from linli_notifications.domain.templates import default_template, render

LOOKUPS = Lookups(timezone="Asia/Shanghai")
DUE = Timestamp(seconds=int(datetime(2026, 12, 10, 12, 0, tzinfo=UTC).timestamp()))  # 20:00 in 武汉


def text(template: str, message) -> tuple[str, str]:
    got = render(
        default_template(template), MessageToDict(message, preserving_proto_field_name=True), True, LOOKUPS
    )
    return got.title, got.body


def test_every_catalog_and_library_event_is_routed_to_the_person_it_concerns():
    routed = {(r.event.rsplit(".", 1)[1], r.audience): r.template for r in DEFAULT_ROUTES}
    for event in (
        "OrderPlaced",
        "OrderFulfilled",
        "OrderCancelled",
        "ToolAccepted",
        "ToolBorrowed",
        "ToolReturned",
    ):
        assert (event, "subject") in routed, event
    assert routed[("OrderPlaced", "org")] == "points_coupon_issued"
    assert routed[("ToolOverdue", "subject")] == "tool_overdue"
    assert routed[("ToolOverdue", "volunteer")] == "tool_overdue_keeper"


def test_an_order_reads_with_the_items_name_points_code_and_local_date():
    placed = ev.OrderPlaced(
        item_name="世茂家政券",
        subject="res-chen",
        quantity=1,
        points=200,
        code="ABCD2345EF",
        org_id="shimao",
        expires_at=DUE,
    )
    title, body = text("points_order_placed", placed)
    assert title == "积分兑换成功"
    assert (
        "“世茂家政券”×1" in body
        and "兑换码 ABCD2345EF" in body
        and "12月10日 20:00" in body
        and "使用" in body
    )
    assert "2026-12-10T12:00" not in body and "shimao" not in body
    goods = ev.OrderPlaced(item_name="洗衣液", quantity=2, points=60, code="X", expires_at=DUE)
    assert "领取" in text("points_order_placed", goods)[1]
    assert "12月10日 20:00" in text("points_coupon_issued", placed)[1]
    assert (
        "60 积分已扣除" in text("points_order_fulfilled", ev.OrderFulfilled(item_name="洗衣液", points=60))[1]
    )
    expired = ev.OrderCancelled(item_name="洗衣液", points=60, outcome="expired", reason="超过有效期未使用")
    assert text("points_order_cancelled", expired) == (
        "兑换已过期",
        "您兑换的“洗衣液”已过期未使用，60 积分已退回（超过有效期未使用）。",
    )
    assert text(
        "points_order_cancelled", ev.OrderCancelled(item_name="洗衣液", points=60, outcome="cancelled")
    )[0] == ("兑换已取消")


def test_a_loan_reads_with_the_tools_name_and_the_local_due_time():
    borrowed = ev.ToolBorrowed(name="电钻", borrower="res-zhao", due_at=DUE, deposit=20, subject="res-zhao")
    assert (
        text("tool_borrowed", borrowed)[1]
        == "您借用了“电钻”，请于 12月10日 20:00前归还，押金 20 积分归还后退回。"
    )
    assert "押金" not in text("tool_borrowed", ev.ToolBorrowed(name="梯子", due_at=DUE))[1]
    overdue = ev.ToolOverdue(name="电钻", due_at=DUE, subject="res-zhao", volunteer="vol-ma")
    assert "12月10日 20:00" in text("tool_overdue", overdue)[1]
    assert "借用人尚未归还" in text("tool_overdue_keeper", overdue)[1]
    assert "（逾期）" in text("tool_returned", ev.ToolReturned(name="电钻", late=True))[1]
    assert "电钻" in text("tool_accepted", ev.ToolAccepted(name="电钻", subject="res-chen"))[1]
