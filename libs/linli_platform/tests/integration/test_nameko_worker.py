"""The nameko worker, proven on the real broker (Tansu) and database (SecantusDB): a subprocess,
eventlet monkey-patched, running the chassis `@consume` entrypoint and a `@timer`; the outbox relay
publishing to the broker; poison events parked in the dead-letter topic with their headers."""

from __future__ import annotations

import sys
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bson import Binary
from kafka import KafkaConsumer
from linli_platform.events import decode
from linli_platform.kafka import DLQ_SUFFIX, KafkaPublisher
from linli_platform.testing.launchers import Process, free_port, port_open, wait_until
from linli_platform.testing.probe import PROBE_TOPIC, probe_event
from pymongo import MongoClient

pytestmark = pytest.mark.integration
WORKER = Path(__file__).resolve().parent / "probe_worker.py"
TOPIC = PROBE_TOPIC


@pytest.fixture(scope="module")
def worker(infra, tmp_path_factory):
    """The probe worker running against its own database; yields (process, db, metrics_port)."""
    database = f"probe_{uuid.uuid4().hex[:8]}"
    metrics = free_port()
    process = Process(
        "probe-worker",
        [sys.executable, str(WORKER)],
        tmp_path_factory.mktemp("worker") / "probe-worker.log",
        env={
            "LINLI_SERVICE": "probe",
            "LINLI_MONGO_URI": infra.mongo_uri,
            "LINLI_MONGO_DB": database,
            "LINLI_KAFKA_BOOTSTRAP": infra.bootstrap,
            "LINLI_METRICS_PORT": str(metrics),
            "LINLI_CONSUMER_MAX_ATTEMPTS": "2",
            "PYTHONUNBUFFERED": "1",
        },
    ).start()
    client = MongoClient(infra.mongo_uri)
    try:
        wait_until(lambda: port_open(metrics) or not process.alive, 60, "the worker's metrics port")
        assert process.alive, process.tail()
        yield process, client[database], metrics
    finally:
        process.stop()
        client.drop_database(database)
        client.close()


@pytest.fixture(scope="module")
def publisher(infra):
    publisher = KafkaPublisher(infra.bootstrap)
    yield publisher
    publisher.close()


def _seen(db, event_id: str) -> list[dict]:
    return list(db.seen.find({"event_id": event_id}))


def test_the_timer_runs_inside_the_worker(worker):
    process, db, _ = worker

    def ticks() -> int:
        found = db.ticks.find_one({"_id": "tick"})
        return found["count"] if found else 0

    wait_until(lambda: ticks() >= 1, 30, "a first tick")
    first = ticks()
    wait_until(lambda: ticks() >= first + 3, 10, "three more ticks")
    assert process.alive


def test_the_consumer_entrypoint_writes_what_it_consumed(worker, publisher):
    process, db, _ = worker
    event = probe_event(7, correlation="cid-int-1")
    publisher.publish(event.topic, event.key, event.value)
    wait_until(lambda: _seen(db, event.event_id), 60, "the worker to handle the event", interval=0.1)
    [seen] = _seen(db, event.event_id)
    assert (seen["total"], seen["correlation_id"]) == (7, "cid-int-1")


def test_the_same_event_delivered_twice_is_handled_once(worker, publisher):
    process, db, _ = worker
    event, marker = probe_event(8), probe_event(9)
    publisher.publish(event.topic, event.key, event.value)
    publisher.publish(event.topic, event.key, event.value)
    publisher.publish(marker.topic, event.key, marker.value)  # same key: same partition, after both copies
    wait_until(lambda: _seen(db, marker.event_id), 60, "the marker event", interval=0.1)
    assert len(_seen(db, event.event_id)) == 1
    assert (
        db.processed_events.count_documents({"consumer": "probe-consumer", "event_id": event.event_id}) == 1
    )


def test_the_outbox_relay_publishes_to_the_broker(worker):
    process, db, _ = worker
    event = probe_event(11, aggregate_id="p-outbox")
    db.parcels.insert_one(
        {
            "parcel_id": "p-outbox",
            "outbox": [
                {
                    "event_id": event.event_id,
                    "topic": event.topic,
                    "key": event.key,
                    "type": event.type,
                    "value": Binary(event.value),
                    "created_at": datetime.now(UTC),
                }
            ],
        }
    )
    # The worker's relay publishes it; the worker's own consumer receives it from the broker.
    wait_until(lambda: _seen(db, event.event_id), 60, "the relayed event to come back", interval=0.1)
    wait_until(
        lambda: db.parcels.find_one({"parcel_id": "p-outbox"})["outbox"] == [], 10, "the outbox to empty"
    )


def test_a_poison_event_is_parked_in_the_dead_letter_topic(worker, publisher, infra):
    process, db, _ = worker
    poison, after = probe_event(13, aggregate_id="p-poison"), probe_event(14, aggregate_id="p-poison")
    dlq = KafkaConsumer(
        TOPIC + DLQ_SUFFIX,
        bootstrap_servers=infra.bootstrap,
        group_id=f"dlq-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
    )
    try:
        publisher.publish(poison.topic, poison.key, poison.value)
        publisher.publish(after.topic, after.key, after.value)
        parked = []

        def arrived() -> bool:
            for records in dlq.poll(timeout_ms=200).values():
                parked.extend(r for r in records if decode(r.value).event_id == poison.event_id)
            return bool(parked)

        wait_until(arrived, 60, "the poison event in the dead-letter topic")
    finally:
        dlq.close()
    [record] = parked
    headers = dict(record.headers)
    assert record.value == poison.value and record.key == poison.event_id.encode()
    assert headers["consumer"] == b"probe-consumer" and headers["source_topic"] == TOPIC.encode()
    assert headers["error"] == b"ValueError: poison parcel"
    # The next event on the same partition was not blocked by the poison one.
    wait_until(lambda: _seen(db, after.event_id), 30, "the event after the poison one")
    assert _seen(db, poison.event_id) == []
    assert process.alive


def test_the_worker_exposes_consumer_and_outbox_metrics(worker):
    _, _, metrics = worker
    wait_until(lambda: "linli_consumer_lag{" in _metrics(metrics), 30, "consumer lag to be reported")
    text = _metrics(metrics)
    assert 'linli_outbox_backlog{collection="parcels"}' in text
    assert 'linli_events_consumed_total{consumer="probe-consumer",outcome="ok",tenant="hanyang"}' in text


def test_the_worker_stops_cleanly_on_sigterm(worker):
    """Last in this module: stops the shared worker."""
    process, _, _ = worker
    process.terminate()
    assert process.popen.wait(20) == 0, process.tail()
    assert "worker stopped" in process.tail()


def _metrics(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        return response.read().decode()
