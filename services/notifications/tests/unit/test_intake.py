"""Events in, notifications out (on the fakes): idempotent, tenant-scoped, routed by the district's config."""

import json
from datetime import UTC, datetime

from linli_governance.notifications import NotificationsConfig
from linli_notifications.domain.messages import MAX_ATTEMPTS
from linli_notifications.service_layer import intake
from linli_notifications.service_layer.config import rules_for
from linli_platform.auth import Principal

A, B = "t-jinjiang", "t-other"


def inbox_of(uows, tenant, recipient):
    return [e for e in uows.stored("inbox", tenant) if e.recipient == recipient]


def test_the_same_event_delivered_twice_gives_one_notification_per_recipient(uows, ev, shimao_hook):
    event = ev.envelope(ev.dispatched(A), A, "tk1")
    first = intake.handle(event, uows)
    second = intake.handle(event, uows)
    assert first == {"inbox": 2, "webhook": 1, "queued": 0}
    assert second == {"inbox": 0, "webhook": 0, "queued": 0}
    assert len(inbox_of(uows, A, "org:org-shimao")) == 1 and len(inbox_of(uows, A, "resident-wang")) == 1
    assert len(uows.stored("deliveries", A)) == 1


def test_the_firm_gets_a_chinese_message_and_a_signed_json_body_queued(uows, ev, shimao_hook):
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), uows)
    (entry,) = inbox_of(uows, A, "org:org-shimao")
    assert entry.title == "新工单待接单" and "厨房水管漏水" in entry.body
    (delivery,) = uows.stored("deliveries", A)
    body = json.loads(delivery.body)
    assert body["type"] == "linli.tickets.v1.TicketDispatched"
    assert body["data"]["ticket"]["ticket_id"] == "tk1" and body["tenant_id"] == A
    assert delivery.subscription_id == shimao_hook.id and delivery.status == "pending"


def test_another_tenants_event_never_reaches_this_tenants_inboxes_or_webhooks(uows, ev, shimao_hook):
    intake.handle(ev.envelope(ev.dispatched(B), B, "tk1"), uows)
    assert len(uows.stored("inbox", A)) == 0
    assert (
        len(uows.stored("deliveries", A)) == 0 and len(uows.stored("deliveries", B)) == 0
    )  # B has no subscription
    assert len(inbox_of(uows, B, "org:org-shimao")) == 1


def test_owners_of_a_compound_from_the_local_roster_get_the_decision(uows, ev):
    intake.handle(ev.envelope(ev.household(A, "h-301", owners=["owner-zhang"]), A, "h-301"), uows)
    intake.handle(ev.envelope(ev.household(A, "h-302", owners=["owner-li"], residents=[]), A, "h-302"), uows)
    intake.handle(ev.envelope(ev.household(B, "h-9", owners=["owner-elsewhere"]), B, "h-9"), uows)
    decided = ev.communities.ProposalDecided(
        tenant_id=A,
        proposal_id="p1",
        compound_id="c-jinjiang",
        title="加装电梯",
        approved=True,
        summary="双过半通过",
    )
    intake.handle(ev.envelope(decided, A, "p1"), uows)
    recipients = {e.recipient for e in uows.stored("inbox", A)}
    assert recipients == {"owner-zhang", "owner-li"}
    assert (
        "加装电梯" in inbox_of(uows, A, "owner-li")[0].body
        and "已通过" in inbox_of(uows, A, "owner-li")[0].body
    )


def test_a_decision_of_some_buildings_reaches_those_buildings_owners_only(uows, ev):
    intake.handle(ev.envelope(ev.household(A, "h-101", building="b-1", owners=["owner-1"]), A, "h-101"), uows)
    intake.handle(ev.envelope(ev.household(A, "h-301", building="b-3", owners=["owner-3"]), A, "h-301"), uows)
    decided = ev.communities.ProposalDecided(
        tenant_id=A,
        proposal_id="p-lift",
        compound_id="c-jinjiang",
        title="1栋电梯大修（维修资金）",
        approved=True,
        summary="表决范围：1栋业主；双过半通过",
        building_ids=["b-1"],
    )
    intake.handle(ev.envelope(decided, A, "p-lift"), uows)
    assert {e.recipient for e in uows.stored("inbox", A)} == {"owner-1"}


def test_owners_are_told_when_a_proposal_under_vote_is_withdrawn(uows, ev):
    intake.handle(ev.envelope(ev.household(A, "h-301", owners=["owner-zhang"]), A, "h-301"), uows)
    withdrawn = ev.communities.ProposalWithdrawn(
        tenant_id=A,
        proposal_id="p1",
        compound_id="c-jinjiang",
        title="加装电梯",
        withdrawn_by="council-li",
        reason="改由物业企业承担费用",
        vote_cancelled=True,
    )
    intake.handle(ev.envelope(withdrawn, A, "p1"), uows)
    [entry] = inbox_of(uows, A, "owner-zhang")
    assert entry.title == "议题已撤回"
    assert entry.body == "议题“加装电梯”已撤回，表决随之取消。原因：改由物业企业承担费用"


def test_households_and_buildings_numbered_alike_in_two_compounds_are_kept_apart(uows, ev):
    intake.handle(
        ev.envelope(ev.household(A, "1-1-101", compound="jinjiang", owners=["owner-j"]), A, "x"), uows
    )
    intake.handle(ev.envelope(ev.household(A, "1-1-101", compound="heyue", owners=["owner-h"]), A, "y"), uows)
    for compound, leader in (("jinjiang", "leader-j"), ("heyue", "")):
        building = ev.communities.BuildingUpserted(
            tenant_id=A, compound_id=compound, building_id="1", leader_subject=leader
        )
        intake.handle(ev.envelope(building, A, compound + "/1"), uows)
    roster = uows(A).roster
    assert roster.household_people(compound_id="jinjiang", owners_only=True) == {"owner-j"}
    assert (
        roster.building_leader("jinjiang", "1") == "leader-j" and roster.building_leader("heyue", "1") == ""
    )
    assert roster.lives_in("owner-h", "heyue/1-1-101") and not roster.lives_in("owner-h", "jinjiang/1-1-101")


def test_a_stale_roster_event_does_not_undo_a_newer_one(uows, ev):
    intake.handle(ev.envelope(ev.household(A, "h1", owners=["new-owner"]), A, "h1", version=5), uows)
    intake.handle(ev.envelope(ev.household(A, "h1", owners=["old-owner"]), A, "h1", version=4), uows)
    (stored,) = uows.stored("roster_households", A)
    assert (stored["compound_id"], stored["household_id"], stored["owners"]) == (
        "c-jinjiang",
        "h1",
        ["new-owner"],
    )


def config_event(ev, tenant, version, notifications: dict):
    document = {"district": {"name": "金江街道"}, "notifications": notifications}
    return ev.envelope(
        ev.communities.GovernanceConfigChanged(
            tenant_id=tenant, version=version, document_json=json.dumps(document)
        ),
        tenant,
        tenant,
    )


def test_routes_come_from_the_districts_config_copy(uows, ev):
    only_household = {
        "routes": [
            {
                "event": "linli.tickets.v1.TicketDispatched",
                "audience": "household",
                "template": "ticket_dispatched_reporter",
            }
        ]
    }
    intake.handle(config_event(ev, A, 2, only_household), uows)
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), uows)
    assert [e.recipient for e in uows.stored("inbox", A)] == ["household:c-jinjiang/h-301"]
    intake.handle(ev.envelope(ev.dispatched(B), B, "tk1"), uows)  # B has no copy: shipped defaults
    assert {e.recipient for e in uows.stored("inbox", B)} == {"org:org-shimao", "resident-wang"}


def test_an_older_config_version_is_ignored(uows, ev):
    intake.handle(config_event(ev, A, 3, {"urgent_categories": ["gas"]}), uows)
    intake.handle(config_event(ev, A, 2, {"urgent_categories": ["water"]}), uows)
    assert rules_for(uows(A)).notifications.urgent_categories == ["gas"] and rules_for(uows(A)).version == 3


SMS_RULE = {
    "routes": [
        {
            "event": "linli.tickets.v1.TicketAccepted",
            "audience": "reporter",
            "template": "ticket_accepted",
            "channels": ["inbox", "sms"],
        }
    ],
    "urgent_categories": ["electrical"],
}


def accepted(ev, category="plumbing"):
    ref = ev.dispatched(A, category=category).ticket
    return ev.envelope(ev.tickets.TicketAccepted(ticket=ref), A, "tk1", event_id=f"acc-{category}")


def test_sms_at_night_waits_for_the_end_of_quiet_hours_unless_urgent(uows, ev):
    intake.handle(config_event(ev, A, 1, SMS_RULE), uows)
    night = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    intake.handle(accepted(ev), uows, now=night)
    intake.handle(accepted(ev, "electrical"), uows, now=night)
    waits = {m.event_id: m.not_before.replace(tzinfo=UTC) for m in uows.stored("messages", A)}
    assert waits["acc-plumbing"] == datetime(2026, 3, 2, 23, 0, tzinfo=UTC)  # 07:00 next morning
    assert waits["acc-electrical"] == night


def test_an_sms_opt_out_is_respected_except_for_urgent_categories(uows, ev):
    from linli_notifications.service_layer import preferences

    intake.handle(config_event(ev, A, 1, SMS_RULE), uows)
    preferences.set_preferences(uows(A), Principal(A, "resident", "resident-wang"), ["sms"], "", "")
    intake.handle(accepted(ev), uows)
    intake.handle(accepted(ev, "electrical"), uows)
    assert [m.event_id for m in uows.stored("messages", A)] == ["acc-electrical"]
    assert len(inbox_of(uows, A, "resident-wang")) == 2  # the inbox always gets it


def test_queued_messages_go_out_through_the_channel_adapter_once(mongo_mock, uows, ev):
    from linli_notifications.adapters.channels import RecordedMessage, RecordingChannel
    from linli_notifications.service_layer import outgoing

    intake.handle(config_event(ev, A, 1, SMS_RULE), uows)
    noon = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
    intake.handle(accepted(ev), uows, now=noon)
    adapters = {"sms": RecordingChannel(), "wechat": RecordingChannel()}
    assert (
        outgoing.send_due(uows, adapters, now=noon) == 1 and outgoing.send_due(uows, adapters, now=noon) == 0
    )
    (sent,) = RecordedMessage.objects
    assert sent.recipient == "resident-wang" and sent.channel == "sms" and sent.title == "服务方已接单"


def test_events_without_a_rule_are_handled_without_effect(uows, ev):
    assert NotificationsConfig().routes  # shipped rules exist, but none for ratings by volunteers
    rated = ev.tickets.TicketRated(ticket=ev.tickets.TicketRef(ticket_id="t", reporter="r"), rating=5)
    assert intake.handle(ev.envelope(rated, A, "t"), uows) == {"inbox": 0, "webhook": 0, "queued": 0}
    assert uows.stored("subscriptions", A) == []


def test_care_tags_never_reach_a_message_even_if_a_rule_and_template_ask_for_them(uows, ev):
    from linli_notifications.service_layer import templates

    leaky = {
        "routes": [
            {
                "event": "linli.communities.v1.HouseholdUpserted",
                "audience": "compound_owners",
                "template": "leak",
            }
        ]
    }
    intake.handle(config_event(ev, A, 1, leaky), uows)
    templates.set_template(
        uows(A), Principal(A, "district_admin", "admin"), "leak", "户档案", "标签：{{ care_tags }}"
    )
    counts = intake.handle(ev.envelope(ev.household(A, "h-301", tags=["yellow"]), A, "h-301"), uows)
    (entry,) = uows.stored("inbox", A)
    assert counts["inbox"] == 1 and entry.recipient == "owner-zhang"
    assert entry.body == "标签：" and "yellow" not in entry.body


def test_private_fields_are_stripped_at_every_depth():
    from linli_notifications.domain.routing import without_private

    payload = {
        "org_id": "o",
        "care_tags": ["yellow"],
        "nested": {"care_tags": ["blue"], "k": 1},
        "items": [{"care_tags": ["red"]}],
    }
    assert without_private(payload) == {"org_id": "o", "nested": {"k": 1}, "items": [{}]}


def test_a_failing_gateway_keeps_the_message_queued_with_growing_delays_then_gives_up(uows, ev):
    from datetime import timedelta

    from linli_notifications.service_layer import outgoing

    class DownGateway:
        calls = 0

        def send(self, message):
            DownGateway.calls += 1
            raise ConnectionError("短信网关不可用")

    intake.handle(config_event(ev, A, 1, SMS_RULE), uows)
    now = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
    intake.handle(accepted(ev), uows, now=now)
    adapters = {"sms": DownGateway(), "wechat": DownGateway()}
    assert outgoing.send_due(uows, adapters, now=now) == 0
    assert (
        outgoing.send_due(uows, adapters, now=now) == 0 and DownGateway.calls == 1
    )  # not before its retry time
    for _ in range(MAX_ATTEMPTS):
        now += timedelta(hours=1)
        outgoing.send_due(uows, adapters, now=now)
    (doc,) = uows.stored("messages", A)
    assert DownGateway.calls == MAX_ATTEMPTS and doc.status == "failed" and "短信网关" in doc.last_error
