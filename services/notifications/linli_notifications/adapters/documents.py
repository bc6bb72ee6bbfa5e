"""mongoengine documents of the notifications service (database linli_notifications).

Read and written by the repositories of this package only. An aggregate's document has `version`
(the guard of its writes); none has an outbox, as this service records no events yet."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from mongoengine import BooleanField, DateTimeField, DictField, IntField, ListField, StringField


class InboxEntryDoc(TenantDocument):
    """One notification in one inbox (a person, a household, an organisation or a staff desk)."""

    entry_id = StringField(required=True)
    recipient = StringField(required=True)
    title = StringField(required=True)
    body = StringField(required=True)
    event_type = StringField(default="")
    event_id = StringField(default="")
    read = BooleanField(default=False)
    created_at = DateTimeField(required=True)
    meta = {
        "collection": "inbox",
        "indexes": [
            {"fields": ["tenant_id", "recipient", "event_id"], "unique": True},
            {"fields": ["tenant_id", "entry_id"], "unique": True},
            ("tenant_id", "recipient", "read", "-created_at"),
        ],
    }


class TemplateDoc(TenantDocument):
    key = StringField(required=True)
    title = StringField(required=True)
    body = StringField(required=True)
    version = IntField(default=1)
    updated_by = StringField(default="")
    updated_at = DateTimeField()
    meta = {"collection": "templates", "indexes": [{"fields": ["tenant_id", "key"], "unique": True}]}


class PreferenceDoc(TenantDocument):
    subject = StringField(required=True)
    opt_out = ListField(StringField())
    quiet_start = StringField(default="")
    quiet_end = StringField(default="")
    version = IntField(default=0)
    meta = {"collection": "preferences", "indexes": [{"fields": ["tenant_id", "subject"], "unique": True}]}


class OutgoingMessageDoc(TenantDocument):
    """An SMS or WeChat message waiting for its time (quiet hours) and its channel adapter."""

    message_id = StringField(required=True)
    channel = StringField(required=True)
    recipient = StringField(required=True)
    title = StringField(required=True)
    body = StringField(required=True)
    event_id = StringField(default="")
    not_before = DateTimeField(required=True)
    status = StringField(default="pending")  # pending, sent, failed
    attempts = IntField(default=0)
    last_error = StringField(default="")
    sent_at = DateTimeField()
    version = IntField(default=0)
    meta = {
        "collection": "outgoing",
        "indexes": [{"fields": ["tenant_id", "message_id"], "unique": True}, ("status", "not_before")],
    }


class ConfigCopyDoc(TenantDocument):
    """The district's governance configuration as last published by communities (local copy)."""

    version = IntField(required=True)
    document_json = StringField(required=True)
    compound_communities = DictField()
    meta = {"collection": "config_copies", "indexes": [{"fields": ["tenant_id"], "unique": True}]}


class AnnouncementDoc(TenantDocument):
    announcement_id = StringField(required=True)
    title = StringField(required=True)
    body = StringField(required=True)
    target = DictField()
    households = IntField(default=0)
    created_by = StringField(default="")
    created_at = DateTimeField(required=True)
    meta = {
        "collection": "announcements",
        "indexes": [{"fields": ["tenant_id", "announcement_id"], "unique": True}],
    }
