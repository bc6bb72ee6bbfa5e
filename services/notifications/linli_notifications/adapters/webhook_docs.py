"""Webhook subscriptions and their persistent, ordered delivery queues."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from mongoengine import (
    BooleanField,
    DateTimeField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)


class SubscriptionDoc(TenantDocument):
    subscription_id = StringField(required=True)
    org_id = StringField(required=True)
    event_types = ListField(StringField())
    url = StringField(required=True)
    secret = StringField(required=True)
    active = BooleanField(default=True)
    created_by = StringField(default="")
    created_at = DateTimeField(required=True)
    # The queue: next sequence number to hand out, and the lease of the one delivering worker.
    next_seq = IntField(default=0)
    lease_until = DateTimeField()
    version = IntField(default=0)
    meta = {
        "collection": "webhook_subscriptions",
        "indexes": [{"fields": ["subscription_id"], "unique": True}, ("tenant_id", "org_id", "active")],
    }


class AttemptDoc(EmbeddedDocument):
    at = DateTimeField(required=True)
    status_code = IntField(default=0)
    error = StringField(default="")


class DeliveryDoc(TenantDocument):
    """One event for one subscription. Sent in seq order, one at a time per subscription."""

    delivery_id = StringField(required=True)
    subscription_id = StringField(required=True)
    seq = IntField(required=True)
    event_id = StringField(required=True)
    event_type = StringField(required=True)
    body = StringField(required=True)
    status = StringField(default="pending")  # pending, delivered, dead
    attempts = IntField(default=0)
    next_attempt_at = DateTimeField(required=True)
    created_at = DateTimeField(required=True)
    delivered_at = DateTimeField()
    log = ListField(EmbeddedDocumentField(AttemptDoc))
    version = IntField(default=0)
    meta = {
        "collection": "webhook_deliveries",
        "indexes": [
            {"fields": ["subscription_id", "event_id"], "unique": True},
            {"fields": ["delivery_id"], "unique": True},
            ("subscription_id", "status", "seq"),
            ("status", "next_attempt_at"),
        ],
    }
