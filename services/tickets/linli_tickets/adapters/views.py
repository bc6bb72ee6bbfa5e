"""Read-only views of stored tickets straight from the driver's dicts (no document objects).

Reads are the hot path (GetTicket, lists); building a mongoengine document with its embedded
timeline costs more than the database round trip, so reads wrap the raw dict instead.
"""

from __future__ import annotations

from typing import Any

_DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(
        (
            "building_id",
            "household_id",
            "community_id",
            "channel",
            "menu_item_id",
            "duplicate_of",
            "provider_kind",
            "provider_id",
            "rating_comment",
            "note",
            "actor",
            "actor_role",
            "from_status",
            "to_status",
            "recorded_by",
            "request_fingerprint",
        ),
        "",
    ),
    **dict.fromkeys(
        (
            "lat",
            "lon",
            "accept_by",
            "complete_by",
            "updated_at",
            "dispatched_at",
            "accepted_at",
            "done_at",
            "confirmed_at",
            "sla_warn_at",
            "next_sla_at",
        ),
        None,
    ),
    "priority": 0,
    "rating": 0,
    "urge_count": 0,
    "complaint": False,
}
_LISTS = frozenset({"photo_urls", "completion_photo_urls", "timeline", "rejected_by", "sla_fired"})


class View:
    """Attribute access over a stored dict, with the documents' defaults for absent fields."""

    __slots__ = ("_data",)

    def __init__(self, data: dict):
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._data[name]
        except KeyError:
            if name in _LISTS:
                return []
            if name in _DEFAULTS:
                return _DEFAULTS[name]
            raise AttributeError(name) from None
        if name == "timeline":
            return [View(entry) for entry in value]
        return value
