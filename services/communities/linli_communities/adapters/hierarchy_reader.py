"""What deliberation needs to know of the hierarchy: the households of a compound who may vote.

Read-only, straight from the hierarchy's `households` collection (owned by the hierarchy part of
this service), always scoped by tenant. Deliberation reads households through the `Roster`
interface so that its rules are tested with a fake (adapters/fakes.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mongoengine.connection import get_db

from linli_communities.domain.voting import Household


@dataclass(frozen=True)
class RosterEntry:
    household: Household
    owners: frozenset[str]
    building_id: str = ""
    label: str = ""  # the door label, e.g. 1栋1单元101室


class Roster(Protocol):
    """The households of a compound who may vote, with their floor area and owners' subjects."""

    def entries(self, tenant_id: str, compound_id: str) -> list[RosterEntry]: ...

    def entry(self, tenant_id: str, compound_id: str, household_id: str) -> RosterEntry | None: ...

    def entries_of(self, tenant_id: str, compound_id: str, household_ids: list[str]) -> list[RosterEntry]:
        """Those of the given households that are on the roster."""
        ...

    def is_owner(self, tenant_id: str, compound_id: str, subject: str) -> bool:
        """Whether `subject` owns a household on the compound's roster."""
        ...


def _require(tenant_id: str) -> str:
    if not tenant_id:
        raise ValueError("a hierarchy read without a tenant is not allowed")
    return tenant_id


def _entry(doc: dict) -> RosterEntry:
    owners = frozenset(
        r.get("subject")
        for r in doc.get("residents") or ()
        if r.get("tenure") == "owner" and r.get("subject")
    )
    building_id = str(doc.get("building_id") or "")
    return RosterEntry(
        Household(doc["household_id"], int(doc.get("area_centi_m2") or 0), building_id),
        owners,
        building_id=building_id,
        label=str(doc.get("label") or ""),
    )


class MongoRoster:
    """Households as the hierarchy stores them (collection `households`)."""

    FIELDS = {"household_id": 1, "area_centi_m2": 1, "residents": 1, "building_id": 1, "label": 1}

    @staticmethod
    def _live(tenant_id: str, compound_id: str) -> dict:
        return {"tenant_id": _require(tenant_id), "compound_id": compound_id, "archived": {"$ne": True}}

    def entries(self, tenant_id: str, compound_id: str) -> list[RosterEntry]:
        return [
            _entry(d) for d in get_db()["households"].find(self._live(tenant_id, compound_id), self.FIELDS)
        ]

    def entries_of(self, tenant_id: str, compound_id: str, household_ids: list[str]) -> list[RosterEntry]:
        if not household_ids:
            return []
        query = self._live(tenant_id, compound_id) | {"household_id": {"$in": list(household_ids)}}
        return [_entry(d) for d in get_db()["households"].find(query, self.FIELDS)]

    def is_owner(self, tenant_id: str, compound_id: str, subject: str) -> bool:
        if not subject:
            return False
        owned = {"residents": {"$elemMatch": {"subject": subject, "tenure": "owner"}}}
        query = self._live(tenant_id, compound_id) | owned
        return get_db()["households"].find_one(query, {"_id": 1}) is not None

    def entry(self, tenant_id: str, compound_id: str, household_id: str) -> RosterEntry | None:
        query = self._live(tenant_id, compound_id) | {"household_id": household_id}
        doc = get_db()["households"].find_one(query, self.FIELDS)
        return _entry(doc) if doc else None
