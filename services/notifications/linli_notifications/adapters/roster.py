"""Local copy of communities' people and places (from their events) and the Roster over it.

Upserts are ordered by the event's aggregate_version: an older event arriving late changes nothing.
"""

from __future__ import annotations

from linli_platform.mongo import TenantDocument, upsert_newer
from mongoengine import BooleanField, IntField, ListField, StringField


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


def upsert(
    doc_cls: type[TenantDocument], tenant_id: str, key: dict[str, str], version: int, **fields
) -> bool:
    """Apply a roster fact unless a newer version is stored; True when it changed something.

    Buildings and households are identified within their compound (building "1" exists in many).
    """
    return upsert_newer(doc_cls._get_collection(), {"tenant_id": tenant_id, **key}, version, fields)


def household_key(compound_id: str, household_id: str) -> str:
    """The household inbox's id: households are numbered per compound (1-1-101 exists in many)."""
    return f"{compound_id}/{household_id}"


class MongoRoster:
    """The Roster of one tenant (domain.routing.Roster)."""

    def __init__(self, tenant_id: str):
        self.tenant_id = tenant_id

    def community_of(self, compound_id: str) -> str:
        if not compound_id:
            return ""
        doc = CompoundDoc.scoped(self.tenant_id).filter(compound_id=compound_id).only("community_id").first()
        return doc.community_id if doc else ""

    def households(self, *, compound_id: str = "", building_id: str = ""):
        query = HouseholdDoc.scoped(self.tenant_id).filter(archived=False, compound_id=compound_id)
        if building_id:
            query = query.filter(building_id=building_id)
        return query

    def household_people(
        self, *, compound_id: str, building_id: str = "", owners_only: bool = False
    ) -> set[str]:
        people: set[str] = set()
        for doc in self.households(compound_id=compound_id, building_id=building_id).only(
            "residents", "owners"
        ):
            people.update(doc.owners)
            if not owners_only:
                people.update(doc.residents)
        return people

    def building_leader(self, compound_id: str, building_id: str) -> str:
        doc = (
            BuildingDoc.scoped(self.tenant_id)
            .filter(compound_id=compound_id, building_id=building_id, archived=False)
            .first()
        )
        return doc.leader_subject if doc else ""

    def team_members(self, team_id: str) -> list[str]:
        doc = TeamDoc.scoped(self.tenant_id).filter(team_id=team_id, archived=False).first()
        return list(doc.members) if doc else []

    def lives_in(self, subject: str, key: str) -> bool:
        """Whether the person lives in (or owns) the household `<compound_id>/<household_id>`."""
        compound_id, _, household_id = key.partition("/")
        mine = HouseholdDoc.scoped(self.tenant_id).filter(
            compound_id=compound_id, household_id=household_id, archived=False
        )
        return mine.filter(residents=subject).count() > 0 or mine.filter(owners=subject).count() > 0
