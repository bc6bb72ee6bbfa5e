"""Webhooks against a real local HTTP receiver and the real Mongo-wire server.

Retry timing is driven by a fake clock and a tiny backoff, never by sleeping.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from linli_notifications.adapters.channels import WebhookSender
from linli_notifications.adapters.webhook_docs import DeliveryDoc
from linli_notifications.domain.schedule import Backoff
from linli_notifications.service_layer import intake, webhooks
from linli_platform.auth import Principal
from linli_webhooks import EVENT_ID_HEADER, SIGNATURE_HEADER, SignatureError, verify

pytestmark = pytest.mark.integration
A = "t-jinjiang"
FIRM = Principal(A, "property_firm", "firm-user", "org-shimao")
BACKOFF = Backoff(initial=1.0, maximum=30.0, jitter=0.5, max_attempts=4)


class Receiver:
    """A real HTTP endpoint that fails the first `failures` requests (or always, with None)."""

    def __init__(self, failures: int | None, clock):
        self.failures = failures
        self.clock = clock
        self.requests: list[tuple[dict, bytes, int]] = []
        self.received_at: list[float] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                failing = receiver.failures is None or len(receiver.requests) < receiver.failures
                status = 503 if failing else 200
                receiver.requests.append((dict(self.headers), body, status))
                receiver.received_at.append(receiver.clock().timestamp())
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"busy" if failing else b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/linli"

    def succeeded(self):
        """(headers, body, when) of each request answered 200."""
        return [
            (h, b, at)
            for (h, b, status), at in zip(self.requests, self.received_at, strict=True)
            if status == 200
        ]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver_factory(clock):
    made: list[Receiver] = []

    def make(failures):
        made.append(Receiver(failures, clock))
        return made[-1]

    yield make
    for receiver in made:
        receiver.close()


def subscribe(url):
    return webhooks.create_subscription(FIRM, "", ["linli.tickets.v1.TicketDispatched"], url)


def run_until_quiet(sender, clock, passes=30):
    """Drive the delivery loop: one pass, then move the fake clock past any retry delay."""
    for _ in range(passes):
        webhooks.deliver_due(sender, BACKOFF, clock)
        clock.advance(BACKOFF.maximum + BACKOFF.jitter)


def test_a_receiver_failing_three_times_gets_the_message_exactly_once_more_correctly_signed(
    mongo_db, ev, clock, receiver_factory
):
    receiver = receiver_factory(failures=3)
    sub, secret = subscribe(receiver.url)
    event = ev.envelope(ev.dispatched(A), A, "tk1")
    intake.handle(event, clock())
    intake.handle(event, clock())  # redelivered by the broker: still one delivery
    sender = WebhookSender(clock=clock)

    webhooks.deliver_due(sender, BACKOFF, clock)
    webhooks.deliver_due(sender, BACKOFF, clock)  # the retry is not due yet: nothing is sent
    assert len(receiver.requests) == 1
    run_until_quiet(sender, clock)

    assert [status for _, _, status in receiver.requests] == [503, 503, 503, 200]
    ((headers, body, received_at),) = receiver.succeeded()
    assert verify(secret, body, headers[SIGNATURE_HEADER], now=received_at) > 0
    with pytest.raises(SignatureError):
        verify("whsec_wrong", body, headers[SIGNATURE_HEADER], now=received_at)
    payload = json.loads(body)
    assert (
        payload["type"] == "linli.tickets.v1.TicketDispatched"
        and payload["data"]["ticket"]["ticket_id"] == "tk1"
    )
    assert headers[EVENT_ID_HEADER] == event.event_id
    (delivery,) = DeliveryDoc.scoped(A).filter(subscription_id=sub.subscription_id)
    assert delivery.status == "delivered" and delivery.attempts == 4
    assert [a.status_code for a in delivery.log] == [503, 503, 503, 200]
    gaps = [(b.at - a.at).total_seconds() for a, b in zip(delivery.log, delivery.log[1:], strict=False)]
    assert all(gap >= 1.0 for gap in gaps)  # never retried before its backoff elapsed


def test_an_always_failing_receiver_ends_dead_and_replay_delivers_once_it_recovers(
    mongo_db, ev, clock, receiver_factory
):
    receiver = receiver_factory(failures=None)
    sub, secret = subscribe(receiver.url)
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), clock())
    sender = WebhookSender(clock=clock)
    run_until_quiet(sender, clock)

    assert len(receiver.requests) == BACKOFF.max_attempts  # then it stops: dead, not retried forever
    dead, total = webhooks.list_deliveries(FIRM, sub.subscription_id, "dead", 0, 10)
    assert total == 1 and dead[0].attempts == BACKOFF.max_attempts

    receiver.failures = 0  # the firm fixed its endpoint
    replayed = webhooks.replay(FIRM, dead[0].delivery_id, clock)
    assert replayed.status == "pending"
    run_until_quiet(sender, clock)

    ((headers, body, received_at),) = receiver.succeeded()
    verify(secret, body, headers[SIGNATURE_HEADER], now=received_at)
    assert webhooks.list_deliveries(FIRM, sub.subscription_id, "delivered", 0, 10)[1] == 1
    assert webhooks.list_deliveries(FIRM, sub.subscription_id, "dead", 0, 10)[1] == 0


def test_deliveries_to_one_subscription_arrive_in_order_one_at_a_time(mongo_db, ev, clock, receiver_factory):
    receiver = receiver_factory(failures=2)
    subscribe(receiver.url)
    for n in range(3):
        intake.handle(ev.envelope(ev.dispatched(A, ticket_id=f"tk{n}"), A, f"tk{n}"), clock())
    run_until_quiet(WebhookSender(clock=clock), clock)
    tickets = [json.loads(body)["data"]["ticket"]["ticket_id"] for _, body, _ in receiver.requests]
    assert tickets == ["tk0", "tk0", "tk0", "tk1", "tk2"]  # tk1 waited behind the failing tk0


def test_a_held_lease_keeps_a_second_worker_off_the_subscription(mongo_db, ev, clock, receiver_factory):
    receiver = receiver_factory(failures=0)
    sub, _ = subscribe(receiver.url)
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), clock())
    assert webhooks._take_lease(sub.subscription_id, clock())  # worker 1 is mid-delivery
    assert webhooks.deliver_due(WebhookSender(clock=clock), BACKOFF, clock) == 0  # worker 2 backs off
    assert receiver.requests == []
    clock.advance(webhooks.LEASE.total_seconds() + 1)  # worker 1 crashed: its lease expires
    assert webhooks.deliver_due(WebhookSender(clock=clock), BACKOFF, clock) == 1
    assert len(receiver.succeeded()) == 1
