"""mongoengine documents of the fees service (database linli_fees)."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from mongoengine import IntField, StringField


class FeeScheduleDoc(TenantDocument):
    compound_id = StringField(required=True)
    fen_per_m2_month = IntField(default=0, min_value=0)
    config_version = IntField(default=0)  # the governance configuration that set the price
    version = IntField(default=0)
    meta = {
        "collection": "fee_schedules",
        "indexes": [{"fields": ["tenant_id", "compound_id"], "unique": True}],
    }
