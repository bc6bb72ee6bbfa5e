"""The consumer core (EventConsumer): dedupe by (consumer, event_id), retry with backoff, dead-letter."""

from __future__ import annotations

import pytest
from linli.common.v1.common_pb2 import PageResponse
from linli_platform import context as ctx
from linli_platform.events import decode, new_event, unpack
from linli_platform.kafka import DLQ_SUFFIX, EventConsumer, ProcessedEvent
from prometheus_client import REGISTRY

TOPIC = "probe.parcel.v1"


class FakeDeadLetters:
    def __init__(self):
        self.parked: list[tuple[str, str, bytes, dict]] = []

    def publish(self, topic, key, value, headers=None):
        self.parked.append((topic, key, value, dict(headers or [])))


class Handler:
    """Fails the first `failures` calls, then records what it handled."""

    def __init__(self, failures: int = 0):
        self.failures = failures
        self.calls = 0
        self.handled: list[int] = []
        self.correlation_ids: list[str] = []

    def __call__(self, envelope):
        self.calls += 1
        self.correlation_ids.append(ctx.correlation_id())
        if self.calls <= self.failures:
            raise ConnectionError(f"flaky #{self.calls}")
        self.handled.append(unpack(envelope).total)


def _event(total: int = 1, correlation: str = "cid-7") -> bytes:
    token = ctx.set_correlation_id(correlation)
    try:
        return new_event(
            PageResponse(total=total),
            source="probe",
            aggregate="parcel",
            tenant_id="hanyang",
            aggregate_id="p1",
        ).value
    finally:
        ctx.reset_correlation_id(token)


def _consumer(handler, dead, name="probe-consumer", attempts=4) -> EventConsumer:
    return EventConsumer(name, handler, dead, max_attempts=attempts, backoff_initial=0.001, backoff_max=0.002)


@pytest.fixture
def dead(mongo_mock):
    return FakeDeadLetters()


def test_an_event_is_handled_once_with_its_correlation_id(dead):
    handler = Handler()
    assert _consumer(handler, dead).handle(TOPIC, _event(5)) == "ok"
    assert handler.handled == [5] and handler.correlation_ids == ["cid-7"]
    assert ctx.correlation_id() == ""  # reset after the event
    assert dead.parked == []


def test_a_duplicate_is_handled_once(dead):
    handler, value = Handler(), _event(3)
    consumer = _consumer(handler, dead)
    assert [consumer.handle(TOPIC, value) for _ in range(3)] == ["ok", "duplicate", "duplicate"]
    assert handler.handled == [3]
    assert ProcessedEvent.objects(event_id=decode(value).event_id).count() == 1


def test_dedupe_is_per_consumer(dead):
    value, first, second = _event(), Handler(), Handler()
    _consumer(first, dead, name="a").handle(TOPIC, value)
    _consumer(second, dead, name="b").handle(TOPIC, value)
    assert first.handled == second.handled == [1]


def test_a_handler_failing_n_times_then_succeeding_is_handled_once(dead):
    handler = Handler(failures=3)
    assert _consumer(handler, dead, attempts=4).handle(TOPIC, _event(8)) == "ok"
    assert handler.calls == 4 and handler.handled == [8]
    assert dead.parked == []


def test_an_always_failing_event_is_parked_in_the_dead_letter_topic_with_headers(dead):
    handler, value = Handler(failures=10**6), _event(9)
    before = (
        REGISTRY.get_sample_value(
            "linli_events_handled_total", {"consumer": "probe-consumer", "outcome": "dead_lettered"}
        )
        or 0
    )
    assert _consumer(handler, dead, attempts=3).handle(TOPIC, value) == "dead_lettered"
    assert handler.calls == 3
    [(topic, key, parked, headers)] = dead.parked
    assert topic == TOPIC + DLQ_SUFFIX
    assert parked == value  # nothing lost: the original bytes
    assert key == decode(value).event_id
    assert headers["consumer"] == b"probe-consumer"
    assert headers["source_topic"] == TOPIC.encode()
    assert headers["error"] == b"ConnectionError: flaky #3"
    assert (
        REGISTRY.get_sample_value(
            "linli_events_handled_total", {"consumer": "probe-consumer", "outcome": "dead_lettered"}
        )
        == before + 1
    )


def test_a_dead_lettered_event_is_not_retried_on_redelivery(dead):
    handler, value = Handler(failures=10**6), _event()
    consumer = _consumer(handler, dead, attempts=2)
    consumer.handle(TOPIC, value)
    assert consumer.handle(TOPIC, value) == "duplicate"
    assert handler.calls == 2 and len(dead.parked) == 1


def test_undecodable_bytes_are_parked_not_dropped(dead):
    handler = Handler()
    assert _consumer(handler, dead).handle(TOPIC, b"\xff\x00 not protobuf") == "dead_lettered"
    assert handler.calls == 0
    [(topic, key, parked, headers)] = dead.parked
    assert (topic, key, parked) == (TOPIC + DLQ_SUFFIX, "undecodable", b"\xff\x00 not protobuf")
    assert headers["error"].startswith(b"undecodable envelope")
