"""Stored governance configurations: one document per version, the highest version is in force.

Inserting version N+1 is the commit point: the unique (tenant_id, version) index lets exactly one of
two concurrent applies win, and the GovernanceConfigChanged event rides in the same insert (outbox).
`current` marks the version in force for simple readers; `document` is the validated config as a dict.
"""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import BooleanField, DateTimeField, DictField, IntField, StringField


class ConfigVersionDoc(OutboxMixin, TenantDocument):
    version = IntField(required=True, min_value=1)
    current = BooleanField(default=True)
    document = DictField(required=True)
    source_yaml = StringField(required=True)
    changed_by = StringField(required=True)
    changed_by_role = StringField(default="")
    changed_at = DateTimeField(required=True)
    diff = StringField(default="")
    comment = StringField(default="")
    meta = {
        "collection": "governance_configs",
        "indexes": [
            {"fields": ["tenant_id", "version"], "unique": True},
            ("tenant_id", "current"),
            "outbox.event_id",
        ],
    }
