"""Rosters, config copies and bulk fan-out on the real Mongo-wire server (unique indexes, bulk errors)."""

import json

import pytest
from linli_notifications.adapters.documents import InboxEntryDoc
from linli_notifications.adapters.roster import HouseholdDoc
from linli_notifications.service_layer import announcements, intake
from linli_notifications.service_layer.config import rules_for
from linli_platform.auth import Principal

pytestmark = pytest.mark.integration
A, B = "t-jinjiang", "t-other"
STAFF = Principal(A, "community_staff", "staff-li")


def test_stale_roster_and_config_events_change_nothing(mongo_uows, ev):
    intake.handle(ev.envelope(ev.household(A, "h1", owners=["new-owner"]), A, "h1", version=5), mongo_uows)
    intake.handle(ev.envelope(ev.household(A, "h1", owners=["old-owner"]), A, "h1", version=4), mongo_uows)
    assert HouseholdDoc.scoped(A).get(compound_id="c-jinjiang", household_id="h1").owners == ["new-owner"]
    for version, urgent in ((3, ["gas"]), (2, ["water"])):
        document = {"district": {"name": "金江街道"}, "notifications": {"urgent_categories": urgent}}
        change = ev.communities.GovernanceConfigChanged(
            tenant_id=A, version=version, document_json=json.dumps(document)
        )
        intake.handle(ev.envelope(change, A, A), mongo_uows)
    assert rules_for(mongo_uows(A)).notifications.urgent_categories == ["gas"]
    assert rules_for(mongo_uows(B)).version == 0


def test_an_announcement_reaches_every_household_once_even_when_retried(mongo_uows, ev):
    for n in range(120):
        intake.handle(ev.envelope(ev.household(A, f"h{n}", building=f"b{n % 3}"), A, f"h{n}"), mongo_uows)
    intake.handle(ev.envelope(ev.household(B, "h0"), B, "h0"), mongo_uows)
    target = announcements.Target(compound_id="c-jinjiang")
    first = announcements.announce(mongo_uows(A), STAFF, "req-1", "停水通知", "明日9点至12点停水", target, [])
    again = announcements.announce(mongo_uows(A), STAFF, "req-1", "停水通知", "明日9点至12点停水", target, [])
    assert (first.households, first.inbox_entries) == (120, 120)
    assert (again.households, again.inbox_entries) == (120, 0)
    assert InboxEntryDoc.scoped(A).filter(event_id=first.announcement_id).count() == 120
    assert InboxEntryDoc.scoped(B).count() == 0
    building = announcements.announce(
        mongo_uows(A),
        STAFF,
        "req-2",
        "电梯检修",
        "3号楼电梯周二检修",
        announcements.Target(compound_id="c-jinjiang", building_id="b1"),
        [],
    )
    assert building.households == 40
