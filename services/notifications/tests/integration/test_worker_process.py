"""The worker as a process: broker events in, inbox entries and signed webhooks out, once each."""

from __future__ import annotations

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from linli_notifications.adapters.documents import InboxEntryDoc
from linli_notifications.adapters.unit_of_work import mongo_unit_of_work
from linli_notifications.adapters.webhook_docs import DeliveryDoc
from linli_notifications.service_layer import webhooks
from linli_platform.auth import Principal
from linli_platform.events import new_event
from linli_platform.kafka import KafkaPublisher
from linli_platform.testing.launchers import Process, free_port, port_open, wait_until
from linli_webhooks import SIGNATURE_HEADER, verify

pytestmark = pytest.mark.integration
A = "t-jinjiang"


@pytest.fixture
def flaky_receiver():
    """Answers 500 to the first two requests, then 200; records everything with its arrival time."""
    received: list[tuple[dict, bytes, int, float]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = 500 if len(received) < 2 else 200
            received.append((dict(self.headers), body, status, time.time()))
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received
    server.shutdown()
    server.server_close()


@pytest.fixture
def start_worker(infra, mongo_db, tmp_path):
    """Starts the worker as a process with `allow_private` as LINLI_WEBHOOK_ALLOW_PRIVATE."""
    started: list[Process] = []

    def start(allow_private: bool) -> Process:
        metrics = free_port()
        env = {
            "LINLI_MONGO_URI": infra.mongo_uri,
            "LINLI_MONGO_DB": mongo_db.database,
            "LINLI_KAFKA_BOOTSTRAP": infra.bootstrap,
            "LINLI_METRICS_PORT": str(metrics),
            "LINLI_WEBHOOK_BACKOFF_INITIAL": "0.05",
            "LINLI_WEBHOOK_BACKOFF_JITTER": "0.05",
            "LINLI_DELIVERY_INTERVAL_SECONDS": "0.05",
            "LINLI_LOG_JSON": "false",
            "LINLI_WEBHOOK_ALLOW_PRIVATE": str(allow_private).lower(),
        }
        process = Process(
            "notifications-worker",
            [sys.executable, "-m", "linli_notifications.entrypoints.worker"],
            tmp_path / f"worker-{len(started)}.log",
            env,
        ).start()
        started.append(process)
        wait_until(lambda: port_open(metrics) or not process.alive, 60, "the worker to start")
        assert process.alive, process.tail()
        return process

    yield start
    for process in started:
        process.stop()


@pytest.fixture
def worker(start_worker):
    return start_worker(allow_private=True)  # the receiver listens on 127.0.0.1


def publish(infra, payload, aggregate_id, event_id):
    source, aggregate = (
        payload.DESCRIPTOR.full_name.split(".")[1],
        {"tickets": "ticket"}.get(payload.DESCRIPTOR.full_name.split(".")[1], "household"),
    )
    event = new_event(
        payload, source=source, aggregate=aggregate, tenant_id=A, aggregate_id=aggregate_id, event_id=event_id
    )
    publisher = KafkaPublisher(infra.bootstrap)
    try:
        publisher.publish(event.topic, event.key, event.value)
    finally:
        publisher.close()


def subscribe_shimao(url: str, egress):
    """世茂's subscription to dispatched tickets, made by the district administrator."""
    return webhooks.create_subscription(
        mongo_unit_of_work()(A),
        Principal(A, "district_admin", "admin"),
        "org-shimao",
        ["linli.tickets.v1.TicketDispatched"],
        url,
        egress=egress,
    )


def test_a_dispatched_ticket_reaches_the_firms_inbox_and_its_receiver_signed_once(
    infra, mongo_db, worker, flaky_receiver, ev, local_egress
):
    url, received = flaky_receiver
    _sub, secret = subscribe_shimao(url, local_egress)
    publish(infra, ev.dispatched(A), "tk1", "evt-dispatch-1")
    publish(infra, ev.dispatched(A), "tk1", "evt-dispatch-1")  # the same event again

    wait_until(lambda: any(status == 200 for *_, status, _ in received), 60, "the webhook to succeed", 0.1)
    wait_until(lambda: InboxEntryDoc.scoped(A).filter(event_id="evt-dispatch-1").count() == 2, 10, "inboxes")
    statuses = [status for *_, status, _ in received]
    assert statuses == [500, 500, 200]
    headers, body, _status, at = received[-1]
    verify(secret, body, headers[SIGNATURE_HEADER], now=at)
    firm_inbox = InboxEntryDoc.scoped(A).get(recipient="org:org-shimao")
    assert firm_inbox.title == "新工单待接单"
    assert InboxEntryDoc.scoped("t-other").count() == 0


def test_a_worker_refusing_private_targets_posts_nothing_to_a_loopback_receiver_and_logs_why(
    infra, mongo_db, start_worker, flaky_receiver, ev, local_egress
):
    url, received = flaky_receiver
    # Subscribed while private targets were allowed (or before the guard existed); the worker now refuses.
    sub, _secret = subscribe_shimao(url, local_egress)
    process = start_worker(allow_private=False)
    publish(infra, ev.dispatched(A), "tk1", "evt-dispatch-2")

    def attempts():
        deliveries = DeliveryDoc.scoped(A).filter(subscription_id=sub.id)
        return [attempt for delivery in deliveries for attempt in delivery.log]

    wait_until(lambda: len(attempts()) >= 2, 60, "two refused attempts", 0.1)
    assert received == []
    assert all(a.status_code == 0 and "127.0.0.1 is a loopback address" in a.error for a in attempts())
    assert process.alive  # a refused URL is a failed attempt, never a crash
