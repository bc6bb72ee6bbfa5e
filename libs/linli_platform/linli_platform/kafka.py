"""Kafka (kafka-python): an acks=all publisher and the consumer core every worker uses.

The consumer core is runner-agnostic: `EventConsumer.handle(record)` dedupes by
(consumer, event_id), retries the handler with exponential backoff, and parks an event that
keeps failing in `<topic>.dlq` with the error in its headers — nothing is dropped. The nameko
entrypoint (worker.py) and the plain-thread runner both drive it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import CommitFailedError, IllegalStateError, KafkaTimeoutError, TopicAlreadyExistsError
from kafka.structs import OffsetAndMetadata
from linli.common.v1.events_pb2 import EventEnvelope
from mongoengine import DateTimeField, Document, StringField
from tenacity import Retrying, stop_after_attempt, wait_exponential_jitter

from linli_platform import context as ctx
from linli_platform.events import decode
from linli_platform.metrics import (
    CONSUMER_LAG,
    EVENTS_CONSUMED,
    EVENTS_DEAD_LETTERED,
    EVENTS_RETRIED,
)
from linli_platform.metrics import tenant as tenant_label

log = logging.getLogger("linli.kafka")
DLQ_SUFFIX = ".dlq"
MAX_POLL_INTERVAL_MS = 300_000
CONSUMER_OPTIONS = {
    "session_timeout_ms": 6000,
    "heartbeat_interval_ms": 500,
    "max_poll_interval_ms": MAX_POLL_INTERVAL_MS,
}


class KafkaPublisher:
    def __init__(self, bootstrap: str, timeout: float = 10.0):
        self._producer = KafkaProducer(
            bootstrap_servers=bootstrap,
            acks="all",
            max_block_ms=int(timeout * 1000),
            # Not idempotent: a restarted broker that forgot the producer id (Tansu keeps nothing) makes
            # the idempotent producer's epoch bump fail, and kafka-python then refuses every later send.
            # Order holds with one request in flight; a duplicate from a retry is absorbed by the
            # consumers' (consumer, event_id) dedupe.
            enable_idempotence=False,
            linger_ms=2,
            retries=5,
            max_in_flight_requests_per_connection=1,
        )
        self._timeout = timeout

    def publish(self, topic: str, key: str, value: bytes, headers: list | None = None) -> None:
        future = self._producer.send(topic, key=key.encode(), value=value, headers=headers or [])
        future.get(timeout=self._timeout)  # raises unless the broker acknowledged (acks=all)

    def publish_many(self, messages: list[tuple[str, str, bytes, list]]) -> list[bool]:
        """Send a batch, then wait for every acknowledgement; True where the broker acknowledged.

        A broker that is down is no exception here: what it did not acknowledge within the timeout
        comes back False and stays in the outbox (the producer may still deliver its copy later, which
        the consumers' dedupe absorbs).
        """
        try:
            futures = [
                self._producer.send(topic, key=key.encode(), value=value, headers=headers or [])
                for topic, key, value, headers in messages
            ]
        except KafkaTimeoutError:  # no metadata for a topic within max_block_ms: nothing was queued
            log.warning("broker unreachable; %d events stay in the outbox", len(messages))
            return [False] * len(messages)
        try:
            self._producer.flush(timeout=self._timeout)
        except KafkaTimeoutError:
            log.warning("broker did not acknowledge within %.1f s; events stay in the outbox", self._timeout)
        acked = []
        for future in futures:
            if not future.is_done:  # still waiting after the flush timeout: not acknowledged
                acked.append(False)
                continue
            try:
                future.get(timeout=0)
                acked.append(True)
            except Exception:
                log.warning("broker did not acknowledge an event; it stays in the outbox", exc_info=True)
                acked.append(False)
        return acked

    def close(self) -> None:
        try:
            self._producer.close(timeout=self._timeout)
        except KafkaTimeoutError:  # unacknowledged sends are dropped here; their events are still pending
            log.warning("producer closed with unacknowledged sends; their events stay in the outbox")


def ensure_topics(bootstrap: str, topics: list[str], partitions: int = 3) -> None:
    """Create topics (and their dead-letter topics) if missing."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        existing = set(admin.list_topics())
        wanted = [t for name in topics for t in (name, name + DLQ_SUFFIX) if t not in existing]
        if wanted:
            try:
                admin.create_topics([NewTopic(t, partitions, 1) for t in wanted])
            except TopicAlreadyExistsError:
                pass
    finally:
        admin.close()


class ProcessedEvent(Document):
    """The consumer's memory of what it has handled: one row per (consumer, event_id)."""

    consumer = StringField(required=True)
    event_id = StringField(required=True)
    handled_at = DateTimeField(required=True)
    outcome = StringField(required=True)
    meta = {
        "collection": "processed_events",
        "indexes": [{"fields": ["consumer", "event_id"], "unique": True}],
    }


class DedupeStore:
    def seen(self, consumer: str, event_id: str) -> bool:
        return ProcessedEvent.objects(consumer=consumer, event_id=event_id).first() is not None

    def seen_among(self, consumer: str, event_ids: list[str]) -> set[str]:
        """Which of these were handled already (one query for a whole poll batch)."""
        found = ProcessedEvent.objects(consumer=consumer, event_id__in=event_ids).only("event_id")
        return {p.event_id for p in found}

    def mark(self, consumer: str, event_id: str, outcome: str) -> None:
        ProcessedEvent.objects(consumer=consumer, event_id=event_id).update_one(
            upsert=True, set__handled_at=datetime.now(UTC), set__outcome=outcome
        )


Handler = Callable[[EventEnvelope], None]


class EventConsumer:
    """Handle records from one consumer group: dedupe, retry, dead-letter."""

    def __init__(
        self,
        name: str,
        handler: Handler,
        dead_letters,
        store: DedupeStore | None = None,
        max_attempts: int = 5,
        backoff_initial: float = 0.05,
        backoff_max: float = 2.0,
        effects_keyed: bool = False,
    ):
        """`effects_keyed`: the handler's effect carries its own dedupe mark in the same document write
        (an entry keyed by the event id, a local copy kept by version), so a redelivered event changes
        nothing by itself and the consumer neither looks up nor writes a separate (consumer, event_id)
        record for it — two database operations less per event. Dead letters are still recorded; a
        poison event redelivered after a rebalance is dead-lettered once more (its copies share an id)."""
        self.name = name
        self.effects_keyed = effects_keyed
        self.handler = handler
        self.dead_letters = dead_letters
        self.store = store or DedupeStore()
        self.max_attempts = max_attempts
        self._unseen: set[str] = set()
        self.backoff = wait_exponential_jitter(
            multiplier=backoff_initial, max=backoff_max, jitter=backoff_initial
        )

    def handle(self, topic: str, value: bytes) -> str:
        try:
            envelope = decode(value)
        except Exception as exc:  # undecodable bytes: park them, never drop
            self._dead_letter(topic, value, f"undecodable envelope: {exc}", "", "")
            return "dead_lettered"
        if self.effects_keyed:
            pass  # the effect's own write is the dedupe mark
        elif envelope.event_id in self._unseen:
            self._unseen.discard(envelope.event_id)  # a second copy in the same batch asks the store
        elif self.store.seen(self.name, envelope.event_id):
            EVENTS_CONSUMED.labels(tenant_label(envelope.tenant_id), self.name, "duplicate").inc()
            return "duplicate"
        token = ctx.set_correlation_id(envelope.correlation_id)
        try:
            for attempt in Retrying(
                stop=stop_after_attempt(self.max_attempts), wait=self.backoff, reraise=True
            ):
                with attempt:
                    if attempt.retry_state.attempt_number > 1:
                        EVENTS_RETRIED.labels(tenant_label(envelope.tenant_id), self.name).inc()
                    self.handler(envelope)
            outcome = "ok"
        except Exception as exc:
            log.exception("event %s failed %d times; dead-lettering", envelope.event_id, self.max_attempts)
            self._dead_letter(
                topic, value, f"{type(exc).__name__}: {exc}", envelope.event_id, envelope.tenant_id
            )
            outcome = "dead_lettered"
        finally:
            ctx.reset_correlation_id(token)
        if outcome != "ok" or not self.effects_keyed:
            self.store.mark(self.name, envelope.event_id, outcome)
        if outcome == "ok":
            EVENTS_CONSUMED.labels(tenant_label(envelope.tenant_id), self.name, outcome).inc()
        return outcome

    def prefetch(self, values: list[bytes]) -> None:
        """Learn in one query which events of a poll batch are new, so `handle` skips a lookup each."""
        if self.effects_keyed:
            return
        ids = []
        for value in values:
            try:
                ids.append(decode(value).event_id)
            except Exception:
                continue  # `handle` dead-letters it
        seen_among = getattr(self.store, "seen_among", None)
        self._unseen = set(ids) - seen_among(self.name, ids) if ids and seen_among else set()

    def _dead_letter(self, topic: str, value: bytes, error: str, event_id: str, tenant: str) -> None:
        self.dead_letters.publish(
            topic + DLQ_SUFFIX,
            event_id or "undecodable",
            value,
            [
                ("consumer", self.name.encode()),
                ("error", error[:1000].encode()),
                ("source_topic", topic.encode()),
            ],
        )
        EVENTS_DEAD_LETTERED.labels(tenant_label(tenant), self.name, topic).inc()


class ConsumerLoop:
    """Poll a consumer group and feed an EventConsumer; commit only after records are handled."""

    def __init__(
        self,
        consumer: EventConsumer,
        topics: list[str],
        bootstrap: str,
        run_handler: Callable[[Callable[[], str]], str] | None = None,
    ):
        self.consumer = consumer
        self.topics = topics
        self.bootstrap = bootstrap
        self.run_handler = run_handler or (lambda fn: fn())
        self.stopped = threading.Event()
        self.joined = threading.Event()
        self.retry_pause = 1.0
        # A batch is handled for at most this long before the loop polls again: a consumer that does
        # not poll within max_poll_interval_ms is put out of its group (a slow database must not
        # turn into a worker that lost its partitions).
        self.batch_budget = MAX_POLL_INTERVAL_MS / 1000 / 3
        self.clock = time.monotonic
        self._reported: set = set()  # partitions whose lag this loop reports

    def run(self) -> None:
        kafka = KafkaConsumer(
            *self.topics,
            bootstrap_servers=self.bootstrap,
            group_id=self.consumer.name,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=100,
            **CONSUMER_OPTIONS,
        )
        try:
            while not self.stopped.is_set():
                batch = kafka.poll(timeout_ms=200)
                if kafka.assignment():
                    self.joined.set()
                deadline = self.clock() + self.batch_budget
                for partition, records in batch.items():
                    handled_to = self._handle_in_order(kafka, partition, records, deadline)
                    if handled_to is not None:
                        self._commit(kafka, partition, handled_to)
                self._report_lags(kafka)
        finally:
            self._forget_lags(set(self._reported))  # a stopped member reports no lag
            kafka.close()

    def _commit(self, kafka: KafkaConsumer, partition, offset: int) -> None:
        """Commit; if the group moved on (a rebalance, this consumer put out for polling late), the
        events after the last commit are delivered again (to this or another member) and the dedupe
        store absorbs them: log and go on polling, which rejoins the group."""
        try:
            kafka.commit({partition: OffsetAndMetadata(offset, "", -1)})
        except (CommitFailedError, IllegalStateError) as exc:
            log.warning(
                "consumer %s: commit of %s at %d refused (%s); the group rebalanced, polling again",
                self.consumer.name,
                partition,
                offset,
                type(exc).__name__,
            )

    def _handle_in_order(self, kafka: KafkaConsumer, partition, records, deadline: float) -> int | None:
        """Handle records in order; returns the offset after the last one handled (None: none was).

        Handler failures are the consumer core's business (retries, dead letters). What escapes it is
        the infrastructure failing (the dedupe store, the dead-letter publish): the loop rewinds to the
        failed record and tries again after a pause, so nothing is skipped and the loop stays alive.
        """
        handled_to = None
        try:
            self.consumer.prefetch([record.value for record in records])
        except Exception:
            log.exception("consumer %s: dedupe lookup failed; retrying the batch", self.consumer.name)
            kafka.seek(partition, records[0].offset)
            self.stopped.wait(self.retry_pause)
            return None
        for record in records:
            if handled_to is not None and self.clock() > deadline:
                kafka.seek(partition, record.offset)  # the rest after the next poll
                break
            try:
                self.run_handler(lambda r=record: self.consumer.handle(r.topic, r.value))
            except Exception:
                log.exception(
                    "consumer %s: offset %d of %s failed; retrying from there",
                    self.consumer.name,
                    record.offset,
                    partition,
                )
                kafka.seek(partition, record.offset)
                self.stopped.wait(self.retry_pause)
                break
            handled_to = record.offset + 1
        return handled_to

    def _report_lags(self, kafka: KafkaConsumer) -> None:
        """The lag of every partition this member holds (quiet ones too, once their end is known); the
        series of a partition that went to another member in a rebalance is removed, so a worker never
        goes on reporting a lag that is no longer its own (which would hold an autoscaler up)."""
        assigned = set(kafka.assignment())
        self._forget_lags(self._reported - assigned)
        for partition in assigned:
            try:
                end = kafka.highwater(partition)
                if end is None:
                    continue  # no fetch answered for it yet
                lag = max(0, end - kafka.position(partition))
            except (IllegalStateError, AssertionError):
                continue  # revoked between assignment() and here: the next pass forgets it
            CONSUMER_LAG.labels(self.consumer.name, partition.topic, str(partition.partition)).set(lag)
            self._reported.add(partition)

    def _forget_lags(self, partitions: set) -> None:
        for partition in partitions:
            try:
                CONSUMER_LAG.remove(self.consumer.name, partition.topic, str(partition.partition))
            except KeyError:
                pass
            self._reported.discard(partition)

    def stop(self) -> None:
        self.stopped.set()
