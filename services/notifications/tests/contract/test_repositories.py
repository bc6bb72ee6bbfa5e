"""The repositories and queues of notifications: the in-memory fakes behave as the MongoDB adapters.

Every test runs on the fakes and on the real Mongo-wire server (SecantusDB). Use-case unit tests rely
on it: what passes on `FakeUnitsOfWork` passes on `mongo_unit_of_work()`. (The save path itself is
proven by the kit's contract test.)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from linli_governance.cache import StoredCopy
from linli_notifications.adapters.fakes import FakeUnitsOfWork
from linli_notifications.adapters.unit_of_work import mongo_unit_of_work
from linli_notifications.domain.announcements import Announcement, Target
from linli_notifications.domain.district_templates import DistrictTemplate
from linli_notifications.domain.egress import EgressPolicy
from linli_notifications.domain.inbox import InboxItem
from linli_notifications.domain.messages import Preferences, QueuedMessage
from linli_notifications.domain.schedule import Backoff
from linli_notifications.domain.templates import Rendered
from linli_notifications.domain.webhooks import Attempt, Delivery, Subscription
from linli_platform.errors import Aborted
from linli_platform.persistence import AlreadyStored

A, B = "t-jinjiang", "t-other"
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # whole milliseconds: what the database keeps
ANYWHERE = EgressPolicy(lambda host, port: ["93.184.216.34"])


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def uows(request):
    if request.param == "fake":
        return FakeUnitsOfWork()
    request.getfixturevalue("mongo_db")
    return mongo_unit_of_work()


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_inbox_delivery_is_once_per_recipient_and_event_and_pages_newest_first(uows):
    inbox = uows(A).inbox
    items = [InboxItem(f"p{n}", "标题", "正文") for n in range(3)]
    assert inbox.deliver("e1", "x.Created", items, at(0)) == 3
    assert inbox.deliver("e1", "x.Created", [*items, InboxItem("p3", "t", "b")], at(1)) == 1
    inbox.deliver("e2", "x.Created", [InboxItem("p0", "第二条", "b")], at(2))
    entries, total, unread = inbox.page("p0", False, 0, 10)
    assert [e.title for e in entries] == ["第二条", "标题"] and (total, unread) == (2, 2)
    assert entries[1].created_at == at(0) and entries[1].event_type == "x.Created" and not entries[1].read
    assert inbox.mark_read("p0", [entries[1].entry_id, "nope"]) == 1
    assert inbox.mark_read("p0", [entries[1].entry_id]) == 0  # already read
    assert inbox.mark_read("p1", [entries[0].entry_id]) == 0  # another recipient's entry
    only_unread, total, unread = inbox.page("p0", True, 0, 10)
    assert [e.title for e in only_unread] == ["第二条"] and (total, unread) == (1, 1)
    assert [len(inbox.page("p0", False, offset, 1)[0]) for offset in (0, 1, 2)] == [1, 1, 0]
    assert inbox.entry("p0", "e2").title == "第二条" and inbox.entry("p0", "e9") is None
    assert uows(B).inbox.page("p0", False, 0, 10) == ([], 0, 0)
    assert uows(B).inbox.deliver("e1", "x.Created", items, at(0)) == 3  # another tenant's inboxes


def subscribe(
    uows, tenant=A, org="org-shimao", event_types=("linli.tickets.v1.TicketDispatched",), minutes=0
):
    subscription = Subscription.create(
        tenant,
        org,
        list(event_types),
        "https://shimao.example/hook",
        created_by="u",
        now=at(minutes),
        egress=ANYWHERE,
        subscribable=list(event_types),
    )
    with uows(tenant) as uow:
        uow.subscriptions.add(subscription)
        uow.commit()
    return subscription


def test_subscriptions_of_an_org_their_queue_counter_and_deactivation(uows):
    first, second = subscribe(uows, minutes=1), subscribe(uows, minutes=0)
    subscribe(uows, org="org-vanke")
    subscribe(uows, tenant=B)
    subscriptions = uows(A).subscriptions
    stored = subscriptions.get(first.id)
    assert (stored.org_id, stored.secret, stored.created_at, stored.version) == (
        "org-shimao",
        first.secret,
        at(1),
        1,
    )
    assert {s.id for s in subscriptions.active_of_org("org-shimao")} == {first.id, second.id}
    page, total = subscriptions.page_of_org("org-shimao", 0, 1)
    assert [s.id for s in page] == [second.id] and total == 2  # oldest first
    assert [subscriptions.take_seq(first.id) for _ in range(3)] == [1, 2, 3]
    assert subscriptions.take_seq(second.id) == 1
    with uows(A) as uow:
        uow.subscriptions.get(first.id).deactivate()
        uow.commit()
    assert [s.id for s in uows(A).subscriptions.active_of_org("org-shimao")] == [second.id]
    assert uows(B).subscriptions.find(first.id) is None


def queue_delivery(uows, subscription, event_id, minutes=0):
    seq = uows(subscription.tenant_id).subscriptions.take_seq(subscription.id)
    delivery = Delivery.queue(
        subscription, seq, event_id, "linli.tickets.v1.TicketDispatched", "{}", at(minutes)
    )
    with uows(subscription.tenant_id) as uow:
        uow.deliveries.add(delivery)
        uow.commit()
    return delivery


def test_a_delivery_queue_head_attempts_page_and_a_stale_write(uows):
    subscription = subscribe(uows)
    first, second = queue_delivery(uows, subscription, "e1"), queue_delivery(uows, subscription, "e2")
    with uows(A) as uow, pytest.raises(AlreadyStored):
        uow.deliveries.add(Delivery.queue(subscription, 9, "e1", "t", "{}", at(0)))
        uow.commit()
    backoff = Backoff(max_attempts=2)
    with uows(A) as uow:
        head = uow.deliveries.head(subscription.id)
        assert head.id == first.id and head.due(at(0))
        assert head.attempted(Attempt(at(1), 503, "busy"), backoff) == "retry"
        uow.commit()
    with uows(A) as uow:
        head = uow.deliveries.head(subscription.id)
        assert (head.attempts, head.log, head.due(at(1))) == (1, [Attempt(at(1), 503, "busy")], False)
        assert head.attempted(Attempt(at(5), 0, "down"), backoff) == "dead"
        uow.commit()
    assert uows(A).deliveries.head(subscription.id).id == second.id
    dead, total = uows(A).deliveries.page(subscription.id, "dead", 0, 10)
    assert [d.id for d in dead] == [first.id] and total == 1
    everything, total = uows(A).deliveries.page(subscription.id, "", 0, 10)
    assert [d.id for d in everything] == [second.id, first.id] and total == 2  # newest first
    mine, theirs = uows(A), uows(A)
    one, other = mine.deliveries.get(first.id), theirs.deliveries.get(first.id)
    one.replay(lambda: mine.subscriptions.take_seq(subscription.id), at(6))
    mine.commit()
    other.replay(lambda: 99, at(7))
    with pytest.raises(Aborted):
        theirs.commit()
    replayed = uows(A).deliveries.get(first.id)
    assert (replayed.status, replayed.seq, replayed.attempts, replayed.next_attempt_at) == (
        "pending",
        3,  # after e1 and e2: the end of the queue
        0,
        at(6),
    )
    assert uows(B).deliveries.find(first.id) is None


def test_the_webhook_queue_finds_due_heads_across_tenants_and_leases_them(uows):
    mine, theirs = subscribe(uows), subscribe(uows, tenant=B)
    queue_delivery(uows, mine, "e1", minutes=0)
    queue_delivery(uows, theirs, "e1", minutes=10)
    queue = uows.webhook_queue
    assert queue.due(at(5)) == [mine.id]
    assert sorted(queue.due(at(10))) == sorted([mine.id, theirs.id])
    assert (queue.owner(mine.id), queue.owner(theirs.id), queue.owner("nope")) == (A, B, None)
    lease = timedelta(seconds=60)
    assert queue.take_lease(mine.id, at(0), lease) and not queue.take_lease(mine.id, at(0.5), lease)
    assert queue.take_lease(mine.id, at(2), lease)  # the first lease ran out
    queue.release(mine.id)
    assert queue.take_lease(mine.id, at(2), lease)


def test_the_roster_copy_keeps_the_newest_version_and_answers_the_audiences(uows):
    roster = uows(A).roster
    roster.keep_compound("c1", 1, community_id="comm-1", name="金江", archived=False)
    household = dict(
        building_id="b1", residents=["res-a"], owners=["own-a"], care_tags=["yellow"], archived=False
    )
    roster.keep_household("c1", "1-101", 5, **household)
    roster.keep_household("c1", "1-101", 4, **{**household, "owners": ["old-owner"]})  # late: ignored
    roster.keep_household(
        "c1", "1-102", 1, **{**household, "building_id": "b2", "care_tags": [], "owners": []}
    )
    roster.keep_household("c2", "1-101", 1, **{**household, "owners": ["own-c2"], "archived": True})
    roster.keep_building("c1", "b1", 2, name="1栋", leader_subject="leader-1", archived=False)
    roster.keep_building("c1", "b1", 1, name="1栋", leader_subject="old-leader", archived=False)
    roster.keep_team("team-1", 1, members=["v1", "v2"], archived=False)
    assert roster.community_of("c1") == "comm-1" and roster.community_of("") == ""
    assert roster.household_people(compound_id="c1", owners_only=True) == {"own-a"}
    assert roster.household_people(compound_id="c1") == {"own-a", "res-a"}
    assert roster.household_people(compound_id="c1", building_id="b2") == {"res-a"}
    assert roster.household_people(compound_id="c2") == set()  # archived
    assert roster.building_leader("c1", "b1") == "leader-1" and roster.building_leader("c2", "b1") == ""
    assert roster.team_members("team-1") == ["v1", "v2"] and roster.team_members("t2") == []
    assert roster.lives_in("own-a", "c1/1-101") and roster.lives_in("res-a", "c1/1-101")
    assert not roster.lives_in("own-a", "c1/1-102") and not roster.lives_in("own-c2", "c2/1-101")
    tagged = roster.households(Target(care_tags=("yellow", "red")))
    assert [(h.inbox, h.owners) for h in tagged] == [("household:c1/1-101", ("own-a",))]
    assert {h.household_id for h in roster.households(Target(community_id="comm-1"))} == {"1-101", "1-102"}
    assert [h.household_id for h in roster.households(Target(compound_id="c1", building_id="b2"))] == [
        "1-102"
    ]
    roster.keep_compound("c1", 2, community_id="comm-2", name="金江", archived=False)
    assert {h.household_id for h in roster.households(Target(community_id="comm-2"))} == {"1-101", "1-102"}
    assert uows(B).roster.households(Target(compound_id="c1")) == []


def test_the_config_copy_keeps_the_newest_version(uows):
    config = uows(A).config
    assert config.stored() is None
    assert config.keep_newer(StoredCopy(3, '{"v": 3}', {"c1": "comm-1"}))
    assert not config.keep_newer(StoredCopy(2, '{"v": 2}', {}))
    assert config.stored() == StoredCopy(3, '{"v": 3}', {"c1": "comm-1"})
    assert uows(B).config.stored() is None


def test_district_templates_are_versioned_per_key(uows):
    for title in ("一", "二"):
        with uows(A) as uow:
            template = uow.templates.find("ticket_created")
            if template is None:
                template = DistrictTemplate(A, "ticket_created")
                uow.templates.add(template)
            template.write(title, "{{ ticket_id }}", "admin", at(0))
            uow.commit()
    (text,) = uows(A).templates.texts().values()
    assert (text.key, text.title, text.version, text.source) == ("ticket_created", "二", 2, "district")
    assert uows(B).templates.texts() == {}


def test_preferences_and_queued_messages_round_trip_and_the_due_queue(uows):
    with uows(A) as uow:
        preferences = Preferences(A, "res-a")
        preferences.change(["wechat", "sms"], "21:00", "08:00")
        uow.preferences.add(preferences)
        uow.commit()
    stored = uows(A).preferences.get("res-a")
    assert (stored.opt_out, stored.quiet_start, stored.quiet_end) == (["sms", "wechat"], "21:00", "08:00")
    plain = Preferences(A, "res-b")
    for tenant, recipient, minutes in ((A, "res-b", 3), (A, "res-c", 1), (B, "res-b", 2), (A, "res-d", 30)):
        message = QueuedMessage.plan(
            tenant,
            "sms",
            recipient,
            Rendered("t", "b"),
            "e1",
            urgent=True,
            preferences=plain,
            quiet_hours=("22:00", "07:00"),
            timezone="Asia/Shanghai",
            now=at(minutes),
        )
        with uows(tenant) as uow:
            uow.messages.add(message)
            uow.commit()
    due = uows.message_queue.due(at(10), 2)
    assert [(t, uows(t).messages.get(m).recipient) for t, m in due] == [(A, "res-c"), (B, "res-b")]
    with uows(A) as uow:
        message = uow.messages.get(due[0][1])
        message.failed("网关不可用", at(10))
        uow.commit()
    again = uows(A).messages.get(due[0][1])
    assert (again.attempts, again.last_error, again.not_before) == (1, "网关不可用", at(10.5))
    assert [uows(t).messages.get(m).recipient for t, m in uows.message_queue.due(at(10), 10)] == [
        "res-b",
        "res-b",
    ]


def test_an_announcement_record_is_kept_once_per_announcement(uows):
    record = Announcement("a1", "停水", "明日", Target(compound_id="c1"), 3, "staff", at(0))
    uows(A).announcements.keep(record)
    uows(A).announcements.keep(record)  # a retried announcement writes the same record again
