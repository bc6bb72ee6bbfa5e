"""mongoengine documents of the notifications service (database linli_notifications)."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from mongoengine import BooleanField, DateTimeField, StringField


class InboxEntryDoc(TenantDocument):
    entry_id = StringField(required=True)
    recipient = StringField(required=True)
    title = StringField(required=True)
    body = StringField(required=True)
    event_type = StringField(default="")
    event_id = StringField(default="")
    read = BooleanField(default=False)
    created_at = DateTimeField(required=True)
    meta = {"collection": "inbox",
            "indexes": [{"fields": ["tenant_id", "recipient", "event_id"], "unique": True},
                        {"fields": ["tenant_id", "entry_id"], "unique": True},
                        ("tenant_id", "recipient", "read", "-created_at")]}
