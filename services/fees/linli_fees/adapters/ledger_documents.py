"""mongoengine documents of the public ledger and the maintenance fund (database linli_fees): the
collections and their indexes. The kernel's own collections (ledger_accounts, ledger_entries) are
linli_ledger.mongo's. Repositories write raw dicts through the kit."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import BooleanField, DateTimeField, DictField, IntField, ListField, StringField


class LedgerEntryDetailsDoc(TenantDocument):
    entry_id = StringField(required=True)
    compound_id = StringField(required=True)
    evidence_urls = ListField(StringField())
    materials = ListField(DictField())
    meta = {
        "collection": "ledger_entry_details",
        "indexes": [{"fields": ["tenant_id", "entry_id"], "unique": True}],
    }


class LedgerStatementDoc(OutboxMixin, TenantDocument):
    statement_id = StringField(required=True)  # compound:period
    compound_id = StringField(required=True)
    sequence = IntField(required=True)
    content = DictField()
    hash = StringField()
    version = IntField(default=0)
    meta = {
        "collection": "ledger_statements",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "statement_id"], "unique": True},
            # one statement per place in a compound's chain: two publishers of one month, one wins
            {"fields": ["tenant_id", "compound_id", "sequence"], "unique": True},
        ],
    }


class FundApplicationDoc(OutboxMixin, TenantDocument):
    application_id = StringField(required=True)
    compound_id = StringField(required=True)
    proposal_id = StringField(required=True)
    status = StringField()
    created_at = DateTimeField()
    version = IntField(default=0)
    meta = {
        "collection": "fund_applications",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "application_id"], "unique": True},
            {"fields": ["tenant_id", "proposal_id"]},
            {"fields": ["tenant_id", "compound_id", "-created_at"]},
        ],
    }


class FundDecisionDoc(TenantDocument):
    proposal_id = StringField(required=True)
    meta = {
        "collection": "fund_decisions",
        "strict": False,
        "indexes": [{"fields": ["tenant_id", "proposal_id"], "unique": True}],
    }


class LedgerDirectoryDoc(TenantDocument):
    """A copied fact: a compound, a building, a household's people, or the district's time zone."""

    key = StringField(
        required=True
    )  # compound/<id>, building/<compound>/<id>, household/<compound>/<id>, timezone
    kind = StringField(required=True)
    compound_id = StringField(default="")
    subjects = ListField(StringField())
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {
        "collection": "ledger_directory",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "key"], "unique": True},
            {"fields": ["tenant_id", "kind", "compound_id", "subjects"]},
        ],
    }
