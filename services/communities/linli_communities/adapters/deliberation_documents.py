"""mongoengine documents of deliberation: proposals (with their outbox), ballots, meetings."""

from __future__ import annotations

from linli_platform.mongo import TenantDocument
from linli_platform.outbox import OutboxMixin
from mongoengine import (
    BooleanField,
    DateTimeField,
    DictField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    LongField,
    StringField,
)


class ProposalDoc(OutboxMixin, TenantDocument):
    proposal_id = StringField(required=True)
    compound_id = StringField(required=True)
    community_id = StringField(default="")
    title = StringField(required=True)
    description = StringField(default="")
    category = StringField(required=True)
    amount_fen = LongField(default=0)
    tier = StringField(required=True)
    tier_name = StringField(required=True)
    meeting_name = StringField(default="")
    parties = ListField(StringField())
    special_matter = BooleanField(default=False)
    status = StringField(required=True)
    # Snapshot of the vote rule when the vote opened: later config changes do not move the goalposts.
    vote_rule = StringField(default="")
    thresholds = DictField()
    created_by = StringField(required=True)
    created_at = DateTimeField(required=True)
    closes_at = DateTimeField()
    decided_at = DateTimeField()
    decided_in_meeting = StringField(default="")
    summary = StringField(default="")
    tally = DictField()
    # [household_id, area_centi_m2] of every ballot the tally counted (0: not on the roster), written
    # with the decision: the published ballots show what was counted even if an area is corrected later.
    tallied_weights = ListField(ListField())
    # The vote's scope: the buildings whose owners vote (empty: the whole compound), with their names.
    building_ids = ListField(StringField())
    building_names = ListField(StringField())
    version = IntField(default=1)
    meta = {
        "collection": "proposals",
        "indexes": [
            {"fields": ["tenant_id", "proposal_id"], "unique": True},
            ("tenant_id", "compound_id", "status"),
            "outbox.event_id",
        ],
    }


class BallotDoc(TenantDocument):
    proposal_id = StringField(required=True)
    household_id = StringField(required=True)
    choice = StringField(required=True, choices=("for", "against", "abstain"))
    cast_by = StringField(required=True)
    cast_at = DateTimeField(required=True)
    revision = IntField(default=0)
    meta = {
        "collection": "ballots",
        "indexes": [{"fields": ["tenant_id", "proposal_id", "household_id"], "unique": True}],
    }


class AttendeeDoc(EmbeddedDocument):
    subject = StringField(default="")
    name = StringField(required=True)
    party = StringField(required=True)


class DecisionDoc(EmbeddedDocument):
    proposal_id = StringField(required=True)
    approved = BooleanField(required=True)
    note = StringField(default="")


class MeetingDoc(TenantDocument):
    meeting_id = StringField(required=True)
    compound_id = StringField(required=True)
    tier = StringField(required=True)
    title = StringField(required=True)
    scheduled_at = DateTimeField(required=True)
    agenda = ListField(StringField())
    proposal_ids = ListField(StringField())
    attendance = ListField(EmbeddedDocumentField(AttendeeDoc))
    minutes = StringField(default="")
    decisions = ListField(EmbeddedDocumentField(DecisionDoc))
    status = StringField(required=True)
    created_by = StringField(required=True)
    version = IntField(default=1)
    meta = {
        "collection": "meetings",
        "indexes": [{"fields": ["tenant_id", "meeting_id"], "unique": True}, ("tenant_id", "compound_id")],
    }
