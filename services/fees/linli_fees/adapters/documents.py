"""mongoengine documents of the fees service (database linli_fees): collections and indexes.

Repositories write raw dicts through the kit (linli_platform.mongo_repository); these classes
name the collections and declare the indexes, above all the one that makes a bill unique per
household, fee item and period.
"""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import (
    BooleanField,
    DateTimeField,
    DictField,
    IntField,
    ListField,
    MapField,
    StringField,
)


class KnownHousehold(TenantDocument):
    compound_id = StringField(required=True)
    household_id = StringField(required=True)
    building_id = StringField(default="")
    label = StringField(default="")
    area_centi_m2 = IntField(default=0)
    residents = ListField(StringField())
    owners = ListField(StringField())
    archived = BooleanField(default=False)
    shard = IntField(default=0)
    version = IntField(default=0)
    meta = {
        "collection": "known_households",
        "indexes": [
            {"fields": ["tenant_id", "compound_id", "household_id"], "unique": True},
            {"fields": ["tenant_id", "compound_id", "shard"]},
            {"fields": ["tenant_id", "shard"]},
        ],
    }


class KnownCompound(TenantDocument):
    compound_id = StringField(required=True)
    name = StringField(default="")
    community_id = StringField(default="")
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {
        "collection": "known_compounds",
        "indexes": [{"fields": ["tenant_id", "compound_id"], "unique": True}],
    }


class GovernanceCopy(TenantDocument):
    version = IntField(default=0)
    document_json = StringField(default="")
    compound_communities = MapField(StringField())
    meta = {"collection": "governance_copies", "indexes": [{"fields": ["tenant_id"], "unique": True}]}


class BillDoc(OutboxMixin, TenantDocument):
    bill_id = StringField(required=True)
    compound_id = StringField(required=True)
    household_id = StringField(required=True)
    item = StringField(required=True)
    period = StringField(required=True)
    first_month = StringField(required=True)
    amount_fen = IntField(required=True)
    lines = ListField(DictField())
    version = IntField(default=0)
    meta = {
        "collection": "bills",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "bill_id"], "unique": True},
            # never two bills of one household for one fee item and period
            {"fields": ["tenant_id", "compound_id", "household_id", "item", "period"], "unique": True},
            {"fields": ["tenant_id", "compound_id", "period"]},
        ],
    }


class AccountDoc(OutboxMixin, TenantDocument):
    account_id = StringField(required=True)
    compound_id = StringField(required=True)
    household_id = StringField(required=True)
    prepaid_fen = IntField(default=0, min_value=0)
    has_prepaid = BooleanField(default=False)
    entries = ListField(DictField())
    allocs = ListField(DictField())  # flat copy of the posted allocations, for the reports' aggregations
    issuing = ListField(DictField())  # bills of a prepayment not in the bills collection yet
    has_issuing = BooleanField(default=False)
    version = IntField(default=0)
    meta = {
        "collection": "accounts",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "account_id"], "unique": True},
            # the guarded write's filter (tenant, id, version read): SecantusDB's planner serves a
            # filter only by an index holding exactly its fields, else it scans the tenant's accounts
            {"fields": ["tenant_id", "account_id", "version"]},
            {"fields": ["tenant_id", "compound_id", "has_prepaid"]},
            {"fields": ["tenant_id", "has_prepaid"]},
            {"fields": ["tenant_id", "compound_id", "has_issuing"]},
            {"fields": ["tenant_id", "has_issuing"]},
        ],
    }


class RunDoc(TenantDocument):
    run_id = StringField(required=True)
    compound_id = StringField(default="")
    period = StringField(required=True)
    # The scope and period while a real run is unfinished, the run id once done or for a dry run:
    # unique, so two unfinished real runs of one scope and period cannot exist.
    active_key = StringField(required=True)
    started_at = DateTimeField()
    version = IntField(default=0)
    meta = {
        "collection": "billing_runs",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "run_id"], "unique": True},
            {"fields": ["tenant_id", "active_key"], "unique": True},
        ],
    }
