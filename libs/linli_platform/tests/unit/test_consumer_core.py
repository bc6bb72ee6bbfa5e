"""The consumer core (EventConsumer): dedupe by (consumer, event_id), retry with backoff, dead-letter."""

from __future__ import annotations

from types import SimpleNamespace

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


def _sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0


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


class FakeKafka:
    """Stands in for KafkaConsumer: serves records from one partition from the current position."""

    instances: list[FakeKafka] = []

    def __init__(self, *topics, **options):
        from kafka.structs import TopicPartition  # noqa: PLC0415

        self.partition = TopicPartition(TOPIC, 0)
        self.values: list[bytes] = []
        self.position_ = 0
        self.commits: list[int] = []
        self.seeks: list[int] = []
        self.closed = False
        FakeKafka.instances.append(self)

    def poll(self, timeout_ms=0):
        records = [
            SimpleNamespace(topic=TOPIC, offset=offset, value=value)
            for offset, value in enumerate(self.values)
            if offset >= self.position_
        ]
        self.position_ = len(self.values)
        return {self.partition: records} if records else {}

    def assignment(self):
        return {self.partition}

    def commit(self, offsets):
        self.commits.extend(o.offset for o in offsets.values())

    def seek(self, partition, offset):
        self.seeks.append(offset)
        self.position_ = offset

    def highwater(self, partition):
        return len(self.values)

    def position(self, partition):
        return self.position_

    def close(self):
        self.closed = True


def test_the_loop_rewinds_and_retries_when_the_infrastructure_fails(dead, monkeypatch):
    import threading  # noqa: PLC0415

    from linli_platform import kafka as chassis_kafka  # noqa: PLC0415
    from linli_platform.testing.launchers import wait_until  # noqa: PLC0415

    monkeypatch.setattr(chassis_kafka, "KafkaConsumer", FakeKafka)
    handler = Handler()
    core = _consumer(handler, dead)
    flaky = {"left": 2}
    real_seen = core.store.seen

    def seen(consumer, event_id):  # the dedupe store (Mongo) is unreachable twice
        if flaky["left"]:
            flaky["left"] -= 1
            raise ConnectionError("mongo unreachable")
        return real_seen(consumer, event_id)

    real_seen_among = core.store.seen_among

    def seen_among(consumer, event_ids):  # the batch lookup meets the same outage
        if flaky["left"]:
            flaky["left"] -= 1
            raise ConnectionError("mongo unreachable")
        return real_seen_among(consumer, event_ids)

    monkeypatch.setattr(core.store, "seen", seen)
    monkeypatch.setattr(core.store, "seen_among", seen_among)
    loop = chassis_kafka.ConsumerLoop(core, [TOPIC], "fake:9092")
    loop.retry_pause = 0.01
    FakeKafka.instances.clear()
    thread = threading.Thread(target=loop.run)
    thread.start()
    try:
        wait_until(lambda: FakeKafka.instances, 5, "the loop to connect")
        fake = FakeKafka.instances[0]
        fake.values.extend([_event(1), _event(2)])
        wait_until(lambda: handler.handled == [1, 2], 10, "both events handled despite the failures")
        wait_until(lambda: fake.commits and fake.commits[-1] == 2, 5, "the offset after both committed")
    finally:
        loop.stop()
        thread.join(5)
    assert fake.seeks == [0, 0] and fake.closed and not thread.is_alive()


def test_a_batch_lookup_skips_handled_events_and_still_catches_copies_within_the_batch(dead):
    handler = Handler()
    core = _consumer(handler, dead)
    old, new = _event(1), _event(2)
    assert core.handle(TOPIC, old) == "ok"
    core.prefetch([old, new, new])
    outcomes = [core.handle(TOPIC, v) for v in (old, new, new)]
    assert outcomes == ["duplicate", "ok", "duplicate"]
    assert handler.handled == [1, 2]


def _run_loop(monkeypatch, loop_setup, fake_setup=None):
    """Run a ConsumerLoop over FakeKafka in a thread; returns (loop, thread, fake)."""
    import threading  # noqa: PLC0415

    from linli_platform import kafka as chassis_kafka  # noqa: PLC0415
    from linli_platform.testing.launchers import wait_until  # noqa: PLC0415

    monkeypatch.setattr(chassis_kafka, "KafkaConsumer", FakeKafka)
    FakeKafka.instances.clear()
    loop = loop_setup(chassis_kafka)
    thread = threading.Thread(target=loop.run)
    thread.start()
    wait_until(lambda: FakeKafka.instances, 5, "the loop to connect")
    fake = FakeKafka.instances[0]
    if fake_setup:
        fake_setup(fake)
    return loop, thread, fake


def test_a_refused_commit_after_a_rebalance_does_not_stop_the_loop(dead, monkeypatch):
    from kafka.errors import CommitFailedError, IllegalStateError  # noqa: PLC0415
    from linli_platform.testing.launchers import wait_until  # noqa: PLC0415

    handler = Handler()
    refusals = {"left": 1}

    def refusing(fake):
        real_commit = fake.commit

        def commit(offsets):  # put out of the group once (the broker saw no poll in time)
            if refusals["left"]:
                refusals["left"] -= 1
                fake.position_ = 0  # after rejoining, delivery restarts from the last commit
                fake.lost = True
                raise CommitFailedError("not part of an active group")
            real_commit(offsets)

        real_position = fake.position

        def position(partition):  # kafka-python refuses to report on a partition it lost
            if getattr(fake, "lost", False):
                fake.lost = False
                raise IllegalStateError("No current assignment for partition")
            return real_position(partition)

        fake.commit = commit
        fake.position = position

    loop, thread, fake = _run_loop(
        monkeypatch, lambda k: k.ConsumerLoop(_consumer(handler, dead), [TOPIC], "fake:9092"), refusing
    )
    try:
        fake.values.extend([_event(1), _event(2)])
        wait_until(lambda: fake.commits and fake.commits[-1] == 2, 10, "a commit after the refused one")
        fake.values.append(_event(3))
        wait_until(lambda: handler.handled == [1, 2, 3], 10, "the next event handled too")
    finally:
        loop.stop()
        thread.join(5)
    assert not thread.is_alive() and refusals["left"] == 0
    assert handler.handled == [1, 2, 3]  # the redelivered 1 and 2 were absorbed by the dedupe store


def test_a_slow_batch_is_cut_short_so_the_loop_polls_in_time(dead, monkeypatch):
    from linli_platform.testing.launchers import wait_until  # noqa: PLC0415

    handler = Handler()
    now = [0.0]

    def slow(envelope):  # every event takes 40 s of (fake) time: a database under heavy load
        now[0] += 40
        handler(envelope)

    def setup(k):
        loop = k.ConsumerLoop(_consumer(slow, dead), [TOPIC], "fake:9092")
        loop.clock = lambda: now[0]
        loop.batch_budget = 100  # seconds of handling before polling again
        return loop

    loop, thread, fake = _run_loop(monkeypatch, setup)
    try:
        fake.values.extend([_event(n) for n in range(1, 8)])
        wait_until(lambda: handler.handled == list(range(1, 8)), 10, "all seven handled over several polls")
        wait_until(lambda: fake.commits and fake.commits[-1] == 7, 5, "the last offset committed")
    finally:
        loop.stop()
        thread.join(5)
    # 40 s each against a 100 s budget: three events per poll, the rest after the next one.
    assert fake.commits == [3, 6, 7] and fake.seeks == [3, 6]


class CountingStore:
    """A dedupe store that counts what the consumer asks of it."""

    def __init__(self):
        self.lookups = 0
        self.marks: list[tuple[str, str]] = []

    def seen(self, consumer, event_id):
        self.lookups += 1
        return False

    def seen_among(self, consumer, event_ids):
        self.lookups += 1
        return set()

    def mark(self, consumer, event_id, outcome):
        self.marks.append((event_id, outcome))


def test_a_consumer_whose_effects_are_keyed_by_the_event_neither_looks_up_nor_marks_a_handled_event(dead):
    store, handler, value = CountingStore(), Handler(), _event()
    consumer = EventConsumer("keyed", handler, dead, store=store, effects_keyed=True)
    consumer.prefetch([value])
    assert consumer.handle(TOPIC, value) == "ok"
    assert consumer.handle(TOPIC, value) == "ok"  # redelivered: the handler's keyed effect absorbs it
    assert (store.lookups, store.marks, handler.calls) == (0, [], 2)


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


def _lag(partition: int) -> float | None:
    return REGISTRY.get_sample_value(
        "linli_consumer_lag", {"consumer": "lagging", "topic": TOPIC, "partition": str(partition)}
    )


def test_lag_is_reported_for_every_held_partition_and_forgotten_when_one_moves_away(dead, monkeypatch):
    from kafka.structs import TopicPartition  # noqa: PLC0415
    from linli_platform.testing.launchers import wait_until  # noqa: PLC0415

    held = {TopicPartition(TOPIC, 0), TopicPartition(TOPIC, 1)}

    def two_partitions(fake):
        fake.assignment = lambda: set(held)
        fake.highwater = lambda p: {0: 0, 1: 7}[p.partition]  # partition 1: 7 behind, nothing polled yet
        fake.position = lambda p: 0

    loop, thread, fake = _run_loop(
        monkeypatch,
        lambda k: k.ConsumerLoop(_consumer(Handler(), dead, name="lagging"), [TOPIC], "f:9092"),
        two_partitions,
    )
    try:
        wait_until(lambda: _lag(1) == 7 and _lag(0) == 0, 5, "both partitions' lag")
        held.discard(TopicPartition(TOPIC, 1))  # a rebalance gives partition 1 to another member
        wait_until(lambda: _lag(1) is None, 5, "the moved partition's lag to be forgotten")
        assert _lag(0) == 0
    finally:
        loop.stop()
        thread.join(5)
    assert _lag(0) is None  # a stopped loop reports nothing
