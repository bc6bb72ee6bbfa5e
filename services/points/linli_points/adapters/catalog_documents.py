"""Documents of the catalog, orders and tool library (collections catalog_items, orders, tools)."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import DateTimeField, IntField, StringField


class CatalogItemDoc(OutboxMixin, TenantDocument):
    item_id = StringField(required=True)
    kind = StringField()
    version = IntField(default=0)
    meta = {
        "collection": "catalog_items",
        "strict": False,
        "indexes": [{"fields": ["tenant_id", "item_id"], "unique": True}],
    }


class OrderDoc(OutboxMixin, TenantDocument):
    order_id = StringField(required=True)
    subject = StringField()
    org_id = StringField()
    status = StringField()
    code = StringField()
    expires_at = DateTimeField()
    placed_at = DateTimeField()
    version = IntField(default=0)
    meta = {
        "collection": "orders",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "order_id"], "unique": True},
            {"fields": ["tenant_id", "code"], "unique": True},
            {"fields": ["tenant_id", "subject", "placed_at"]},
            {"fields": ["tenant_id", "org_id", "placed_at"]},
            {"fields": ["tenant_id", "status", "expires_at"]},
        ],
    }


class ToolDoc(OutboxMixin, TenantDocument):
    tool_id = StringField(required=True)
    status = StringField()
    compound_id = StringField()
    due_at = DateTimeField()
    version = IntField(default=0)
    meta = {
        "collection": "tools",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "tool_id"], "unique": True},
            {"fields": ["tenant_id", "status", "due_at"]},
        ],
    }
