"""Webhooks against a real local HTTP receiver and the real Mongo-wire server.

Retry timing is driven by a fake clock and a tiny backoff, never by sleeping. The receivers listen on
127.0.0.1, so most tests allow private targets (`local_egress`, as `linli dev` does); the egress tests
reach them through a fake DNS name, to show that the refusal, not the name, keeps the POST from them.
"""

from __future__ import annotations

import json
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from linli_notifications.adapters.channels import WebhookSender
from linli_notifications.adapters.webhook_docs import DeliveryDoc
from linli_notifications.domain.egress import EgressPolicy
from linli_notifications.domain.schedule import Backoff
from linli_notifications.service_layer import intake, webhooks
from linli_platform.auth import Principal
from linli_webhooks import EVENT_ID_HEADER, SIGNATURE_HEADER, SignatureError, verify
from prometheus_client import REGISTRY

pytestmark = pytest.mark.integration
A = "t-jinjiang"
FIRM = Principal(A, "property_firm", "firm-user", "org-shimao")
BACKOFF = Backoff(initial=1.0, maximum=30.0, jitter=0.5, max_attempts=4)


class Receiver:
    """A real HTTP endpoint that fails the first `failures` requests (or always, with None), or
    answers every request with `redirect` = (status, location); over TLS with a `tls` context."""

    def __init__(
        self,
        failures: int | None,
        clock,
        redirect: tuple[int, str] | None = None,
        tls: ssl.SSLContext | None = None,
    ):
        self.failures = failures
        self.clock = clock
        self.redirect = redirect
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
                if receiver.redirect is not None:
                    self.send_response(receiver.redirect[0])
                    self.send_header("Location", receiver.redirect[1])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"busy" if failing else b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
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

    def make(failures, redirect=None, tls=None):
        made.append(Receiver(failures, clock, redirect, tls))
        return made[-1]

    yield make
    for receiver in made:
        receiver.close()


@pytest.fixture
def subscribe(mongo_uows, local_egress):
    def make(url, egress=local_egress):
        return webhooks.create_subscription(
            mongo_uows(A), FIRM, "", ["linli.tickets.v1.TicketDispatched"], url, egress=egress
        )

    return make


@pytest.fixture
def sender(local_egress, clock):
    return WebhookSender(local_egress, clock=clock)


def run_until_quiet(uows, sender, clock, passes=30):
    """Drive the delivery loop: one pass, then move the fake clock past any retry delay."""
    for _ in range(passes):
        webhooks.deliver_due(uows, sender, BACKOFF, clock)
        clock.advance(BACKOFF.maximum + BACKOFF.jitter)


def test_a_receiver_failing_three_times_gets_the_message_exactly_once_more_correctly_signed(
    mongo_uows, ev, clock, receiver_factory, subscribe, sender
):
    receiver = receiver_factory(failures=3)
    sub, secret = subscribe(receiver.url)
    event = ev.envelope(ev.dispatched(A), A, "tk1")
    intake.handle(event, mongo_uows, clock())
    intake.handle(event, mongo_uows, clock())  # redelivered by the broker: still one delivery

    webhooks.deliver_due(mongo_uows, sender, BACKOFF, clock)
    webhooks.deliver_due(mongo_uows, sender, BACKOFF, clock)  # the retry is not due yet: nothing is sent
    assert len(receiver.requests) == 1
    run_until_quiet(mongo_uows, sender, clock)

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
    (delivery,) = DeliveryDoc.scoped(A).filter(subscription_id=sub.id)
    assert delivery.status == "delivered" and delivery.attempts == 4
    assert [a.status_code for a in delivery.log] == [503, 503, 503, 200]
    gaps = [(b.at - a.at).total_seconds() for a, b in zip(delivery.log, delivery.log[1:], strict=False)]
    assert all(gap >= 1.0 for gap in gaps)  # never retried before its backoff elapsed


def test_an_always_failing_receiver_ends_dead_and_replay_delivers_once_it_recovers(
    mongo_uows, ev, clock, receiver_factory, subscribe, sender
):
    receiver = receiver_factory(failures=None)
    sub, secret = subscribe(receiver.url)
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), mongo_uows, clock())
    run_until_quiet(mongo_uows, sender, clock)

    assert len(receiver.requests) == BACKOFF.max_attempts  # then it stops: dead, not retried forever
    dead, total = webhooks.list_deliveries(mongo_uows(A), FIRM, sub.id, "dead", 0, 10)
    assert total == 1 and dead[0].attempts == BACKOFF.max_attempts

    receiver.failures = 0  # the firm fixed its endpoint
    replayed = webhooks.replay(mongo_uows(A), FIRM, dead[0].id, clock)
    assert replayed.status == "pending"
    run_until_quiet(mongo_uows, sender, clock)

    ((headers, body, received_at),) = receiver.succeeded()
    verify(secret, body, headers[SIGNATURE_HEADER], now=received_at)
    assert webhooks.list_deliveries(mongo_uows(A), FIRM, sub.id, "delivered", 0, 10)[1] == 1
    assert webhooks.list_deliveries(mongo_uows(A), FIRM, sub.id, "dead", 0, 10)[1] == 0


def test_deliveries_to_one_subscription_arrive_in_order_one_at_a_time(
    mongo_uows, ev, clock, receiver_factory, subscribe, sender
):
    receiver = receiver_factory(failures=2)
    subscribe(receiver.url)
    for n in range(3):
        intake.handle(ev.envelope(ev.dispatched(A, ticket_id=f"tk{n}"), A, f"tk{n}"), mongo_uows, clock())
    run_until_quiet(mongo_uows, sender, clock)
    tickets = [json.loads(body)["data"]["ticket"]["ticket_id"] for _, body, _ in receiver.requests]
    assert tickets == ["tk0", "tk0", "tk0", "tk1", "tk2"]  # tk1 waited behind the failing tk0


def test_a_held_lease_keeps_a_second_worker_off_the_subscription(
    mongo_uows, ev, clock, receiver_factory, subscribe, sender
):
    receiver = receiver_factory(failures=0)
    sub, _ = subscribe(receiver.url)
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), mongo_uows, clock())
    assert mongo_uows.webhook_queue.take_lease(sub.id, clock(), webhooks.LEASE)  # worker 1 is mid-delivery
    assert webhooks.deliver_due(mongo_uows, sender, BACKOFF, clock) == 0  # worker 2 backs off
    assert receiver.requests == []
    clock.advance(webhooks.LEASE.total_seconds() + 1)  # worker 1 crashed: its lease expires
    assert webhooks.deliver_due(mongo_uows, sender, BACKOFF, clock) == 1
    assert len(receiver.succeeded()) == 1


HOOK_HOST = "hooks.shimao.example"  # resolved by the fake DNS only
PUBLIC = "93.184.216.34"


def attempts_of(sub):
    (delivery,) = DeliveryDoc.scoped(A).filter(subscription_id=sub.id)
    return delivery


def outcomes():
    return {
        outcome: REGISTRY.get_sample_value(
            "linli_notifications_webhook_deliveries_total", {"tenant": A, "outcome": counted}
        )
        or 0.0
        for outcome, counted in (("delivered", "delivered"), ("retry", "failed"), ("dead", "dead_lettered"))
    }


def test_a_host_that_now_resolves_to_a_private_address_gets_failed_attempts_and_nothing_is_posted(
    mongo_uows, ev, clock, receiver_factory, subscribe, dns
):
    receiver = receiver_factory(failures=0)
    url = f"http://{HOOK_HOST}:{receiver.server.server_port}/linli"
    dns.answers(HOOK_HOST, [PUBLIC])
    sub, _ = subscribe(url, egress=EgressPolicy(dns))  # public when subscribed
    dns.answers(HOOK_HOST, ["127.0.0.1"])  # then the name is pointed inside
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), mongo_uows, clock())
    before = outcomes()

    run_until_quiet(mongo_uows, WebhookSender(EgressPolicy(dns), clock=clock), clock)

    assert receiver.requests == []
    delivery = attempts_of(sub)
    assert delivery.status == "dead" and delivery.attempts == BACKOFF.max_attempts
    assert {(a.status_code, a.error) for a in delivery.log} == {
        (
            0,
            f"not sent: {HOOK_HOST} resolves to a loopback address; "
            "webhooks are sent only to public addresses",
        )
    }
    after = outcomes()
    assert after["retry"] - before["retry"] == BACKOFF.max_attempts - 1  # counted as any failure
    assert after["dead"] - before["dead"] == 1

    # With private targets allowed the same name reaches the receiver: the refusal stopped it, not the DNS.
    webhooks.replay(mongo_uows(A), FIRM, delivery.delivery_id, clock)
    run_until_quiet(mongo_uows, WebhookSender(EgressPolicy(dns, allow_private=True), clock=clock), clock)
    assert len(receiver.succeeded()) == 1


def test_a_name_rebound_between_the_check_and_the_connection_is_not_connected_to(
    mongo_uows, ev, clock, receiver_factory, subscribe, dns
):
    receiver = receiver_factory(failures=0)
    # Lookups: the subscription's check, the sender's check, then the connection's own.
    dns.answers(HOOK_HOST, [PUBLIC], [PUBLIC], ["127.0.0.1"])
    sub, _ = subscribe(f"http://{HOOK_HOST}:{receiver.server.server_port}/linli", egress=EgressPolicy(dns))
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), mongo_uows, clock())

    assert (
        webhooks.deliver_due(mongo_uows, WebhookSender(EgressPolicy(dns), clock=clock), BACKOFF, clock) == 1
    )

    assert dns.lookups == [HOOK_HOST] * 3  # the connection resolved through the policy, not around it
    assert receiver.requests == []
    (attempt,) = attempts_of(sub).log
    assert attempt.status_code == 0
    assert attempt.error.startswith(f"not sent: {HOOK_HOST} resolves to a loopback address")


@pytest.mark.parametrize("status", [307, 308])
def test_a_redirect_is_a_failed_attempt_and_is_not_followed(
    mongo_uows, ev, clock, receiver_factory, subscribe, sender, status
):
    target = receiver_factory(failures=0)
    redirector = receiver_factory(failures=0, redirect=(status, target.url))
    sub, _ = subscribe(redirector.url)
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), mongo_uows, clock())

    assert webhooks.deliver_due(mongo_uows, sender, BACKOFF, clock) == 1

    assert len(redirector.requests) == 1 and target.requests == []
    delivery = attempts_of(sub)
    assert delivery.status == "pending" and delivery.attempts == 1  # retried like any failure
    (attempt,) = delivery.log
    assert attempt.status_code == status
    assert attempt.error == f"redirect to {target.url} not followed: answer 2xx at the subscribed URL"


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for HOOK_HOST (made with the openssl command line, which .ci/run installs
    where it is missing)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    command = f"openssl req -x509 -newkey rsa:2048 -nodes -days 1 -keyout {key} -out {cert}".split()
    subprocess.run(
        [*command, "-subj", f"/CN={HOOK_HOST}", "-addext", f"subjectAltName=DNS:{HOOK_HOST}"],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return cert, context


def test_https_connects_to_the_checked_address_and_verifies_the_certificate_for_the_host_name(
    mongo_uows, ev, clock, receiver_factory, subscribe, dns, certificate, monkeypatch
):
    cert, context = certificate
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))  # requests lets this win over session.verify
    receiver = receiver_factory(failures=0, tls=context)
    port = receiver.server.server_port
    dns.answers(HOOK_HOST, ["127.0.0.1"])
    dns.answers("other.shimao.example", ["127.0.0.1"])  # the same receiver, a name its certificate lacks
    egress = EgressPolicy(dns, allow_private=True)
    good, _ = subscribe(f"https://{HOOK_HOST}:{port}/linli", egress=egress)
    wrong, _ = subscribe(f"https://other.shimao.example:{port}/linli", egress=egress)
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk1"), mongo_uows, clock())

    assert webhooks.deliver_due(mongo_uows, WebhookSender(egress, clock=clock), BACKOFF, clock) == 2

    assert len(receiver.succeeded()) == 1
    assert attempts_of(good).status == "delivered"
    (refused,) = attempts_of(wrong).log
    assert refused.status_code == 0 and "hostname mismatch" in refused.error.lower(), refused.error
