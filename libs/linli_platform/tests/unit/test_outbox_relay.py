"""The transactional outbox on mongomock: events leave the document only after the broker acknowledged."""

from __future__ import annotations

import pytest
from linli.common.v1.common_pb2 import PageResponse
from linli_platform.events import decode, new_event
from linli_platform.outbox import OutboxMixin, OutboxRelay
from mongoengine import Document, StringField
from prometheus_client import REGISTRY


class Parcel(OutboxMixin, Document):
    parcel_id = StringField(required=True)
    meta = {"collection": "parcels"}


class FakePublisher:
    """Records what it published; `fail_on` event ids raise as a broker that does not acknowledge."""

    def __init__(self):
        self.published: list[tuple[str, str, bytes, list]] = []
        self.fail_on: set[str] = set()
        self.pending_while_publishing: list[list[str]] = []

    def publish(self, topic, key, value, headers=None):
        event_id = decode(value).event_id
        # What the database holds while the broker has not yet acknowledged.
        stored = Parcel.objects(outbox__event_id=event_id).first()
        self.pending_while_publishing.append([e.event_id for e in stored.outbox] if stored else [])
        if event_id in self.fail_on:
            raise TimeoutError("broker did not acknowledge")
        self.published.append((topic, key, value, headers))


def _parcel(parcel_id: str, events: int = 1) -> tuple[Parcel, list[str]]:
    parcel = Parcel(parcel_id=parcel_id)
    ids = []
    for n in range(events):
        event = new_event(
            PageResponse(total=n),
            source="probe",
            aggregate="parcel",
            tenant_id="hanyang",
            aggregate_id=parcel_id,
            aggregate_version=n + 1,
        )
        parcel.record(event)
        ids.append(event.event_id)
    parcel.save()
    return parcel, ids


@pytest.fixture
def publisher(mongo_mock):
    return FakePublisher()


def test_the_event_is_stored_in_the_same_document_write(publisher):
    parcel, ids = _parcel("p1")
    stored = Parcel.objects.get(parcel_id="p1")
    assert [e.event_id for e in stored.outbox] == ids
    assert stored.outbox[0].topic == "probe.parcel.v1" and stored.outbox[0].key == "hanyang:p1"


def test_relay_publishes_then_removes(publisher):
    _, ids = _parcel("p1", events=2)
    assert OutboxRelay([Parcel], publisher).run_once() == 2
    assert [decode(value).event_id for _, _, value, _ in publisher.published] == ids
    assert publisher.pending_while_publishing == [ids, ids]  # kept until acknowledged
    assert Parcel.objects.get(parcel_id="p1").outbox == []
    assert OutboxRelay([Parcel], publisher).run_once() == 0


def test_published_event_carries_topic_key_and_type_header(publisher):
    _parcel("p1")
    OutboxRelay([Parcel], publisher).run_once()
    topic, key, value, headers = publisher.published[0]
    assert (topic, key) == ("probe.parcel.v1", "hanyang:p1")
    assert headers == [("event_type", b"linli.common.v1.PageResponse")]
    assert decode(value).aggregate_version == 1


def test_publisher_failure_keeps_the_event_for_the_next_run(publisher):
    _, ids = _parcel("p1")
    publisher.fail_on.add(ids[0])
    relay = OutboxRelay([Parcel], publisher)
    assert relay.run_once() == 0
    assert [e.event_id for e in Parcel.objects.get(parcel_id="p1").outbox] == ids
    publisher.fail_on.clear()
    assert relay.run_once() == 1
    assert Parcel.objects.get(parcel_id="p1").outbox == []


def test_failure_midway_removes_only_what_was_acknowledged_later(publisher):
    _, ids = _parcel("p1", events=3)
    publisher.fail_on.add(ids[1])
    relay = OutboxRelay([Parcel], publisher)
    assert relay.run_once() == 1
    # Only the acknowledged event left the outbox; the failed one and those after it stay, in order.
    assert [e.event_id for e in Parcel.objects.get(parcel_id="p1").outbox] == ids[1:]
    publisher.fail_on.clear()
    assert relay.run_once() == 2
    delivered = [decode(value).event_id for _, _, value, _ in publisher.published]
    assert delivered == ids and Parcel.objects.get(parcel_id="p1").outbox == []


def test_an_event_recorded_while_relaying_is_not_lost(publisher):
    parcel, first = _parcel("p1")

    class RacingPublisher(FakePublisher):
        def publish(self, topic, key, value, headers=None):
            super().publish(topic, key, value, headers)
            if len(self.published) == 1:  # the API writes again before the relay pulls
                more = new_event(
                    PageResponse(total=9),
                    source="probe",
                    aggregate="parcel",
                    tenant_id="hanyang",
                    aggregate_id="p1",
                    aggregate_version=2,
                )
                Parcel.objects(parcel_id="p1").update_one(push__outbox=more_entry(more))

    racing = RacingPublisher()
    relay = OutboxRelay([Parcel], racing)
    relay.run_once()
    left = Parcel.objects.get(parcel_id="p1").outbox
    assert len(left) == 1 and left[0].event_id != first[0]
    relay.run_once()
    assert len(racing.published) == 2 and Parcel.objects.get(parcel_id="p1").outbox == []


def more_entry(event):
    holder = Parcel(parcel_id="holder")
    holder.record(event)
    return holder.outbox[0]


def test_backlog_gauge_counts_documents_with_pending_events(publisher):
    _parcel("p1")
    _parcel("p2", events=2)
    relay = OutboxRelay([Parcel], publisher, batch=1)
    relay.run_once()  # one document per run
    assert REGISTRY.get_sample_value("linli_outbox_backlog", {"collection": "parcels"}) == 1
    relay.run_once()
    assert REGISTRY.get_sample_value("linli_outbox_backlog", {"collection": "parcels"}) == 0


def test_a_quiet_collection_is_polled_less_often_and_an_event_still_leaves_within_the_cap(publisher):
    now = [0.0]
    relay = OutboxRelay([Parcel], publisher, idle_backoff=1.0, clock=lambda: now[0])
    looked: list[float] = []
    real = relay._relay
    relay._relay = lambda document: looked.append(now[0]) or real(document)

    def passes(first: int, last: int) -> None:
        for tick in range(first, last):  # the worker's timer: a pass every 0.2 s
            now[0] = tick * 0.2
            relay.run_once()

    passes(0, 50)  # 10 s with nothing pending
    gaps = [round(b - a, 1) for a, b in zip(looked, looked[1:], strict=False)]
    assert len(looked) <= 15  # instead of 50 queries
    assert gaps[:4] == sorted(gaps[:4]) and max(gaps) <= 1.2  # growing, capped (plus a tick)

    _parcel("p1")
    passes(50, 57)
    assert len(publisher.published) == 1  # at most the cap plus a tick after it was written
    looked.clear()
    _parcel("p2")
    passes(57, 62)
    assert len(publisher.published) == 2 and len(looked) >= 4  # busy again: (almost) every pass looks


def _stored_at(parcel_id: str):
    from datetime import UTC  # noqa: PLC0415

    created = Parcel.objects.get(parcel_id=parcel_id).outbox[0].created_at
    return created if created.tzinfo else created.replace(tzinfo=UTC)


def test_published_events_are_counted_per_tenant_and_topic(publisher):
    labels = {"tenant": "hanyang", "topic": "probe.parcel.v1"}
    before = REGISTRY.get_sample_value("linli_events_published_total", labels) or 0
    _parcel("p1", events=3)
    OutboxRelay([Parcel], publisher).run_once()
    assert REGISTRY.get_sample_value("linli_events_published_total", labels) == before + 3


def test_the_age_of_the_oldest_pending_event_is_reported_until_it_leaves(publisher):
    from datetime import timedelta  # noqa: PLC0415

    _, ids = _parcel("p1")
    stored = _stored_at("p1")
    publisher.fail_on.add(ids[0])
    relay = OutboxRelay([Parcel], publisher, wall_clock=lambda: stored + timedelta(seconds=90))
    relay.run_once()
    assert (
        REGISTRY.get_sample_value("linli_outbox_oldest_pending_age_seconds", {"collection": "parcels"}) == 90
    )
    publisher.fail_on.clear()
    relay.run_once()
    assert (
        REGISTRY.get_sample_value("linli_outbox_oldest_pending_age_seconds", {"collection": "parcels"}) == 0
    )


def test_after_a_full_batch_the_oldest_pending_event_is_looked_up(publisher):
    from datetime import timedelta  # noqa: PLC0415

    _, first = _parcel("p1")
    _, second = _parcel("p2")
    oldest = min(_stored_at("p1"), _stored_at("p2"))
    publisher.fail_on.update(first + second)  # the broker is away: nothing leaves
    relay = OutboxRelay([Parcel], publisher, batch=1, wall_clock=lambda: oldest + timedelta(seconds=300))
    relay.run_once()
    assert REGISTRY.get_sample_value("linli_outbox_backlog", {"collection": "parcels"}) == 2
    assert (
        REGISTRY.get_sample_value("linli_outbox_oldest_pending_age_seconds", {"collection": "parcels"}) == 300
    )
