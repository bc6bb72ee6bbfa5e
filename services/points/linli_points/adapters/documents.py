"""mongoengine documents of the points service (database linli_points)."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import IntField, StringField


class AccountDoc(OutboxMixin, TenantDocument):
    subject = StringField(required=True)
    balance = IntField(default=0, min_value=0)
    version = IntField(default=0)
    meta = {"collection": "accounts", "indexes": [{"fields": ["tenant_id", "subject"], "unique": True}]}
