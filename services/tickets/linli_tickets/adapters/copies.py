"""Local copies of communities' facts on MongoDB, kept from its events (tenant-scoped).

A copy is written by `upsert_newer` (an older or replayed event changes nothing); the mapping of
each fact to its stored fields is shared with the fakes (the `*Keeping` mixins). The compounds,
read on every report, are cached per process for a short while.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from linli_platform.dates import in_force
from linli_platform.errors import NotFound
from linli_platform.mongo import on_connect, upsert_newer
from linli_platform.mongo_repository import MongoScoped
from pymongo import ReturnDocument

from linli_tickets.adapters.documents import (
    DispatchCursor,
    KnownBuilding,
    KnownCompound,
    KnownContract,
    KnownHousehold,
    KnownTeam,
    MenuItemDoc,
)
from linli_tickets.domain.copies import TEAM_KINDS, Compound, MenuItem
from linli_tickets.domain.dispatch import Contract, Team

COMPOUND_TTL_SECONDS = 2.0
_compounds: dict[tuple[str, str], tuple[float, Compound | None]] = {}
on_connect(_compounds.clear)
MENU_FIELDS = (
    "name",
    "description",
    "category",
    "price_model",
    "price_fen",
    "provider_kind",
    "complete_within_hours",
    "active",
)


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def live(compound: Compound | None, compound_id: str) -> Compound:
    if compound is None or compound.archived:
        raise NotFound(f"compound {compound_id} not found")
    return compound


def menu_item(tenant: str, row: dict) -> MenuItem:
    return MenuItem(
        tenant_id=tenant,
        compound_id=row["compound_id"],
        item_id=row["item_id"],
        **{name: row[name] for name in MENU_FIELDS if name in row},
    )


# -- what each copy keeps (shared with the fakes) ------------------------------------------------
class CompoundKeeping:
    def keep(self, compound: Compound, version: int) -> None:
        fields = {
            "name": compound.name,
            "community": compound.community,
            "community_id": compound.community_id,
            "archived": compound.archived,
        }
        self._keep(version, {"compound_id": compound.compound_id}, fields)


class BuildingKeeping:
    def keep(
        self, compound_id: str, building_id: str, version: int, leader_subject: str, archived: bool
    ) -> None:
        key = {"compound_id": compound_id, "building_id": building_id}
        self._keep(version, key, {"leader_subject": leader_subject, "archived": archived})


class ContractKeeping:
    def keep(self, org_id: str, compound_id: str, version: int, **fields) -> None:
        """fields: org_name, services, active, starts_on, ends_on."""
        self._keep(version, {"org_id": org_id, "compound_id": compound_id}, fields)


class TeamKeeping:
    def keep(self, team_id: str, version: int, **fields) -> None:
        """fields: name, kind, specialties, members, compound_ids, community_id, archived."""
        self._keep(version, {"team_id": team_id}, fields)


class HouseholdKeeping:
    def keep(
        self, compound_id: str, household_id: str, version: int, care_tags: list[str], residents: list[str]
    ) -> None:
        key = {"compound_id": compound_id, "household_id": household_id}
        self._keep(version, key, {"care_tags": care_tags, "residents": residents})


# -- on MongoDB ------------------------------------------------------------------------------------
class MongoCopies(MongoScoped):
    def _keep(self, version: int, key: dict, fields: dict) -> None:
        upsert_newer(self._collection(), self._scope(key), version, fields)


class MongoCompounds(CompoundKeeping, MongoCopies):
    document = KnownCompound

    def get(self, compound_id: str) -> Compound:
        """A live compound (short per-process cache: it is read on every report)."""
        key = (self.tenant, compound_id)
        hit = _compounds.get(key)
        now = time.monotonic()
        if hit is not None and now - hit[0] < COMPOUND_TTL_SECONDS:
            return live(hit[1], compound_id)
        row = self._find_one(
            {"compound_id": compound_id}, {"name": 1, "community": 1, "community_id": 1, "archived": 1}
        )
        found = (
            None
            if row is None
            else Compound(
                compound_id,
                row.get("name", ""),
                row.get("community", ""),
                row.get("community_id", ""),
                bool(row.get("archived")),
            )
        )
        _compounds[key] = (now, found)
        return live(found, compound_id)

    def keep(self, compound: Compound, version: int) -> None:
        super().keep(compound, version)
        _compounds.pop((self.tenant, compound.compound_id), None)


class MongoBuildings(BuildingKeeping, MongoCopies):
    document = KnownBuilding

    def led_by(self, subject: str) -> list[tuple[str, str]]:
        found = self._find(
            {"leader_subject": subject, "archived": False}, {"compound_id": 1, "building_id": 1}
        )
        return [(b["compound_id"], b["building_id"]) for b in found]


class MongoContracts(ContractKeeping, MongoCopies):
    document = KnownContract

    def in_force(self, compound_id: str) -> list[Contract]:
        day = today()
        return [
            Contract(c["org_id"], c["compound_id"], tuple(c.get("services") or ()))
            for c in self._find({"compound_id": compound_id, "active": True})
            if in_force(c.get("starts_on", ""), c.get("ends_on", ""), day)
        ]

    def compounds_of(self, org_id: str) -> list[str]:
        day = today()
        found = self._find(
            {"org_id": org_id, "active": True}, {"compound_id": 1, "starts_on": 1, "ends_on": 1}
        )
        return [
            c["compound_id"] for c in found if in_force(c.get("starts_on", ""), c.get("ends_on", ""), day)
        ]


class MongoTeams(TeamKeeping, MongoCopies):
    document = KnownTeam

    def serving(self) -> list[Team]:
        return [
            Team(
                t["team_id"],
                tuple(t.get("specialties") or ()),
                tuple(t.get("members") or ()),
                tuple(t.get("compound_ids") or ()),
                t.get("community_id", ""),
            )
            for t in self._find({"archived": False, "kind": {"$in": list(TEAM_KINDS)}})
        ]

    def of_member(self, subject: str) -> list[str]:
        return [t["team_id"] for t in self._find({"members": subject, "archived": False}, {"team_id": 1})]


class MongoHouseholds(HouseholdKeeping, MongoCopies):
    document = KnownHousehold

    def care_tags(self, compound_id: str, household_id: str) -> list[str]:
        if not household_id:
            return []
        found = self._find_one({"compound_id": compound_id, "household_id": household_id}, {"care_tags": 1})
        return list(found.get("care_tags") or ()) if found else []


class MongoCursors(MongoScoped):
    document = DispatchCursor

    def next_turn(self, key: str) -> int:
        cursor = self._find_one_and_update(
            {"key": key},
            {"$inc": {"turn": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return cursor["turn"] - 1


class MongoMenu(MongoScoped):
    document = MenuItemDoc

    def find(self, compound_id: str, item_id: str, active_only: bool = False) -> MenuItem | None:
        query = {"compound_id": compound_id, "item_id": item_id, **({"active": True} if active_only else {})}
        found = self._find_one(query)
        return menu_item(self.tenant, found) if found else None

    def put(self, item: MenuItem) -> None:
        fields = {name: getattr(item, name) for name in MENU_FIELDS}
        self._update_one(
            {"compound_id": item.compound_id, "item_id": item.item_id}, {"$set": fields}, upsert=True
        )

    def page(
        self, compound_id: str, include_inactive: bool, offset: int, limit: int
    ) -> tuple[list[MenuItem], int]:
        query = {"compound_id": compound_id, **({} if include_inactive else {"active": True})}
        found = self._find(query, sort=[("item_id", 1)], skip=offset, limit=limit)
        return [menu_item(self.tenant, row) for row in found], self._count(query)
