"""mongoengine documents of the tickets service (database linli_tickets)."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import BooleanField, DateTimeField, IntField, StringField


class KnownCompound(TenantDocument):
    """Local copy of communities' compounds, kept from CompoundUpserted events."""

    compound_id = StringField(required=True)
    name = StringField(required=True)
    community = StringField(default="")
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {"collection": "known_compounds", "indexes": [{"fields": ["tenant_id", "compound_id"], "unique": True}]}


class TicketDoc(OutboxMixin, TenantDocument):
    ticket_id = StringField(required=True)
    compound_id = StringField(required=True)
    building_id = StringField(default="")
    household_id = StringField(default="")
    category = StringField(required=True)
    description = StringField(required=True)
    status = StringField(required=True)
    reporter = StringField(required=True)
    created_at = DateTimeField(required=True)
    version = IntField(default=1)
    meta = {"collection": "tickets",
            "indexes": [{"fields": ["tenant_id", "ticket_id"], "unique": True},
                        ("tenant_id", "compound_id", "status")]}


OUTBOX_DOCUMENTS = (TicketDoc,)
