"""Transactional outbox: events live in the aggregate's own document until the broker has them.

A state change and its events are one document write (`record()` then `save()`). The relay
publishes every pending event with acks=all and only then pulls it from the document, so a
crash or a broker restart (Tansu is memory-only) never loses an event; it may publish one twice,
which consumers absorb by event id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Protocol

from mongoengine import (
    BinaryField,
    DateTimeField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    ListField,
    StringField,
)

from linli_platform.events import OutgoingEvent
from linli_platform.metrics import OUTBOX_BACKLOG, OUTBOX_PUBLISHED

log = logging.getLogger("linli.outbox")


class PendingEvent(EmbeddedDocument):
    event_id = StringField(required=True)
    topic = StringField(required=True)
    key = StringField(required=True)
    type = StringField(required=True)
    value = BinaryField(required=True)
    created_at = DateTimeField(required=True)


class OutboxMixin:
    """Mix into an aggregate's Document: `outbox = ListField(...)` plus `record()`."""

    outbox = ListField(EmbeddedDocumentField(PendingEvent))

    def record(self, event: OutgoingEvent) -> None:
        self.outbox.append(
            PendingEvent(
                event_id=event.event_id,
                topic=event.topic,
                key=event.key,
                type=event.type,
                value=event.value,
                created_at=datetime.now(UTC),
            )
        )


class Publisher(Protocol):
    """What the relay needs of a broker: publish and wait for the acknowledgement."""

    def publish(self, topic: str, key: str, value: bytes, headers: list | None = None) -> None: ...


class OutboxRelay:
    def __init__(self, documents: Iterable[type], publisher: Publisher, batch: int = 200):
        self.documents = list(documents)
        self.publisher = publisher
        self.batch = batch

    def run_once(self) -> int:
        """Publish what is pending in every registered collection; returns how many were published."""
        published = 0
        for document in self.documents:
            collection = document._get_collection()
            pending = collection.find({"outbox.0": {"$exists": True}}, {"outbox": 1}).limit(self.batch)
            for doc in pending:
                done = []
                for entry in doc["outbox"]:
                    self.publisher.publish(
                        entry["topic"],
                        entry["key"],
                        bytes(entry["value"]),
                        [("event_type", entry["type"].encode())],
                    )
                    OUTBOX_PUBLISHED.labels(entry["topic"]).inc()
                    done.append(entry["event_id"])
                collection.update_one({"_id": doc["_id"]}, {"$pull": {"outbox": {"event_id": {"$in": done}}}})
                published += len(done)
            OUTBOX_BACKLOG.labels(collection.name).set(
                collection.count_documents({"outbox.0": {"$exists": True}})
            )
        return published
