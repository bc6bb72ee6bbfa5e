"""The event envelope: building, packing and unpacking events (topic <svc>.<aggregate>.v1)."""

from __future__ import annotations

import uuid
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
