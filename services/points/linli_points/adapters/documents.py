"""mongoengine documents of the points service (database linli_points)."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from mongoengine import IntField, StringField


class AccountDoc(TenantDocument):
    subject = StringField(required=True)
    balance = IntField(default=0)
    meta = {"collection": "accounts", "indexes": [{"fields": ["tenant_id", "subject"], "unique": True}]}
