"""The event envelope: building, packing and unpacking events (topic <svc>.<aggregate>.v1)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from google.protobuf import any_pb2, symbol_database, timestamp_pb2
from google.protobuf.message import Message
from linli.common.v1.events_pb2 import EventEnvelope

from linli_platform import context as ctx

_symbols = symbol_database.Default()


@dataclass(frozen=True, slots=True)
class OutgoingEvent:
    """An envelope ready to publish: where it goes and its bytes."""

    topic: str
    key: str
    event_id: str
    type: str
    value: bytes


def topic(service: str, aggregate: str) -> str:
    return f"{service}.{aggregate}.v1"


def new_event(
    payload: Message,
    *,
    source: str,
    aggregate: str,
    tenant_id: str,
    aggregate_id: str,
    aggregate_version: int = 0,
    event_id: str | None = None,
) -> OutgoingEvent:
    packed = any_pb2.Any()
    packed.Pack(payload)
    occurred = timestamp_pb2.Timestamp()
    occurred.GetCurrentTime()
    envelope = EventEnvelope(
        event_id=event_id or uuid.uuid4().hex,
        type=payload.DESCRIPTOR.full_name,
        tenant_id=tenant_id,
        aggregate_id=aggregate_id,
        aggregate_version=aggregate_version,
        occurred_at=occurred,
        correlation_id=ctx.correlation_id() or uuid.uuid4().hex,
        payload=packed,
        source=source,
    )
    return OutgoingEvent(
        topic=topic(source, aggregate),
        key=f"{tenant_id}:{aggregate_id}",
        event_id=envelope.event_id,
        type=envelope.type,
        value=envelope.SerializeToString(),
    )


def decode(value: bytes) -> EventEnvelope:
    return EventEnvelope.FromString(value)


def unpack(envelope: EventEnvelope) -> Message:
    """The payload as its generated message class (its module must have been imported)."""
    cls = _symbols.GetSymbol(envelope.type)
    message = cls()
    if not envelope.payload.Unpack(message):
        raise ValueError(f"payload is not a {envelope.type}")
    return message


EventHandler = Callable[[Message, EventEnvelope], None]


class EventHandlers:
    """A consumer's map of event type → handler (no isinstance chains).

    `handle(envelope)` unpacks the payload and calls the handler of its type with the event and its
    envelope; a type with no handler is skipped (a topic carries every event of its aggregate, and
    a consumer wants only some). Keys are generated message classes.
    """

    def __init__(self, handlers: dict[type[Message], EventHandler]):
        self.handlers = {cls.DESCRIPTOR.full_name: handler for cls, handler in handlers.items()}

    def __contains__(self, event_type: str) -> bool:
        return event_type in self.handlers

    def handle(self, envelope: EventEnvelope) -> bool:
        """Run the handler of the envelope's type; False when there is none."""
        handler = self.handlers.get(envelope.type)
        if handler is None:
            return False
        handler(unpack(envelope), envelope)
        return True
