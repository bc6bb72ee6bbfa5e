"""The consumer core's tests share: a probe event, a handler that fails on demand, a dead-letter
publisher and a dedupe store that count what they are asked."""

from __future__ import annotations

import pytest
from linli_platform import context as ctx
from linli_platform.events import unpack
from linli_platform.kafka import EventConsumer
from linli_platform.testing.probe import PROBE_TOPIC, probe_event
from prometheus_client import REGISTRY

TOPIC = PROBE_TOPIC


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
    return probe_event(total, correlation=correlation).value


def _consumer(handler, dead, name="probe-consumer", attempts=4) -> EventConsumer:
    return EventConsumer(name, handler, dead, max_attempts=attempts, backoff_initial=0.001, backoff_max=0.002)


@pytest.fixture
def dead(mongo_mock):
    return FakeDeadLetters()


def _sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0


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
