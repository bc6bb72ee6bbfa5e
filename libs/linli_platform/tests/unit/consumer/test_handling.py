"""The consumer core (EventConsumer): an event handled once per consumer (dedupe by (consumer,
event_id), one batch lookup), retried with backoff until it succeeds, counted per tenant; a consumer
whose effects are keyed by the event skips the dedupe store."""

from __future__ import annotations

from linli_platform import context as ctx
from linli_platform.events import decode
from linli_platform.kafka import EventConsumer, ProcessedEvent

from .conftest import TOPIC, CountingStore, Handler, _consumer, _event, _sample


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


def test_a_batch_lookup_skips_handled_events_and_still_catches_copies_within_the_batch(dead):
    handler = Handler()
    core = _consumer(handler, dead)
    old, new = _event(1), _event(2)
    assert core.handle(TOPIC, old) == "ok"
    core.prefetch([old, new, new])
    outcomes = [core.handle(TOPIC, v) for v in (old, new, new)]
    assert outcomes == ["duplicate", "ok", "duplicate"]
    assert handler.handled == [1, 2]


def test_events_consumed_and_retried_are_counted_per_tenant_and_consumer(dead):
    ok = {"tenant": "hanyang", "consumer": "counting", "outcome": "ok"}
    duplicate = {**ok, "outcome": "duplicate"}
    retried = {"tenant": "hanyang", "consumer": "counting"}
    before = [
        _sample("linli_events_consumed_total", **ok),
        _sample("linli_events_consumed_total", **duplicate),
    ]
    retried_before = _sample("linli_events_retried_total", **retried)
    consumer, value = _consumer(Handler(failures=2), dead, name="counting", attempts=4), _event(2)
    assert [consumer.handle(TOPIC, value) for _ in range(2)] == ["ok", "duplicate"]
    assert _sample("linli_events_consumed_total", **ok) == before[0] + 1
    assert _sample("linli_events_consumed_total", **duplicate) == before[1] + 1
    assert _sample("linli_events_retried_total", **retried) == retried_before + 2  # attempts 2 and 3


def test_a_consumer_whose_effects_are_keyed_by_the_event_neither_looks_up_nor_marks_a_handled_event(dead):
    store, handler, value = CountingStore(), Handler(), _event()
    consumer = EventConsumer("keyed", handler, dead, store=store, effects_keyed=True)
    consumer.prefetch([value])
    assert consumer.handle(TOPIC, value) == "ok"
    assert consumer.handle(TOPIC, value) == "ok"  # redelivered: the handler's keyed effect absorbs it
    assert (store.lookups, store.marks, handler.calls) == (0, [], 2)
