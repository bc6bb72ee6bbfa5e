"""The outbox relay against the real broker and database: published with acks, then pulled."""

from __future__ import annotations

import uuid

import pytest
from kafka import KafkaConsumer
from linli.common.v1.common_pb2 import PageResponse
from linli_platform.events import decode, new_event
from linli_platform.kafka import KafkaPublisher, ensure_topics
from linli_platform.outbox import OutboxMixin, OutboxRelay
from linli_platform.testing.launchers import wait_until
from mongoengine import Document, StringField

pytestmark = pytest.mark.integration


class Crate(OutboxMixin, Document):
    crate_id = StringField(required=True)
    meta = {"collection": "crates"}


def test_relay_publishes_each_pending_event_to_its_topic_then_removes_it(infra, mongo_db):
    aggregate = f"crate{uuid.uuid4().hex[:6]}"
    topic = f"probe.{aggregate}.v1"
    ensure_topics(infra.bootstrap, [topic])
    crate = Crate(crate_id="c1")
    events = [
        new_event(
            PageResponse(total=n),
            source="probe",
            aggregate=aggregate,
            tenant_id="hanyang",
            aggregate_id="c1",
            aggregate_version=n,
        )
        for n in (1, 2, 3)
    ]
    for event in events:
        crate.record(event)
    crate.save()
    publisher = KafkaPublisher(infra.bootstrap)
    try:
        assert OutboxRelay([Crate], publisher).run_once() == 3
    finally:
        publisher.close()
    assert Crate.objects.get(crate_id="c1").outbox == []
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=infra.bootstrap,
        group_id=f"g-{aggregate}",
        auto_offset_reset="earliest",
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
    )
    received = []
    try:

        def all_arrived() -> bool:
            for records in consumer.poll(timeout_ms=200).values():
                received.extend(records)
            return len(received) >= 3

        wait_until(all_arrived, 60, "three events on the topic")
    finally:
        consumer.close()
    assert [decode(r.value).event_id for r in received] == [e.event_id for e in events]  # one key: in order
    assert {r.key for r in received} == {b"hanyang:c1"}
    assert dict(received[0].headers) == {"event_type": b"linli.common.v1.PageResponse"}
