"""Local copy of communities' people and places (from their events) and the Roster over it.

Copies are kept at the event's aggregate_version: an older event arriving late changes nothing.
"""

from __future__ import annotations

import time

from linli_platform.mongo import TenantDocument, on_connect, upsert_newer
from linli_platform.mongo_repository import MongoScoped
from linli_platform.persistence import TenantScoped
from mongoengine import BooleanField, IntField, ListField, StringField

from linli_notifications.domain.announcements import Household, Target

# A compound's community (and name) is read for every event that names the compound (staff recipients); it
# changes almost never, so the process keeps it briefly: one read per compound every few seconds
# instead of one per event. This process's own upkeep forgets it at once; another worker's change
# is seen within the TTL.
COMMUNITY_TTL_SECONDS = 5.0
_communities: dict[tuple[str, str], tuple[float, str, str]] = {}
on_connect(_communities.clear)


class CompoundDoc(TenantDocument):
    compound_id = StringField(required=True)
    community_id = StringField(default="")
    name = StringField(default="")
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {
        "collection": "roster_compounds",
        "indexes": [{"fields": ["tenant_id", "compound_id"], "unique": True}],
    }


class BuildingDoc(TenantDocument):
    building_id = StringField(required=True)
    compound_id = StringField(default="")
    name = StringField(default="")
    leader_subject = StringField(default="")
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {
        "collection": "roster_buildings",
        "indexes": [{"fields": ["tenant_id", "compound_id", "building_id"], "unique": True}],
    }


class HouseholdDoc(TenantDocument):
    household_id = StringField(required=True)
    compound_id = StringField(default="")
    community_id = StringField(default="")
    building_id = StringField(default="")
    residents = ListField(StringField())
    owners = ListField(StringField())
    care_tags = ListField(StringField())  # staff-only fan-out filter; never rendered into a message
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {
        "collection": "roster_households",
        "indexes": [
            {"fields": ["tenant_id", "compound_id", "household_id"], "unique": True},
            ("tenant_id", "compound_id"),
            ("tenant_id", "compound_id", "building_id"),
            ("tenant_id", "community_id"),
            ("tenant_id", "residents"),
        ],
    }


class TeamDoc(TenantDocument):
    team_id = StringField(required=True)
    members = ListField(StringField())
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {"collection": "roster_teams", "indexes": [{"fields": ["tenant_id", "team_id"], "unique": True}]}


class _Copies(MongoScoped):
    def keep(self, key: dict[str, str], version: int, fields: dict) -> bool:
        return upsert_newer(self._collection(), self._scope(key), version, fields)


class _Compounds(_Copies):
    document = CompoundDoc


class _Buildings(_Copies):
    document = BuildingDoc


class _Households(_Copies):
    document = HouseholdDoc


class _Teams(_Copies):
    document = TeamDoc


class MongoRoster(TenantScoped):
    """The Roster of one tenant (domain.routing.Roster), the fan-out's households, and the copies'
    upkeep. Buildings and households are identified within their compound (building "1" exists in many)."""

    def __init__(self, tenant: str):
        super().__init__(tenant)
        self._compounds, self._buildings = _Compounds(tenant), _Buildings(tenant)
        self._households, self._teams = _Households(tenant), _Teams(tenant)

    # -- reads -----------------------------------------------------------------------------------
    def _compound(self, compound_id: str) -> tuple[str, str]:
        """(community, name) of a compound, cached briefly (read for nearly every event)."""
        key, now = (self.tenant, compound_id), time.monotonic()
        hit = _communities.get(key)
        if hit is not None and now - hit[0] < COMMUNITY_TTL_SECONDS:
            return hit[1], hit[2]
        found = self._compounds._find_one({"compound_id": compound_id}, {"community_id": 1, "name": 1}) or {}
        community, name = found.get("community_id", ""), found.get("name", "")
        _communities[key] = (now, community, name)
        return community, name

    def community_of(self, compound_id: str) -> str:
        return self._compound(compound_id)[0] if compound_id else ""

    def compound_name(self, compound_id: str) -> str:
        return self._compound(compound_id)[1] if compound_id else ""

    def building_name(self, compound_id: str, building_id: str) -> str:
        found = self._buildings._find_one(
            {"compound_id": compound_id, "building_id": building_id}, {"name": 1}
        )
        return (found or {}).get("name", "")

    def household_people(
        self, *, compound_id: str, building_id: str = "", owners_only: bool = False
    ) -> set[str]:
        conditions = {"archived": False, "compound_id": compound_id}
        if building_id:
            conditions["building_id"] = building_id
        people: set[str] = set()
        for row in self._households._find(conditions, {"residents": 1, "owners": 1, "_id": 0}):
            people.update(row.get("owners", []))
            if not owners_only:
                people.update(row.get("residents", []))
        return people

    def building_leader(self, compound_id: str, building_id: str) -> str:
        found = self._buildings._find_one(
            {"compound_id": compound_id, "building_id": building_id, "archived": False}, {"leader_subject": 1}
        )
        return (found or {}).get("leader_subject", "")

    def team_members(self, team_id: str) -> list[str]:
        found = self._teams._find_one({"team_id": team_id, "archived": False}, {"members": 1})
        return list((found or {}).get("members", []))

    def lives_in(self, subject: str, key: str) -> bool:
        """Whether the person lives in (or owns) the household `<compound_id>/<household_id>`."""
        compound_id, _, household_id = key.partition("/")
        found = self._households._find_one(
            {
                "compound_id": compound_id,
                "household_id": household_id,
                "archived": False,
                "$or": [{"residents": subject}, {"owners": subject}],
            },
            {"_id": 1},
        )
        return found is not None

    def households(self, target: Target) -> list[Household]:
        """The households an announcement reaches (light rows: the inbox key and the people)."""
        conditions: dict = {"archived": False}
        for field in ("community_id", "compound_id", "building_id"):
            if getattr(target, field):
                conditions[field] = getattr(target, field)
        if target.care_tags:
            conditions["care_tags"] = {"$in": list(target.care_tags)}
        rows = self._households._find(
            conditions, {"compound_id": 1, "household_id": 1, "residents": 1, "owners": 1, "_id": 0}
        )
        return [
            Household(
                r["compound_id"], r["household_id"], tuple(r.get("residents", ())), tuple(r.get("owners", ()))
            )
            for r in rows
        ]

    # -- upkeep from communities' events -----------------------------------------------------------
    def keep_compound(
        self, compound_id: str, version: int, *, community_id: str, name: str, archived: bool
    ) -> None:
        self._compounds.keep(
            {"compound_id": compound_id},
            version,
            {"community_id": community_id, "name": name, "archived": archived},
        )
        # Households carry their community for the fan-out filter (whatever the compound's version).
        self._households._update_many({"compound_id": compound_id}, {"$set": {"community_id": community_id}})
        _communities.pop((self.tenant, compound_id), None)  # after the write: no reader caches the old one

    def keep_building(
        self,
        compound_id: str,
        building_id: str,
        version: int,
        *,
        name: str,
        leader_subject: str,
        archived: bool,
    ) -> None:
        fields = {"name": name, "leader_subject": leader_subject, "archived": archived}
        self._buildings.keep({"compound_id": compound_id, "building_id": building_id}, version, fields)

    def keep_household(
        self,
        compound_id: str,
        household_id: str,
        version: int,
        *,
        building_id: str,
        residents: list[str],
        owners: list[str],
        care_tags: list[str],
        archived: bool,
    ) -> None:
        fields = {
            "building_id": building_id,
            "community_id": self.community_of(compound_id),
            "residents": residents,
            "owners": owners,
            "care_tags": care_tags,
            "archived": archived,
        }
        self._households.keep({"compound_id": compound_id, "household_id": household_id}, version, fields)

    def keep_team(self, team_id: str, version: int, *, members: list[str], archived: bool) -> None:
        self._teams.keep({"team_id": team_id}, version, {"members": members, "archived": archived})
