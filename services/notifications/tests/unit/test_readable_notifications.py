"""What people read: times in the district's zone and names instead of ids (filters of domain.filters)."""

import json
from datetime import UTC, datetime

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from linli_notifications.domain.filters import Lookups, format_local, yuan
from linli_notifications.domain.templates import TemplateText, render
from linli_notifications.service_layer import intake

A = "t-jinjiang"


def config_event(ev, tenant, version, document):
    return ev.envelope(
        ev.communities.GovernanceConfigChanged(
            tenant_id=tenant, version=version, document_json=json.dumps(document)
        ),
        tenant,
        tenant,
    )


def places(ev, uows):
    compound = ev.communities.CompoundUpserted(tenant_id=A, compound_id="c-jinjiang", name="金江公寓")
    building = ev.communities.BuildingUpserted(
        tenant_id=A, compound_id="c-jinjiang", building_id="b-3", name="3栋"
    )
    intake.handle(ev.envelope(compound, A, "c-jinjiang"), uows)
    intake.handle(ev.envelope(building, A, "b-3"), uows)


def dispatched_with_deadline(ev, at: datetime):
    event = ev.dispatched(A, category="lighting")
    deadline = Timestamp()
    deadline.FromDatetime(at)
    event.accept_by.CopyFrom(deadline)
    return event


def test_the_firms_inbox_reads_local_time_and_names_not_utc_and_ids(uows, ev):
    places(ev, uows)
    event = dispatched_with_deadline(ev, datetime(2026, 12, 3, 8, 11, 44, 125269, tzinfo=UTC))
    intake.handle(ev.envelope(event, A, "tk1"), uows)
    (entry,) = [e for e in uows.stored("inbox", A) if e.recipient == "org:org-shimao"]
    assert "请于 12月3日 16:11前接单" in entry.body
    assert "类别：楼道照明，小区：金江公寓" in entry.body
    assert "2026-12-03T08" not in entry.body and "lighting" not in entry.body


def test_the_time_zone_and_category_names_come_from_the_districts_config(uows, ev):
    places(ev, uows)
    document = {
        "district": {"name": "乌鲁木齐某街道", "timezone": "Asia/Urumqi"},
        "tickets": {"categories": {"lighting": {"name": "路灯与楼道灯"}}},
    }
    intake.handle(config_event(ev, A, 2, document), uows)
    event = dispatched_with_deadline(ev, datetime(2026, 12, 3, 8, 11, tzinfo=UTC))
    intake.handle(ev.envelope(event, A, "tk2"), uows)
    (entry,) = [e for e in uows.stored("inbox", A) if e.recipient == "org:org-shimao"]
    assert "请于 12月3日 14:11前接单" in entry.body  # UTC+6
    assert "类别：路灯与楼道灯" in entry.body


def test_an_unknown_compound_or_category_shows_its_id_rather_than_nothing(uows, ev):
    intake.handle(ev.envelope(ev.dispatched(A, category="roof"), A, "tk3"), uows)
    (entry,) = [e for e in uows.stored("inbox", A) if e.recipient == "org:org-shimao"]
    assert "类别：roof，小区：c-jinjiang" in entry.body


@pytest.mark.parametrize(
    ("style", "shown"),
    [("short", "12月3日 16:11"), ("date", "12月3日"), ("time", "16:11"), ("long", "2026年12月3日 16:11")],
)
def test_local_time_styles(style, shown):
    assert format_local("2026-12-03T08:11:44.125269Z", "Asia/Shanghai", style) == shown


def test_local_time_of_nothing_or_garbage_is_empty_and_a_bad_zone_falls_back_to_shanghai():
    assert format_local("", "Asia/Shanghai") == "" and format_local("昨天", "Asia/Shanghai") == ""
    assert format_local(datetime(2026, 1, 1, tzinfo=UTC), "Mars/Olympus") == "1月1日 08:00"


def test_filters_work_in_a_districts_own_template_with_its_lookups():
    template = TemplateText(
        key="fee_bill",
        title="{{ compound_id | compound_name }} 物业费账单",
        body="{{ building_id | building_name }}：应缴 {{ amount_fen | yuan }}，"
        "{{ due_at | local_time('date') }}前缴清",
    )
    lookups = Lookups(
        timezone="Asia/Shanghai",
        compound={"c1": "金江公寓"}.get,
        building=lambda compound, building: {("c1", "b3"): "3栋"}.get((compound, building), ""),
    )
    data = {"compound_id": "c1", "building_id": "b3", "amount_fen": 123450, "due_at": "2026-12-31T16:30:00Z"}
    rendered = render(template, data, lookups=lookups)
    assert rendered.title == "金江公寓 物业费账单"
    assert rendered.body == "3栋：应缴 1,234.50 元，1月1日前缴清"


def test_yuan_of_negative_and_bad_amounts():
    assert yuan(-5) == "-0.05 元" and yuan("x") == "" and yuan(0) == "0.00 元"


def test_the_lookups_object_renders_as_nothing():
    assert render(TemplateText(key="k", title="t", body="[{{ _lookups }}]"), {}).body == "[]"
