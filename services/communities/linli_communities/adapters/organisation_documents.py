"""mongoengine documents of organisations, property firms (global), contracts and role grants."""

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
    StringField,
)


class MemberDoc(EmbeddedDocument):
    subject = StringField(required=True)
    name = StringField(required=True)
    position = StringField(default="member")
    party_member = BooleanField(default=False)
    title = StringField(default="")


class OrganisationDoc(OutboxMixin, TenantDocument):
    org_id = StringField(required=True)
    kind = StringField(required=True)
    name = StringField(required=True)
    community_id = StringField(required=True)
    compound_ids = ListField(StringField())
    specialties = ListField(StringField())
    members = ListField(EmbeddedDocumentField(MemberDoc))
    archived = BooleanField(default=False)
    version = IntField(default=1)
    meta = {
        "collection": "organisations",
        "indexes": [{"fields": ["tenant_id", "org_id"], "unique": True}, "outbox.event_id"],
    }


class PropertyFirmDoc(Document):
    """A property firm is not owned by any district: registered once, contracted in many."""

    org_id = StringField(primary_key=True)
    name = StringField(required=True)
    contact = StringField(default="")
    registered_by = StringField(default="")
    registered_at = DateTimeField()
    meta = {"collection": "property_firms"}


class ContractDoc(OutboxMixin, TenantDocument):
    org_id = StringField(required=True)
    org_name = StringField(required=True)
    compound_id = StringField(required=True)
    services = ListField(StringField())
    starts_on = StringField(required=True)
    ends_on = StringField(default="")
    contact = StringField(default="")
    active = BooleanField(default=True)
    version = IntField(default=1)
    meta = {
        "collection": "property_contracts",
        "indexes": [{"fields": ["tenant_id", "org_id", "compound_id"], "unique": True}, "outbox.event_id"],
    }


class RoleGrantDoc(TenantDocument):
    subject = StringField(required=True)
    role = StringField(required=True)
    org_id = StringField(default="")
    active = BooleanField(default=True)
    granted_by = StringField(default="")
    changed_at = DateTimeField()
    meta = {
        "collection": "role_grants",
        "indexes": [{"fields": ["tenant_id", "subject", "role", "org_id"], "unique": True}],
    }
