"""Records of the hierarchy, upserted by their natural key: communities, compounds, buildings,
households (with their three-colour file), organisations and property contracts.

An upsert that changes nothing is `unchanged` and writes nothing; one that changes anything moves
the version once and records the record's Upserted event (stored in the same write: the outbox).
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from datetime import datetime
from typing import Any, ClassVar

from google.protobuf.message import Message
from linli.communities.v1 import events_pb2
from linli_governance.deliberation import CooperativeRules
from linli_platform.aggregate import Aggregate
from linli_platform.errors import InvalidField

from linli_communities.domain.care import describe_change, normalise_tags
from linli_communities.domain.households import HouseholdRecord, Resident
from linli_communities.domain.organisations import Member, check_members, check_period

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class Record(Aggregate, ABC):
    """A record of the hierarchy: its natural key (`KEYS`), its fields with their defaults."""

    SOURCE = "communities"
    KEYS: ClassVar[tuple[str, ...]]
    SEPARATOR: ClassVar[str] = "/"  # joins the keys into the aggregate id (the events' aggregate_id)
    FIELDS: ClassVar[dict[str, Any]]
    NESTED: ClassVar[dict[str, type]] = {}  # list fields holding dataclasses

    def __init__(self, tenant_id: str, version: int = 0, **values: Any):
        unknown = set(values) - set(self.KEYS) - set(self.FIELDS)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        for key in self.KEYS:
            setattr(self, key, values[key])
        for field, default in self.FIELDS.items():
            setattr(self, field, values[field] if field in values else copy.copy(default))
        super().__init__(tenant_id, self.key_of(*(values[k] for k in self.KEYS)), version)

    @classmethod
    def key_of(cls, *keys: str) -> str:
        return cls.SEPARATOR.join(keys)

    def differs(self, values: dict[str, Any]) -> bool:
        return self.is_new or any(getattr(self, field) != value for field, value in values.items())

    def upsert(self, **values: Any) -> str:
        """Take `values` (some of FIELDS): created, updated (new version and event) or unchanged."""
        if not self.differs(values):
            return UNCHANGED
        for field, value in values.items():
            setattr(self, field, value)
        self.record(self.upserted())
        return CREATED if self.is_new else UPDATED

    @abstractmethod
    def upserted(self) -> Message:
        """The event telling what the record now is."""


class Community(Record):
    NAME, KEYS = "community", ("community_id",)
    FIELDS = {"name": "", "street": "", "archived": False}

    def upserted(self) -> Message:
        return events_pb2.CommunityUpserted(
            tenant_id=self.tenant_id,
            community_id=self.community_id,
            name=self.name,
            street=self.street,
            archived=self.archived,
        )


class Compound(Record):
    NAME, KEYS = "compound", ("compound_id",)
    FIELDS = {
        "name": "",
        "community": "",  # the community's name (kept for the walking-skeleton API)
        "community_id": "",
        "address": "",
        "archived": False,
        "created_at": None,
    }

    def upserted(self) -> Message:
        return events_pb2.CompoundUpserted(
            tenant_id=self.tenant_id,
            compound_id=self.compound_id,
            name=self.name,
            community=self.community,
            archived=self.archived,
            community_id=self.community_id,
        )


class Building(Record):
    NAME, KEYS = "building", ("compound_id", "building_id")
    FIELDS = {"name": "", "leader_subject": "", "leader_name": "", "archived": False}

    def upserted(self) -> Message:
        return events_pb2.BuildingUpserted(
            tenant_id=self.tenant_id,
            compound_id=self.compound_id,
            building_id=self.building_id,
            name=self.name,
            leader_subject=self.leader_subject,
            archived=self.archived,
        )


class Household(Record):
    """A household. Care tags live here (for the internal event) but never leave in the Household message."""

    NAME, KEYS = "household", ("compound_id", "household_id")
    FIELDS = {
        "building_id": "",
        "label": "",
        "area_centi_m2": 0,
        "residents": [],
        "care_tags": [],
        "care_notes": "",
        "care_updated_by": "",
        "care_updated_at": None,
        "archived": False,
    }
    NESTED = {"residents": Resident}

    @classmethod
    def of(cls, tenant_id: str, record: HouseholdRecord) -> Household:
        return cls(tenant_id, compound_id=record.compound_id, household_id=record.household_id)

    @staticmethod
    def values_of(record: HouseholdRecord, archived: bool = False) -> dict[str, Any]:
        """What an import row or UpsertHousehold sets (never the three-colour file)."""
        return {
            "building_id": record.building_id,
            "label": record.label.strip(),
            "area_centi_m2": record.area_centi_m2,
            "residents": list(record.residents),
            "archived": archived,
        }

    def change_care(self, tags: list[str], notes: str, by: str, at: datetime) -> str:
        """Change the three-colour file; returns the audit entry's description of the change."""
        tags = normalise_tags(tags)
        described = describe_change(self.care_tags, tags, notes != self.care_notes)
        if (tags, notes) != (self.care_tags, self.care_notes):
            self.care_tags, self.care_notes = tags, notes
            self.care_updated_by, self.care_updated_at = by, at
            self.record(self.upserted())
        return described

    def upserted(self) -> Message:
        subjects = [r.subject for r in self.residents if r.subject]
        return events_pb2.HouseholdUpserted(
            tenant_id=self.tenant_id,
            compound_id=self.compound_id,
            building_id=self.building_id,
            household_id=self.household_id,
            label=self.label,
            area_centi_m2=self.area_centi_m2,
            resident_subjects=subjects,
            owner_subjects=[r.subject for r in self.residents if r.subject and r.tenure == "owner"],
            care_tags=list(self.care_tags),
            archived=self.archived,
        )


class Organisation(Record):
    NAME, KEYS = "organisation", ("org_id",)
    FIELDS = {
        "kind": "",
        "name": "",
        "community_id": "",
        "compound_ids": [],
        "specialties": [],
        "members": [],
        "archived": False,
    }
    NESTED = {"members": Member}

    def change(self, rules: CooperativeRules, **values: Any) -> str:
        """Upsert under the district's cooperative rules; an organisation's kind never changes."""
        check_members(values["kind"], values["members"], rules)
        if not self.is_new and self.kind != values["kind"]:
            raise InvalidField("kind", f"组织 {self.org_id} 的类型是 {self.kind}，不能改变")
        return self.upsert(**values)

    def upserted(self) -> Message:
        return events_pb2.TeamUpserted(
            tenant_id=self.tenant_id,
            team_id=self.org_id,
            name=self.name,
            kind=self.kind,
            specialties=list(self.specialties),
            member_subjects=[m.subject for m in self.members],
            compound_ids=list(self.compound_ids),
            community_id=self.community_id,
            archived=self.archived,
        )


class Contract(Record):
    """A property firm's contract for a compound (the firm itself is global)."""

    NAME, KEYS, SEPARATOR = "organisation", ("org_id", "compound_id"), "@"
    FIELDS = {
        "org_name": "",
        "services": [],
        "starts_on": "",
        "ends_on": "",
        "contact": "",
        "active": True,
    }

    def change(self, **values: Any) -> str:
        check_period(values["starts_on"], values["ends_on"])
        return self.upsert(**values)

    def upserted(self) -> Message:
        return events_pb2.PropertyContractChanged(
            tenant_id=self.tenant_id,
            org_id=self.org_id,
            org_name=self.org_name,
            compound_id=self.compound_id,
            services=list(self.services),
            active=self.active,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            contact=self.contact,
        )
