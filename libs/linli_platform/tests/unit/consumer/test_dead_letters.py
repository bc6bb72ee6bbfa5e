"""The consumer core's dead letters: an event that keeps failing, or cannot be decoded, is parked in
the .dlq topic with its original bytes and why, counted, and never retried on redelivery."""

from __future__ import annotations

from linli_platform.events import decode
from linli_platform.kafka import DLQ_SUFFIX, EventConsumer
from prometheus_client import REGISTRY

from .conftest import TOPIC, CountingStore, Handler, _consumer, _event, _sample


def test_an_undecodable_event_is_counted_dead_lettered_for_an_unknown_tenant(dead):
    labels = {"tenant": "unknown", "consumer": "probe-consumer", "topic": TOPIC}
    before = _sample("linli_events_dead_lettered_total", **labels)
    assert _consumer(Handler(), dead).handle(TOPIC, b"\xff\x00 not protobuf") == "dead_lettered"
    assert _sample("linli_events_dead_lettered_total", **labels) == before + 1


def test_an_always_failing_event_is_parked_in_the_dead_letter_topic_with_headers(dead):
    handler, value = Handler(failures=10**6), _event(9)
    labels = {"tenant": "hanyang", "consumer": "probe-consumer", "topic": TOPIC}
    before = REGISTRY.get_sample_value("linli_events_dead_lettered_total", labels) or 0
    assert _consumer(handler, dead, attempts=3).handle(TOPIC, value) == "dead_lettered"
    assert handler.calls == 3
    [(topic, key, parked, headers)] = dead.parked
    assert topic == TOPIC + DLQ_SUFFIX
    assert parked == value  # nothing lost: the original bytes
    assert key == decode(value).event_id
    assert headers["consumer"] == b"probe-consumer"
    assert headers["source_topic"] == TOPIC.encode()
    assert headers["error"] == b"ConnectionError: flaky #3"
    assert REGISTRY.get_sample_value("linli_events_dead_lettered_total", labels) == before + 1


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


def test_a_keyed_consumer_still_records_a_dead_letter(dead):
    store, value = CountingStore(), _event()
    consumer = EventConsumer(
        "keyed",
        Handler(failures=10**6),
        dead,
        store=store,
        max_attempts=2,
        backoff_initial=0.001,
        backoff_max=0.002,
        effects_keyed=True,
    )
    assert consumer.handle(TOPIC, value) == "dead_lettered"
    assert [outcome for _, outcome in store.marks] == ["dead_lettered"] and len(dead.parked) == 1
