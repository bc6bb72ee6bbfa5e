"""Points' events read as people read them: names, the district's local time, the points' own name."""

from __future__ import annotations

from google.protobuf.json_format import MessageToDict
from linli.points.v1 import events_pb2 as events
from linli_governance.notifications import DEFAULT_ROUTES
from linli_notifications.domain.filters import Lookups
from linli_notifications.domain.templates import default_template, render

LOOKUPS = Lookups(timezone="Asia/Shanghai", compound=lambda c: {"jinjiang": "金江公寓"}.get(c, ""))


def facts(message) -> dict:
    return MessageToDict(message, preserving_proto_field_name=True)


def test_points_events_are_routed_by_default():
    routed = {
        r.event: (r.audience, r.template) for r in DEFAULT_ROUTES if r.event.startswith("linli.points.v1.")
    }
    assert routed["linli.points.v1.PointsCredited"] == ("subject", "points_credited")
    assert routed["linli.points.v1.ActivityCheckedOut"] == ("supervisor", "activity_to_confirm")
    assert routed["linli.points.v1.ActivityConfirmed"] == ("volunteer", "activity_confirmed")
    assert routed["linli.points.v1.AwardGranted"] == ("district_admins", "award_granted")


def test_a_credit_hours_to_confirm_and_an_award_in_chinese_with_names_and_local_time():
    credit = events.PointsCredited(
        subject="vol-ma",
        amount=15,
        reason="完成工单，评价 5 星（×1.5）",
        subject_name="马建国",
        points_name="服务积分",
        local_time="2026-11-02 10:00",
    )
    got = render(default_template("points_credited"), facts(credit), strict=True, lookups=LOOKUPS)
    assert got.title == "服务积分到账"
    assert (
        got.body
        == "马建国好，您于 2026-11-02 10:00 因“完成工单，评价 5 星（×1.5）”获得 15 服务积分，感谢您的付出！"
    )
    out = events.ActivityCheckedOut(
        subject="vol-ma",
        kind_name="安全巡逻",
        compound_id="jinjiang",
        minutes=150,
        subject_name="马建国",
        local_time="2026-11-02 21:30",
    )
    got = render(default_template("activity_to_confirm"), facts(out), strict=True, lookups=LOOKUPS)
    assert got.body == "马建国在金江公寓完成“安全巡逻” 2.5 小时（2026-11-02 21:30 签退），请确认。"
    award = events.AwardGranted(
        award_name="金江之星", period="2026-11", summary="第1名 马建国（服务 12 小时，平均评分 4.8）"
    )
    got = render(default_template("award_granted"), facts(award), strict=True, lookups=LOOKUPS)
    assert (got.title, got.body) == (
        "金江之星评选结果",
        "金江之星（2026-11）评选结果：第1名 马建国（服务 12 小时，平均评分 4.8）",
    )
