"""Filters every notification template may use: times in the district's zone, names instead of ids.

People read notifications, so a template never shows ``2026-12-03T08:11:44Z`` or ``lighting``:

- ``{{ accept_by | local_time }}`` → ``12月3日 16:11`` in the district's time zone (governance
  ``district.timezone``); ``local_time('date')`` ``12月3日``, ``('time')`` ``16:11``,
  ``('long')`` ``2026年12月3日 16:11``.
- ``{{ compound_id | compound_name }}`` → the compound's name (the roster copy); the id when unknown.
- ``{{ building_id | building_name }}`` → the building's name in the event's ``compound_id``
  (``building_name(other_compound_id)`` for another); the id when unknown.
- ``{{ category | category_name }}`` → the ticket category's 显示名称 from the governance config
  (overrides merged at the event's compound); the key when unknown.
- ``{{ amount_fen | yuan }}`` → ``1,234.50 元`` from integer fen.

A time is an RFC 3339 string (how event timestamps reach templates), a ``datetime`` or epoch seconds;
an empty or unreadable value renders as empty text. Names are looked up only when a template uses
the filter (the lookups are passed in per rendering, see ``Lookups``), so a template without them costs
no read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import pass_context
from jinja2.runtime import Context

DEFAULT_TIMEZONE = "Asia/Shanghai"
LOOKUPS = "_lookups"  # the context variable holding this rendering's Lookups


def _nothing(*_: str) -> str:
    return ""


@dataclass(frozen=True)
class Lookups:
    """One district's time zone and name lookups for one rendering (each returns "" when unknown)."""

    timezone: str = DEFAULT_TIMEZONE
    compound: Callable[[str], str] = _nothing
    building: Callable[[str, str], str] = field(default=_nothing)
    category: Callable[[str], str] = _nothing

    def __repr__(self) -> str:  # rendered as {{ _lookups }}: nothing to see
        return ""

    __str__ = __repr__


def _lookups(context: Context) -> Lookups:
    found = context.get(LOOKUPS)
    return found if isinstance(found, Lookups) else Lookups()


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def _instant(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, str) and value.strip():
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def format_local(value, timezone: str, style: str = "short") -> str:
    """``12月3日 16:11`` (short), ``12月3日`` (date), ``16:11`` (time), ``2026年12月3日 16:11`` (long)."""
    instant = _instant(value)
    if instant is None:
        return ""
    local = instant.astimezone(_zone(timezone))
    day, clock = f"{local.month}月{local.day}日", f"{local.hour:02d}:{local.minute:02d}"
    if style == "date":
        return day
    if style == "time":
        return clock
    if style == "long":
        return f"{local.year}年{day} {clock}"
    return f"{day} {clock}"


@pass_context
def local_time(context: Context, value, style: str = "short") -> str:
    return format_local(value, _lookups(context).timezone, style)


@pass_context
def compound_name(context: Context, compound_id) -> str:
    compound_id = str(compound_id or "")
    return (_lookups(context).compound(compound_id) if compound_id else "") or compound_id


@pass_context
def building_name(context: Context, building_id, compound_id: str = "") -> str:
    building_id = str(building_id or "")
    compound_id = str(compound_id or context.get("compound_id") or "")
    if not building_id:
        return ""
    return _lookups(context).building(compound_id, building_id) or building_id


@pass_context
def category_name(context: Context, category) -> str:
    category = str(category or "")
    return (_lookups(context).category(category) if category else "") or category


def yuan(fen) -> str:
    """Integer fen (分) as yuan: ``123450`` → ``1,234.50 元``."""
    try:
        amount = int(fen)
    except (TypeError, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    whole, cents = divmod(abs(amount), 100)
    return f"{sign}{whole:,}.{cents:02d} 元"


FILTERS = {
    "local_time": local_time,
    "compound_name": compound_name,
    "building_name": building_name,
    "category_name": category_name,
    "yuan": yuan,
}
