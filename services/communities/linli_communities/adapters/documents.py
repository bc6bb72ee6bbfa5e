"""mongoengine documents of the communities service (database linli_communities)."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import BooleanField, DateTimeField, Document, IntField, StringField


class TenantDoc(OutboxMixin, Document):
    """A district. Its own id is its tenant id."""

    tenant_id = StringField(primary_key=True)
    name = StringField(required=True)
    timezone = StringField(required=True)
    language = StringField(required=True)
    created_at = DateTimeField(required=True)
    meta = {"collection": "tenants"}


class CompoundDoc(OutboxMixin, TenantDocument):
    compound_id = StringField(required=True)
    name = StringField(required=True)
    community = StringField(default="")
    address = StringField(default="")
    archived = BooleanField(default=False)
    created_at = DateTimeField(required=True)
    version = IntField(default=1)
    meta = {"collection": "compounds",
            "indexes": [{"fields": ["tenant_id", "compound_id"], "unique": True}, "outbox.event_id"]}


OUTBOX_DOCUMENTS = (TenantDoc, CompoundDoc)
