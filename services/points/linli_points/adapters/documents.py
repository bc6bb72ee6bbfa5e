"""mongoengine documents of the points service (database linli_points). The ledger's own
collections (ledger_accounts, ledger_entries) are linli_ledger.mongo's."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import DateTimeField, DictField, IntField, ListField, StringField


class VolunteerDoc(OutboxMixin, TenantDocument):
    subject = StringField(required=True)
    specialties = ListField(StringField())
    team_ids = ListField(StringField())
    version = IntField(default=0)
    meta = {
        "collection": "volunteers",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "subject"], "unique": True},
            {"fields": ["tenant_id", "specialties"]},
            {"fields": ["tenant_id", "team_ids"]},
        ],
    }


class ActivityDoc(OutboxMixin, TenantDocument):
    activity_id = StringField(required=True)
    subject = StringField()
    status = StringField()
    started_at = DateTimeField()
    ended_at = DateTimeField()
    version = IntField(default=0)
    meta = {
        "collection": "activities",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "activity_id"], "unique": True},
            {"fields": ["tenant_id", "subject", "started_at"]},
            {"fields": ["tenant_id", "status", "ended_at"]},
        ],
    }


class EarningsDoc(TenantDocument):
    earnings_id = StringField(required=True)
    allotments = DictField()
    version = IntField(default=0)
    meta = {
        "collection": "earnings",
        "strict": False,
        "indexes": [{"fields": ["tenant_id", "earnings_id"], "unique": True}],
    }


class AwardResultDoc(OutboxMixin, TenantDocument):
    result_id = StringField(required=True)
    version = IntField(default=0)
    meta = {
        "collection": "award_results",
        "strict": False,
        "indexes": [{"fields": ["tenant_id", "result_id"], "unique": True}],
    }


class GovernanceVersionDoc(TenantDocument):
    """Every governance version held, with the time it took effect."""

    version = IntField(required=True)
    document_json = StringField()
    compound_communities = DictField()
    effective_at = DateTimeField()
    meta = {
        "collection": "governance_versions",
        "indexes": [{"fields": ["tenant_id", "version"], "unique": True}],
    }


class PlaceDoc(TenantDocument):
    """Local copies of compounds, communities, buildings and teams (names, parents, leaders)."""

    kind = StringField(required=True)
    place_id = StringField(required=True)
    name = StringField()
    parent = StringField()
    leader = StringField()
    version = IntField(default=0)
    meta = {
        "collection": "places",
        "indexes": [{"fields": ["tenant_id", "kind", "place_id"], "unique": True}],
    }


class RatingDoc(TenantDocument):
    ticket_id = StringField(required=True)
    subject = StringField()
    rating = IntField()
    at = DateTimeField()
    version = IntField(default=0)
    meta = {
        "collection": "ratings",
        "indexes": [
            {"fields": ["tenant_id", "ticket_id", "version"], "unique": True},
            {"fields": ["tenant_id", "at"]},
        ],
    }
