"""The gRPC API in-process on the fakes: roles, validation, tenancy, inbox, templates, fan-out, webhooks."""

import grpc
import pytest
from linli.notifications.v1 import notifications_pb2 as pb
from linli.notifications.v1 import notifications_pb2_grpc as pb_grpc
from linli_notifications.domain.egress import EgressPolicy
from linli_notifications.entrypoints.grpc_api import specs
from linli_notifications.service_layer import intake
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import bearer, make_token

A, B = "t-jinjiang", "t-other"


@pytest.fixture
def api(uows, dns):
    dns.answers("shimao.example", ["93.184.216.34"])
    dns.answers("internal.shimao.example", ["93.184.216.34", "10.0.0.5"])
    egress = EgressPolicy(dns, allow_private=False)  # the production default
    servicer = specs(None, egress=egress, uows=uows, idempotency=FakeIdempotencyStore())
    running = build_server(Settings(service="notifications"), servicer, port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.NotificationsServiceStub(channel)
    channel.close()
    running.drain(0)


def as_(tenant, role, subject="", org=""):
    return bearer(make_token(tenant, role, subject, org))


def code_of(call):
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value


def test_inbox_pages_counts_unread_and_marks_read(uows, api, ev):
    for n in range(3):
        intake.handle(
            ev.envelope(
                ev.tickets.TicketCreated(
                    ticket_id=f"t{n}", reporter="resident-wang", description="楼道灯坏了"
                ),
                A,
                f"t{n}",
            ),
            uows,
        )
    me = as_(A, "resident", "resident-wang")
    first = api.ListInbox(pb.ListInboxRequest(page={"page_size": 2}), metadata=me)
    assert len(first.entries) == 2 and first.unread == 3 and first.page.total == 3
    second = api.ListInbox(
        pb.ListInboxRequest(page={"page_size": 2, "page_token": first.page.next_page_token}), metadata=me
    )
    assert len(second.entries) == 1 and not second.page.next_page_token
    assert {e.id for e in first.entries} | {second.entries[0].id} == {
        e.id for e in [*first.entries, *second.entries]
    }
    marked = api.MarkRead(pb.MarkReadRequest(request_id="r1", entry_ids=[first.entries[0].id]), metadata=me)
    assert marked.marked == 1
    after = api.ListInbox(pb.ListInboxRequest(unread_only=True), metadata=me)
    assert after.unread == 2 and len(after.entries) == 2
    assert first.entries[0].title == "报修已受理"


def test_a_resident_cannot_read_a_neighbours_inbox_and_other_tenants_see_nothing(uows, api, ev):
    intake.handle(
        ev.envelope(ev.tickets.TicketCreated(ticket_id="t1", reporter="resident-wang"), A, "t1"), uows
    )
    err = code_of(
        lambda: api.ListInbox(
            pb.ListInboxRequest(recipient="resident-wang"), metadata=as_(A, "resident", "resident-li")
        )
    )
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    other = api.ListInbox(pb.ListInboxRequest(), metadata=as_(B, "resident", "resident-wang"))
    assert other.unread == 0 and not other.entries
    staff = api.ListInbox(pb.ListInboxRequest(recipient="resident-wang"), metadata=as_(A, "community_staff"))
    assert len(staff.entries) == 1


def test_household_members_read_the_household_inbox(uows, api, ev):
    intake.handle(
        ev.envelope(ev.household(A, "h-301", residents=["resident-wang"], owners=[]), A, "h-301"), uows
    )
    api.Announce(
        pb.AnnounceRequest(
            request_id="a1",
            title="停水通知",
            body="明日9点至12点停水",
            compound_id="c-jinjiang",
            building_id="b-3",
        ),
        metadata=as_(A, "grid_worker"),
    )
    mine = api.ListInbox(
        pb.ListInboxRequest(recipient="household:c-jinjiang/h-301"),
        metadata=as_(A, "resident", "resident-wang"),
    )
    assert [e.title for e in mine.entries] == ["停水通知"]
    err = code_of(
        lambda: api.ListInbox(
            pb.ListInboxRequest(recipient="household:c-jinjiang/h-301"),
            metadata=as_(A, "resident", "resident-li"),
        )
    )
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED


def test_fan_out_to_yellow_tagged_households_is_staff_only(uows, api, ev):
    intake.handle(ev.envelope(ev.household(A, "h1", tags=["yellow"]), A, "h1"), uows)
    intake.handle(ev.envelope(ev.household(A, "h2", tags=["red"]), A, "h2"), uows)
    intake.handle(ev.envelope(ev.household(A, "h3", compound="c-other"), A, "h3"), uows)
    request = pb.AnnounceRequest(
        request_id="a1", title="敬老爱老便民服务日", body="周六上午在社区广场", care_tags=["yellow"]
    )
    err = code_of(lambda: api.Announce(request, metadata=as_(A, "council", "leader-1")))
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    done = api.Announce(request, metadata=as_(A, "community_staff"))
    assert (done.households, done.inbox_entries) == (1, 1)
    again = api.Announce(request, metadata=as_(A, "community_staff"))  # a retried request adds nothing
    assert again == done
    compound = api.Announce(
        pb.AnnounceRequest(request_id="a2", title="公告", body="内容", compound_id="c-jinjiang"),
        metadata=as_(A, "community_staff"),
    )
    assert compound.households == 2


def test_a_building_leader_announces_to_their_own_building_only(uows, api, ev):
    intake.handle(
        ev.envelope(
            ev.communities.BuildingUpserted(
                tenant_id=A, compound_id="c-jinjiang", building_id="b-3", leader_subject="leader-zhou"
            ),
            A,
            "b-3",
        ),
        uows,
    )
    intake.handle(ev.envelope(ev.household(A, "h-301"), A, "h-301"), uows)
    leader = as_(A, "resident", "leader-zhou")
    done = api.Announce(
        pb.AnnounceRequest(
            request_id="l1",
            title="楼栋议事",
            body="今晚7点在3栋楼下议事",
            compound_id="c-jinjiang",
            building_id="b-3",
        ),
        metadata=leader,
    )
    assert done.households == 1
    for other in (
        dict(compound_id="c-jinjiang", building_id="b-4"),
        dict(compound_id="c-other", building_id="b-3"),
        dict(compound_id="c-jinjiang"),
        dict(compound_id="c-jinjiang", building_id="b-3", care_tags=["blue"]),
    ):
        err = code_of(
            lambda other=other: api.Announce(
                pb.AnnounceRequest(request_id="l2", title="t", body="b", **other), metadata=leader
            )
        )
        assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    err = code_of(
        lambda: api.Announce(
            pb.AnnounceRequest(
                request_id="l3", title="t", body="b", compound_id="c-jinjiang", building_id="b-3"
            ),
            metadata=as_(A, "property_firm", "firm", "org-shimao"),
        )
    )
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED


def test_announce_validates_its_target(api):
    err = code_of(
        lambda: api.Announce(
            pb.AnnounceRequest(request_id="a", title="t", body="b"), metadata=as_(A, "community_staff")
        )
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and field_violations(err)[0][0] == "compound_id"
    err = code_of(
        lambda: api.Announce(
            pb.AnnounceRequest(request_id="a", title="t", body="b", care_tags=["green"]),
            metadata=as_(A, "community_staff"),
        )
    )
    assert field_violations(err)[0][0] == "care_tags[0]"
    for target, field in (
        (dict(building_id="3"), "compound_id"),
        (dict(community_id="y", compound_id="j"), "community_id"),
    ):
        err = code_of(
            lambda target=target: api.Announce(
                pb.AnnounceRequest(request_id="a", title="t", body="b", **target), metadata=as_(A, "resident")
            )
        )
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and field_violations(err)[0][0] == field


def test_preview_renders_an_escape_attempt_as_an_error(api):
    staff = as_(A, "community_staff")
    evil = api.PreviewTemplate(
        pb.PreviewTemplateRequest(title="x", body="{% include '/etc/passwd' %}"), metadata=staff
    )
    assert evil.error and "root:" not in evil.error and not evil.body
    ok = api.PreviewTemplate(
        pb.PreviewTemplateRequest(key="ticket_accepted", sample_json='{"ticket_id": "t1"}'), metadata=staff
    )
    assert ok.title == "服务方已接单" and "t1" in ok.body
    err = code_of(
        lambda: api.PreviewTemplate(pb.PreviewTemplateRequest(key="x", sample_json="[1]"), metadata=staff)
    )
    assert field_violations(err) == [("sample_json", "must be a JSON object")]


def test_a_district_template_is_stored_versioned_and_used(uows, api, ev):
    admin = as_(A, "district_admin")
    bad = code_of(
        lambda: api.SetTemplate(
            pb.SetTemplateRequest(request_id="s0", key="ticket_created", title="t", body="{% if %}"),
            metadata=admin,
        )
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and field_violations(bad)[0][0] == "body"
    for n in (1, 2):
        saved = api.SetTemplate(
            pb.SetTemplateRequest(
                request_id=f"s{n}",
                key="ticket_created",
                title="金江：已受理",
                body="工单{{ ticket_id }}已受理",
            ),
            metadata=admin,
        )
    assert saved.template.version == 2 and saved.template.source == "district"
    intake.handle(ev.envelope(ev.tickets.TicketCreated(ticket_id="t9", reporter="p"), A, "t9"), uows)
    intake.handle(ev.envelope(ev.tickets.TicketCreated(ticket_id="t9", reporter="p"), B, "t9"), uows)
    mine = api.ListInbox(pb.ListInboxRequest(), metadata=as_(A, "resident", "p"))
    theirs = api.ListInbox(pb.ListInboxRequest(), metadata=as_(B, "resident", "p"))
    assert mine.entries[0].body == "工单t9已受理" and theirs.entries[0].title == "报修已受理"
    listed = api.ListTemplates(pb.ListTemplatesRequest(), metadata=as_(B, "community_staff"))
    assert {t.key: t.source for t in listed.templates}["ticket_created"] == "default"
    err = code_of(
        lambda: api.SetTemplate(
            pb.SetTemplateRequest(request_id="s", key="Bad Key", title="t", body="b"), metadata=admin
        )
    )
    assert field_violations(err)[0][0] == "key"


def test_preferences_round_trip_and_the_inbox_cannot_be_turned_off(api):
    me = as_(A, "resident", "resident-wang")
    saved = api.SetPreferences(
        pb.SetPreferencesRequest(request_id="p1", opt_out=["sms"], quiet_start="21:00", quiet_end="08:00"),
        metadata=me,
    )
    assert (
        list(saved.opt_out) == ["sms"]
        and api.GetPreferences(pb.GetPreferencesRequest(), metadata=me) == saved
    )
    err = code_of(
        lambda: api.SetPreferences(pb.SetPreferencesRequest(request_id="p2", opt_out=["inbox"]), metadata=me)
    )
    assert field_violations(err)[0][0] == "opt_out"
    err = code_of(
        lambda: api.SetPreferences(
            pb.SetPreferencesRequest(request_id="p3", quiet_start="25:00", quiet_end="08:00"), metadata=me
        )
    )
    assert field_violations(err)[0][0] == "quiet_start"


HOOK = dict(event_types=["linli.tickets.v1.TicketDispatched"], url="https://shimao.example/linli")


def test_a_firm_subscribes_for_its_own_org_only_and_other_tenants_get_not_found(api):
    firm = as_(A, "property_firm", "firm-user", "org-shimao")
    created = api.CreateWebhookSubscription(
        pb.CreateWebhookSubscriptionRequest(request_id="w1", **HOOK), metadata=firm
    )
    assert created.subscription.org_id == "org-shimao" and created.secret.startswith("whsec_")
    err = code_of(
        lambda: api.CreateWebhookSubscription(
            pb.CreateWebhookSubscriptionRequest(request_id="w2", org_id="org-vanke", **HOOK), metadata=firm
        )
    )
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    by_admin = api.CreateWebhookSubscription(
        pb.CreateWebhookSubscriptionRequest(request_id="w3", org_id="org-vanke", **HOOK),
        metadata=as_(A, "district_admin"),
    )
    assert by_admin.subscription.org_id == "org-vanke"
    listed = api.ListWebhookSubscriptions(pb.ListWebhookSubscriptionsRequest(), metadata=firm)
    assert [s.id for s in listed.subscriptions] == [created.subscription.id]
    other = as_(B, "property_firm", "firm-user", "org-shimao")
    err = code_of(
        lambda: api.ListWebhookDeliveries(
            pb.ListWebhookDeliveriesRequest(subscription_id=created.subscription.id), metadata=other
        )
    )
    assert err.code() == grpc.StatusCode.NOT_FOUND
    err = code_of(
        lambda: api.ListWebhookSubscriptions(
            pb.ListWebhookSubscriptionsRequest(), metadata=as_(A, "resident")
        )
    )
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED


@pytest.mark.parametrize(
    ("url", "description"),
    [
        (
            "http://127.0.0.1:8080/hook",
            "127.0.0.1 is a loopback address; webhooks are sent only to public addresses",
        ),
        (
            "http://169.254.169.254/latest/meta-data/",
            "169.254.169.254 is a link-local address (the cloud metadata service); "
            "webhooks are sent only to public addresses",
        ),
        (
            "https://internal.shimao.example/hook",
            "internal.shimao.example resolves to a private address; "
            "webhooks are sent only to public addresses",
        ),
        ("https://nowhere.example/hook", "host nowhere.example does not resolve"),
        ("https://firm:pw@shimao.example/linli", "must not carry a user name or password"),
    ],
)
def test_a_webhook_url_that_may_not_be_called_is_refused_naming_url_and_why(api, url, description):
    firm = as_(A, "property_firm", "firm-user", "org-shimao")
    err = code_of(
        lambda: api.CreateWebhookSubscription(
            pb.CreateWebhookSubscriptionRequest(
                request_id="w-bad", url=url, event_types=["linli.tickets.v1.TicketDispatched"]
            ),
            metadata=firm,
        )
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    ((field, said),) = field_violations(err)
    assert field == "url" and said.startswith(description)
    listed = api.ListWebhookSubscriptions(pb.ListWebhookSubscriptionsRequest(), metadata=firm)
    assert list(listed.subscriptions) == []


def test_webhook_requests_are_validated(api):
    firm = as_(A, "property_firm", "firm-user", "org-shimao")
    err = code_of(
        lambda: api.CreateWebhookSubscription(
            pb.CreateWebhookSubscriptionRequest(request_id="w", event_types=["linli.x; drop"], url="ftp://x"),
            metadata=firm,
        )
    )
    assert {f for f, _ in field_violations(err)} == {"event_types[0]", "url"}
    err = code_of(
        lambda: api.ReplayWebhookDelivery(
            pb.ReplayWebhookDeliveryRequest(request_id="r", delivery_id="nope"), metadata=firm
        )
    )
    assert err.code() == grpc.StatusCode.NOT_FOUND
