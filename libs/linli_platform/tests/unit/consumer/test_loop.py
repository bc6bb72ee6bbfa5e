"""The consumer loop (ConsumerLoop) over a fake Kafka: it rewinds and retries when the infrastructure
fails, survives a refused commit after a rebalance, cuts a slow batch short to poll in time, and
reports the lag of every partition it holds."""

from __future__ import annotations

from types import SimpleNamespace

from prometheus_client import REGISTRY

from .conftest import TOPIC, Handler, _consumer, _event


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
