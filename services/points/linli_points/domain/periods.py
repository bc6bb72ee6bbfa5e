"""Periods of the district's calendar (days, months, quarters, years in its time zone; pure)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from linli_platform.errors import InvalidField

_PERIOD = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$")


def local(at: datetime, timezone: str) -> datetime:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(ZoneInfo(timezone))


def day_of(at: datetime, timezone: str) -> str:
    return local(at, timezone).strftime("%Y-%m-%d")


def month_of(at: datetime, timezone: str) -> str:
    return local(at, timezone).strftime("%Y-%m")


def local_text(at: datetime, timezone: str) -> str:
    """What people read: the district's local time, e.g. 2026-12-03 14:05."""
    return local(at, timezone).strftime("%Y-%m-%d %H:%M")


def period_bounds(period: str, timezone: str, field: str = "period") -> tuple[datetime, datetime]:
    """[start, end) in UTC of "2026", "2026-Q4", "2026-12" or "2026-12-03" in the district's zone."""
    match = _PERIOD.fullmatch(period or "")
    if not match:
        raise InvalidField(field, "a year (2026), quarter (2026-Q4), month (2026-12) or day (2026-12-03)")
    year, month, day, quarter = match.groups()
    zone = ZoneInfo(timezone)
    try:
        if day:
            start = datetime(int(year), int(month), int(day), tzinfo=zone)
            end = start + timedelta(days=1)
        elif month:
            start = datetime(int(year), int(month), 1, tzinfo=zone)
            end = _add_months(start, 1)
        elif quarter:
            start = datetime(int(year), 3 * int(quarter) - 2, 1, tzinfo=zone)
            end = _add_months(start, 3)
        else:
            start = datetime(int(year), 1, 1, tzinfo=zone)
            end = datetime(int(year) + 1, 1, 1, tzinfo=zone)
    except ValueError as exc:
        raise InvalidField(field, f"is not a date: {exc}") from exc
    return start.astimezone(UTC), end.astimezone(UTC)


def period_of(kind: str, at: datetime, timezone: str) -> str:
    """The period of kind month / quarter / year holding `at`."""
    t = local(at, timezone)
    if kind == "month":
        return t.strftime("%Y-%m")
    if kind == "quarter":
        return f"{t.year}-Q{(t.month - 1) // 3 + 1}"
    return str(t.year)


def previous_period(kind: str, at: datetime, timezone: str) -> str:
    """The last whole period before the one holding `at` (what an award sweep grants)."""
    start, _ = period_bounds(period_of(kind, at, timezone), timezone)
    return period_of(kind, start - timedelta(seconds=1), timezone)


def _add_months(start: datetime, months: int) -> datetime:
    index = start.month - 1 + months
    return start.replace(year=start.year + index // 12, month=index % 12 + 1)
