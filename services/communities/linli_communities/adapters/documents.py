"""mongoengine documents of the hierarchy (database linli_communities): district → household."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    LongField,
    StringField,
)


class TenantDoc(OutboxMixin, Document):
    """A district. Its own id is its tenant id."""

    tenant_id = StringField(primary_key=True)
    name = StringField(required=True)
    timezone = StringField(required=True)
    language = StringField(required=True)
    created_at = DateTimeField(required=True)
    version = IntField(default=1)
    meta = {"collection": "tenants"}


class CommunityDoc(OutboxMixin, TenantDocument):
    community_id = StringField(required=True)
    name = StringField(required=True)
    street = StringField(default="")
    archived = BooleanField(default=False)
    version = IntField(default=1)
    meta = {
        "collection": "communities",
        "indexes": [{"fields": ["tenant_id", "community_id"], "unique": True}, "outbox.event_id"],
    }


class CompoundDoc(OutboxMixin, TenantDocument):
    compound_id = StringField(required=True)
    name = StringField(required=True)
    community = StringField(default="")  # the community's name (kept for the walking-skeleton API)
    community_id = StringField(default="")
    address = StringField(default="")
    archived = BooleanField(default=False)
    created_at = DateTimeField(required=True)
    version = IntField(default=1)
    meta = {
        "collection": "compounds",
        "indexes": [{"fields": ["tenant_id", "compound_id"], "unique": True}, "outbox.event_id"],
    }


class BuildingDoc(OutboxMixin, TenantDocument):
    compound_id = StringField(required=True)
    building_id = StringField(required=True)
    name = StringField(required=True)
    leader_subject = StringField(default="")
    leader_name = StringField(default="")
    archived = BooleanField(default=False)
    version = IntField(default=1)
    meta = {
        "collection": "buildings",
        "indexes": [
            {"fields": ["tenant_id", "compound_id", "building_id"], "unique": True},
            "outbox.event_id",
        ],
    }


class ResidentDoc(EmbeddedDocument):
    name = StringField(required=True)
    phone = StringField(default="")  # whole; masked on the way out for non-staff
    tenure = StringField(default="")
    subject = StringField(default="")


class HouseholdDoc(OutboxMixin, TenantDocument):
    """A household. Care tags live here (for the internal event) but never leave in the Household message."""

    compound_id = StringField(required=True)
    building_id = StringField(required=True)
    household_id = StringField(required=True)
    label = StringField(default="")
    area_centi_m2 = LongField(required=True)
    residents = ListField(EmbeddedDocumentField(ResidentDoc))
    care_tags = ListField(StringField())
    care_notes = StringField(default="")
    care_updated_by = StringField(default="")
    care_updated_at = DateTimeField()
    archived = BooleanField(default=False)
    version = IntField(default=1)
    # Only the natural key: each extra index costs more per inserted row than the row itself on the
    # Mongo-wire server, and building filters ride on the (tenant, compound) prefix.
    meta = {
        "collection": "households",
        "indexes": [{"fields": ["tenant_id", "compound_id", "household_id"], "unique": True}],
    }


class CareAuditDoc(TenantDocument):
    """One read or change of a three-colour file: who, when, what."""

    compound_id = StringField(required=True)
    household_id = StringField(required=True)
    action = StringField(required=True, choices=("read", "change"))
    subject = StringField(required=True)
    role = StringField(required=True)
    at = DateTimeField(required=True)
    detail = StringField(default="")
    meta = {"collection": "care_audit", "indexes": [("tenant_id", "compound_id", "household_id", "at")]}
