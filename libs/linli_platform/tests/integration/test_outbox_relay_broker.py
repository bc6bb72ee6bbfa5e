"""The outbox relay against the real broker and database: published with acks, then pulled."""

from __future__ import annotations

import uuid

import pytest
from kafka import KafkaConsumer
from linli.common.v1.common_pb2 import PageResponse
from linli_platform.events import decode, new_event
from linli_platform.kafka import KafkaPublisher, ensure_topics
from linli_platform.outbox import OutboxMixin, OutboxRelay
from linli_platform.testing.launchers import Broker, wait_for_broker, wait_until
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


def _consume_ids(bootstrap: str, topic: str, group: str, wanted: set[str]) -> set[str]:
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
    )
    seen: set[str] = set()
    try:

        def all_arrived() -> bool:
            for records in consumer.poll(timeout_ms=200).values():
                seen.update(decode(r.value).event_id for r in records)
            return wanted <= seen

        wait_until(all_arrived, 60, "every event on the topic")
    finally:
        consumer.close()
    return seen


def test_events_recorded_while_the_broker_is_down_wait_in_the_outbox_and_reach_it_once_it_is_back(
    infra, mongo_db, tmp_path
):
    """A broker outage loses nothing: the relay keeps what was not acknowledged and sends it later."""
    aggregate = f"crate{uuid.uuid4().hex[:6]}"
    topic = f"probe.{aggregate}.v1"
    broker = Broker(tmp_path).start()
    wait_for_broker(broker.bootstrap)
    ensure_topics(broker.bootstrap, [topic])
    publisher = KafkaPublisher(broker.bootstrap, timeout=2.0)
    relay = OutboxRelay([Crate], publisher)
    try:
        before = Crate(crate_id="before")
        before.record(_event(aggregate, "before", 1))
        before.save()
        assert relay.run_once() == 1  # the producer knows the broker and the topic

        broker.stop()
        during = [Crate(crate_id=f"during{n}") for n in range(3)]
        for crate in during:
            crate.record(_event(aggregate, crate.crate_id, 1))
            crate.save()
        assert relay.run_once() == 0  # nothing acknowledged, nothing removed
        assert all(len(Crate.objects.get(crate_id=c.crate_id).outbox) == 1 for c in during)

        # The dev broker keeps nothing across a restart: same address, empty, topic created anew.
        broker = Broker(tmp_path, port=broker.port).start()
        wait_for_broker(broker.bootstrap)
        ensure_topics(broker.bootstrap, [topic])
        published = 0

        def drained() -> bool:
            nonlocal published
            published += relay.run_once()
            return all(not Crate.objects.get(crate_id=c.crate_id).outbox for c in during)

        wait_until(drained, 60, "the outbox to drain after the broker came back", interval=0.2)
        assert published >= 3
        wanted = {f"{aggregate}:{c.crate_id}" for c in during}
        assert wanted <= _consume_ids(broker.bootstrap, topic, f"g-{aggregate}", wanted)
    finally:
        publisher.close()
        broker.stop()


def _event(aggregate: str, crate_id: str, version: int):
    return new_event(
        PageResponse(total=version),
        source="probe",
        aggregate=aggregate,
        tenant_id="hanyang",
        aggregate_id=crate_id,
        aggregate_version=version,
        event_id=f"{aggregate}:{crate_id}",
    )
