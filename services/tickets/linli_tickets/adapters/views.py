"""Read-only views of stored tickets straight from the driver's dicts (no document objects).

Reads are the hot path (GetTicket, lists); building a mongoengine document with its embedded
timeline costs more than the database round trip, so reads wrap the raw dict instead.
"""

from __future__ import annotations

from typing import Any

_DEFAULTS: dict[str, Any] = {
    "building_id": "",
    "household_id": "",
    "community_id": "",
    "channel": "",
    "photo_urls": [],
    "menu_item_id": "",
    "duplicate_of": "",
    "priority": 0,
    "provider_kind": "",
    "provider_id": "",
    "rating": 0,
    "rating_comment": "",
    "urge_count": 0,
    "timeline": [],
    "rejected_by": [],
    "lat": None,
    "lon": None,
    "accept_by": None,
    "complete_by": None,
    "updated_at": None,
    "note": "",
    "actor": "",
    "actor_role": "",
    "from_status": "",
    "to_status": "",
    "complaint": False,
    "recorded_by": "",
}


class View:
    """Attribute access over a stored dict, with the documents' defaults for absent fields."""

    __slots__ = ("_data",)

    def __init__(self, data: dict):
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._data[name]
        except KeyError:
            if name in _DEFAULTS:
                return _DEFAULTS[name]
            raise AttributeError(name) from None
        if name == "timeline":
            return [View(entry) for entry in value]
        return value
