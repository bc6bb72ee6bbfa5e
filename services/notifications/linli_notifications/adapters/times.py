"""Stored times as aware UTC datetimes (a driver connected without tz_aware hands back naive ones)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
