"""Conversions between protobuf well-known types and Python values, shared by every servicer."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp


def timestamp(value: datetime | None) -> Timestamp | None:
    """A datetime as a Timestamp (naive values are UTC); None leaves the field unset."""
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value if value.tzinfo else value.replace(tzinfo=UTC))
    return stamp


def when(message, field: str) -> datetime | None:
    """A Timestamp field as an aware UTC datetime, or None when the field is unset."""
    return getattr(message, field).ToDatetime(tzinfo=UTC) if message.HasField(field) else None
