"""mongoengine documents of the tickets service (database linli_tickets).

Local copies (compounds, contracts, teams, households, governance config) are kept from
communities' events; the hot path never calls another service.
"""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import (
    BooleanField,
    DateTimeField,
    DictField,
    EmbeddedDocument,
    EmbeddedDocumentListField,
    FloatField,
    IntField,
    ListField,
    StringField,
)


class KnownCompound(TenantDocument):
    """Local copy of communities' compounds, kept from CompoundUpserted events."""

    compound_id = StringField(required=True)
    name = StringField(required=True)
    community = StringField(default="")
    community_id = StringField(default="")
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {
        "collection": "known_compounds",
        "indexes": [{"fields": ["tenant_id", "compound_id"], "unique": True}],
    }


class KnownBuilding(TenantDocument):
    """A building and its leader (楼栋长), from BuildingUpserted; leaders report for and follow it."""

    compound_id = StringField(required=True)
    building_id = StringField(required=True)
    leader_subject = StringField(default="")
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {
        "collection": "known_buildings",
        "indexes": [
            {"fields": ["tenant_id", "compound_id", "building_id"], "unique": True},
            ("tenant_id", "leader_subject"),
        ],
    }


class KnownContract(TenantDocument):
    """A property firm's contract for a compound (PropertyContractChanged)."""

    org_id = StringField(required=True)
    org_name = StringField(default="")
    compound_id = StringField(required=True)
    services = ListField(StringField())
    active = BooleanField(default=True)
    starts_on = StringField(default="")  # YYYY-MM-DD
    ends_on = StringField(default="")  # YYYY-MM-DD, empty = open-ended
    version = IntField(default=0)
    meta = {
        "collection": "known_contracts",
        "indexes": [
            {"fields": ["tenant_id", "org_id", "compound_id"], "unique": True},
            ("tenant_id", "compound_id"),
        ],
    }


class KnownTeam(TenantDocument):
    """A volunteer or self-management team (TeamUpserted)."""

    team_id = StringField(required=True)
    name = StringField(default="")
    kind = StringField(default="volunteer_team")
    specialties = ListField(StringField())
    members = ListField(StringField())
    compound_ids = ListField(StringField())
    community_id = StringField(default="")
    archived = BooleanField(default=False)
    version = IntField(default=0)
    meta = {"collection": "known_teams", "indexes": [{"fields": ["tenant_id", "team_id"], "unique": True}]}


class KnownHousehold(TenantDocument):
    """Care tags (三色档案) for priority only; never copied onto a ticket nor shown to providers."""

    household_id = StringField(required=True)
    compound_id = StringField(default="")
    care_tags = ListField(StringField())
    residents = ListField(StringField())
    version = IntField(default=0)
    meta = {
        "collection": "known_households",
        # household ids repeat across compounds (1-1-101 in every compound): the compound is part of the key
        "indexes": [{"fields": ["tenant_id", "compound_id", "household_id"], "unique": True}],
    }


class GovernanceCopy(TenantDocument):
    """The district's governance document as last published (GovernanceConfigChanged)."""

    version = IntField(required=True)
    document_json = StringField(required=True)
    compound_communities = DictField()
    meta = {"collection": "governance_copies", "indexes": [{"fields": ["tenant_id"], "unique": True}]}


class DispatchCursor(TenantDocument):
    """Round-robin turn per compound and category."""

    key = StringField(required=True)
    turn = IntField(default=0)
    meta = {"collection": "dispatch_cursors", "indexes": [{"fields": ["tenant_id", "key"], "unique": True}]}


class MenuItemDoc(TenantDocument):
    """An item of a compound's service menu (点菜单)."""

    compound_id = StringField(required=True)
    item_id = StringField(required=True)
    name = StringField(required=True)
    description = StringField(default="")
    category = StringField(required=True)
    price_model = StringField(required=True)
    price_fen = IntField(default=0)
    provider_kind = StringField(default="")
    complete_within_hours = IntField(default=0)
    active = BooleanField(default=True)
    meta = {
        "collection": "menu_items",
        "indexes": [{"fields": ["tenant_id", "compound_id", "item_id"], "unique": True}],
    }


class TimelineEntryDoc(EmbeddedDocument):
    at = DateTimeField(required=True)
    action = StringField(required=True)
    actor = StringField(default="")
    actor_role = StringField(default="")
    from_status = StringField(default="")
    to_status = StringField(default="")
    note = StringField(default="")


class TicketDoc(OutboxMixin, TenantDocument):
    ticket_id = StringField(required=True)
    compound_id = StringField(required=True)
    community_id = StringField(default="")
    building_id = StringField(default="")
    household_id = StringField(default="")
    category = StringField(required=True)
    description = StringField(required=True)
    status = StringField(required=True)
    reporter = StringField(required=True)
    recorded_by = StringField(default="")
    channel = StringField(default="app")
    photo_urls = ListField(StringField())
    completion_photo_urls = ListField(StringField())
    lat = FloatField()
    lon = FloatField()
    menu_item_id = StringField(default="")
    duplicate_of = StringField(default="")
    priority = IntField(default=0)
    provider_kind = StringField(default="")
    provider_id = StringField(default="")
    rejected_by = ListField(StringField())
    dispatched_at = DateTimeField()
    accepted_at = DateTimeField()
    done_at = DateTimeField()
    confirmed_at = DateTimeField()
    accept_by = DateTimeField()
    complete_by = DateTimeField()
    sla_warn_at = DateTimeField()
    sla_fired = ListField(StringField())
    next_sla_at = DateTimeField()
    rating = IntField(default=0)
    rating_comment = StringField(default="")
    complaint = BooleanField(default=False)
    urge_count = IntField(default=0)
    timeline = EmbeddedDocumentListField(TimelineEntryDoc)
    created_at = DateTimeField(required=True)
    updated_at = DateTimeField()
    request_fingerprint = StringField(default="")  # of the report (request_id retried with other content)
    version = IntField(default=1)
    meta = {
        "collection": "tickets",
        "indexes": [
            {"fields": ["tenant_id", "ticket_id"], "unique": True},
            ("tenant_id", "compound_id", "status"),
            ("tenant_id", "provider_id", "status"),
            ("tenant_id", "next_sla_at"),
            ("tenant_id", "created_at"),
            ("tenant_id", "status", "confirmed_at"),  # auto-close of rated tickets
        ],
    }
