"""request_id on every mutating RPC: the same id with the same content answers the first result; the
same id with other content is ALREADY_EXISTS naming request_id (and changes nothing)."""

from __future__ import annotations

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
from linli_platform.testing.fixtures import bearer, make_token

A = "t-jinjiang"
STAFF = bearer(make_token(A, "community_staff", "staff-li"))
ADMIN = bearer(make_token(A, "district_admin", "admin"))
RESIDENT = bearer(make_token(A, "resident", "resident-wang"))
HOOK = "https://shimao.example/linli"


@pytest.fixture
def api(uows, dns, ev):
    dns.answers("shimao.example", ["93.184.216.34"])
    servicer = specs(None, egress=EgressPolicy(dns), uows=uows, idempotency=FakeIdempotencyStore())
    running = build_server(Settings(service="notifications"), servicer, port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    intake.handle(ev.envelope(ev.household(A, "h-301"), A, "h-301"), uows)
    intake.handle(
        ev.envelope(ev.tickets.TicketCreated(ticket_id="t1", reporter="resident-wang"), A, "t1"), uows
    )
    yield pb_grpc.NotificationsServiceStub(channel)
    channel.close()
    running.drain(0)


def entry_ids(api):
    return [e.id for e in api.ListInbox(pb.ListInboxRequest(), metadata=RESIDENT).entries]


def dead_delivery(api, uows, ev):
    """A webhook delivery that died, to replay (the receiver never answered)."""
    from datetime import UTC, datetime, timedelta

    from linli_notifications.domain.schedule import Backoff
    from linli_notifications.service_layer import webhooks

    class Down:
        def post(self, *args, **kwargs):
            return type("Answer", (), {"status_code": 503, "error": "busy"})()

    created = api.CreateWebhookSubscription(
        pb.CreateWebhookSubscriptionRequest(
            request_id="w0", org_id="org-shimao", event_types=["linli.tickets.v1.TicketDispatched"], url=HOOK
        ),
        metadata=ADMIN,
    )
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), uows)
    later = datetime.now(UTC) + timedelta(days=1)
    webhooks.deliver_due(uows, Down(), Backoff(max_attempts=1), clock=lambda: later)
    (delivery,) = uows.stored("deliveries", A)
    assert delivery.status == "dead"
    return created.subscription.id, delivery.id


# (rpc, metadata, request for a request_id, the same request with other content)
def cases(api, uows, ev):
    subscription_id, delivery_id = dead_delivery(api, uows, ev)
    (first, *_) = entry_ids(api)
    return {
        "MarkRead": (
            RESIDENT,
            pb.MarkReadRequest(entry_ids=[first]),
            pb.MarkReadRequest(entry_ids=[first, "other"]),
        ),
        "SetTemplate": (
            ADMIN,
            pb.SetTemplateRequest(key="ticket_created", title="已受理", body="工单{{ ticket_id }}"),
            pb.SetTemplateRequest(key="ticket_created", title="已受理", body="另一个"),
        ),
        "SetPreferences": (
            RESIDENT,
            pb.SetPreferencesRequest(opt_out=["sms"]),
            pb.SetPreferencesRequest(opt_out=["wechat"]),
        ),
        "Announce": (
            STAFF,
            pb.AnnounceRequest(title="停水通知", body="明日停水", compound_id="c-jinjiang"),
            pb.AnnounceRequest(title="停电通知", body="明日停电", compound_id="c-jinjiang"),
        ),
        "SendDirectMessage": (
            STAFF,
            pb.SendDirectMessageRequest(recipient="resident-wang", title="回复", body="已处理"),
            pb.SendDirectMessageRequest(recipient="resident-li", title="回复", body="已处理"),
        ),
        "CreateWebhookSubscription": (
            ADMIN,
            pb.CreateWebhookSubscriptionRequest(
                org_id="org-shimao", event_types=["linli.tickets.v1.TicketDispatched"], url=HOOK
            ),
            pb.CreateWebhookSubscriptionRequest(
                org_id="org-vanke", event_types=["linli.tickets.v1.TicketDispatched"], url=HOOK
            ),
        ),
        "DeleteWebhookSubscription": (
            ADMIN,
            pb.DeleteWebhookSubscriptionRequest(subscription_id=subscription_id),
            pb.DeleteWebhookSubscriptionRequest(subscription_id="wh-other"),
        ),
        "ReplayWebhookDelivery": (
            ADMIN,
            pb.ReplayWebhookDeliveryRequest(delivery_id=delivery_id),
            pb.ReplayWebhookDeliveryRequest(delivery_id="d-other"),
        ),
    }


MUTATING = [
    m.name
    for m in pb.DESCRIPTOR.services_by_name["NotificationsService"].methods
    if "request_id" in m.input_type.fields_by_name
]


def test_every_mutating_rpc_is_covered_here():
    assert sorted(MUTATING) == sorted(
        [
            "MarkRead",
            "SetTemplate",
            "SetPreferences",
            "Announce",
            "SendDirectMessage",
            "CreateWebhookSubscription",
            "DeleteWebhookSubscription",
            "ReplayWebhookDelivery",
        ]
    )


@pytest.mark.parametrize("rpc", MUTATING)
def test_the_same_request_id_with_the_same_content_answers_the_first_result(api, uows, ev, rpc):
    metadata, request, _other = cases(api, uows, ev)[rpc]
    request.request_id = "req-1"
    call = getattr(api, rpc)
    first = call(request, metadata=metadata)
    writes = uows.store.writes
    assert call(request, metadata=metadata) == first
    assert uows.store.writes == writes  # the retry changed nothing


@pytest.mark.parametrize("rpc", MUTATING)
def test_the_same_request_id_with_other_content_is_already_exists_naming_request_id(api, uows, ev, rpc):
    metadata, request, other = cases(api, uows, ev)[rpc]
    request.request_id = other.request_id = "req-1"
    call = getattr(api, rpc)
    call(request, metadata=metadata)
    writes = uows.store.writes
    with pytest.raises(grpc.RpcError) as caught:
        call(other, metadata=metadata)
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert "request_id" in caught.value.details() and "req-1" in caught.value.details()
    assert uows.store.writes == writes
