"""Webhook event types: a firm lists what it may subscribe to; `*` and unrouted types are refused."""

import json

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

A = "t-jinjiang"
FIRM = bearer(make_token(A, "property_firm", "firm-user", "org-shimao"))
DEFAULT_TYPES = [
    "linli.communities.v1.PropertyContractChanged",
    "linli.tickets.v1.TicketDispatched",
    "linli.tickets.v1.TicketEscalated",
    "linli.tickets.v1.TicketRated",
    "linli.tickets.v1.TicketReopened",
]


@pytest.fixture
def api(uows, dns):
    dns.answers("shimao.example", ["93.184.216.34"])
    servicer = specs(None, egress=EgressPolicy(dns), uows=uows, idempotency=FakeIdempotencyStore())
    running = build_server(Settings(service="notifications"), servicer, port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.NotificationsServiceStub(channel)
    channel.close()
    running.drain(0)


def subscribe(api, request_id, *types):
    return api.CreateWebhookSubscription(
        pb.CreateWebhookSubscriptionRequest(
            request_id=request_id, event_types=list(types), url="https://shimao.example/linli"
        ),
        metadata=FIRM,
    )


def refused(call) -> dict[str, str]:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    return dict(field_violations(caught.value))


def test_a_firm_lists_the_event_types_the_district_sends_to_firms(api):
    listed = api.ListWebhookEventTypes(pb.ListWebhookEventTypesRequest(), metadata=FIRM)
    assert list(listed.event_types) == DEFAULT_TYPES
    created = subscribe(api, "w1", *DEFAULT_TYPES)
    assert list(created.subscription.event_types) == DEFAULT_TYPES


def test_a_star_is_refused_naming_the_field_and_the_types_to_list_instead(api):
    problems = refused(lambda: subscribe(api, "w2", "linli.tickets.v1.TicketDispatched", "*"))
    assert set(problems) == {"event_types[1]"}
    assert (
        "*" in problems["event_types[1]"]
        and "linli.tickets.v1.TicketDispatched" in problems["event_types[1]"]
    )


def test_a_type_never_routed_to_firms_is_refused(api):
    problems = refused(lambda: subscribe(api, "w3", "linli.tickets.v1.TicketCreated"))
    assert set(problems) == {"event_types[0]"}


def test_a_route_the_district_adds_for_firms_becomes_subscribable(api, uows, ev):
    route = {
        "event": "linli.fees.v1.BillIssued",
        "audience": "org",
        "template": "bill_issued",
        "channels": ["inbox", "webhook"],
    }
    document = {"district": {"name": "金江街道"}, "overrides": {"compounds": {"c-jinjiang": {}}}}
    document["overrides"]["compounds"]["c-jinjiang"] = {"notifications": {"routes": [route]}}
    changed = ev.communities.GovernanceConfigChanged(
        tenant_id=A, version=2, document_json=json.dumps(document)
    )
    intake.handle(ev.envelope(changed, A, A), uows)
    listed = api.ListWebhookEventTypes(pb.ListWebhookEventTypesRequest(), metadata=FIRM)
    assert "linli.fees.v1.BillIssued" in listed.event_types
    assert list(subscribe(api, "w4", "linli.fees.v1.BillIssued").subscription.event_types) == [
        "linli.fees.v1.BillIssued"
    ]


def test_residents_may_not_list_webhook_types(api):
    with pytest.raises(grpc.RpcError) as caught:
        api.ListWebhookEventTypes(
            pb.ListWebhookEventTypesRequest(), metadata=bearer(make_token(A, "resident"))
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
