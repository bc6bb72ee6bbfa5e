"""MongoDB repositories of deliberation: proposals (aggregates with their outbox), ballots, meetings."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from linli_platform.mongo_repository import OUTBOX, MongoRepository, MongoScoped
from pymongo import ReturnDocument

from linli_communities.adapters.deliberation_documents import BallotDoc, MeetingDoc, ProposalDoc
from linli_communities.domain.deliberation import VOTING
from linli_communities.domain.meeting import Attendee, Decision, Meeting
from linli_communities.domain.proposal import Ballot, Proposal

PROPOSAL_FIELDS = (
    "compound_id",
    "community_id",
    "title",
    "description",
    "category",
    "amount_fen",
    "tier",
    "tier_name",
    "meeting_name",
    "parties",
    "special_matter",
    "status",
    "vote_rule",
    "thresholds",
    "created_by",
    "created_at",
    "closes_at",
    "decided_at",
    "decided_in_meeting",
    "summary",
    "tally",
    "tallied_weights",
    "building_ids",
    "building_names",
)
# A listing shows no weights (ListBallots reads them with the proposal).
LISTED = {OUTBOX: 0, "tallied_weights": 0}


class MongoProposals(MongoRepository[Proposal]):
    document, key, label = ProposalDoc, "proposal_id", "proposal"

    def to_stored(self, proposal: Proposal) -> dict[str, Any]:
        return {field: getattr(proposal, field) for field in PROPOSAL_FIELDS}

    def from_stored(self, stored: dict[str, Any]) -> Proposal:
        values = {f: stored[f] for f in PROPOSAL_FIELDS if stored.get(f) is not None}
        return Proposal(stored["tenant_id"], stored["proposal_id"], stored.get("version") or 1, **values)

    def listing(self, compound_id: str, status: str, offset: int, limit: int) -> tuple[list[Proposal], int]:
        """Read-only views, newest first."""
        where = {k: v for k, v in (("compound_id", compound_id), ("status", status)) if v}
        order = [("created_at", -1), ("proposal_id", 1)]
        found = self._find(where, LISTED, sort=order, skip=offset, limit=limit)
        return [self.from_stored(d) for d in found], self._count(where)

    def voting_due(self, now: datetime, limit: int) -> list[str]:
        """Ids of proposals whose vote is still open past its closing time."""
        due = self._find({"status": VOTING, "closes_at": {"$lte": now}}, {"proposal_id": 1}, limit=limit)
        return [d["proposal_id"] for d in due]


def _ballot(stored: dict) -> Ballot:
    return Ballot(
        proposal_id=stored["proposal_id"],
        household_id=stored["household_id"],
        choice=stored["choice"],
        cast_by=stored["cast_by"],
        cast_at=stored["cast_at"],
        revision=stored.get("revision", 0),
    )


class MongoBallots(MongoScoped):
    """The latest ballot per household and proposal (one document each, changed in place)."""

    document = BallotDoc

    def cast(self, proposal_id: str, household_id: str, choice: str, by: str, at: datetime) -> Ballot:
        stored = self._find_one_and_update(
            {"proposal_id": proposal_id, "household_id": household_id},
            {"$set": {"choice": choice, "cast_by": by, "cast_at": at}, "$inc": {"revision": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return _ballot(stored)

    def choices(self, proposal_id: str) -> dict[str, str]:
        """household_id → choice of every ballot of the proposal."""
        found = self._find({"proposal_id": proposal_id}, {"household_id": 1, "choice": 1})
        return {d["household_id"]: d["choice"] for d in found}

    def page(self, proposal_id: str, choice: str, offset: int, limit: int) -> tuple[list[Ballot], int]:
        where = {"proposal_id": proposal_id, **({"choice": choice} if choice else {})}
        found = self._find(where, sort=[("household_id", 1)], skip=offset, limit=limit)
        return [_ballot(d) for d in found], self._count(where)


MEETING_FIELDS = ("compound_id", "tier", "title", "scheduled_at", "agenda", "proposal_ids", "minutes")
MEETING_FIELDS += ("status", "created_by")


class MongoMeetings(MongoRepository[Meeting]):
    document, key, label = MeetingDoc, "meeting_id", "meeting"

    def to_stored(self, meeting: Meeting) -> dict[str, Any]:
        stored = {field: getattr(meeting, field) for field in MEETING_FIELDS}
        stored["attendance"] = [asdict(a) for a in meeting.attendance]
        stored["decisions"] = [asdict(d) for d in meeting.decisions]
        return stored

    def from_stored(self, stored: dict[str, Any]) -> Meeting:
        return Meeting(
            stored["tenant_id"],
            stored["meeting_id"],
            stored.get("version") or 1,
            **{f: stored[f] for f in MEETING_FIELDS if f in stored},
            attendance=[
                Attendee(a.get("subject", ""), a["name"], a["party"]) for a in stored.get("attendance", ())
            ],
            decisions=[
                Decision(d["proposal_id"], d["approved"], d.get("note", ""))
                for d in stored.get("decisions", ())
            ],
        )

    def listing(self, compound_id: str, offset: int, limit: int) -> tuple[list[Meeting], int]:
        where = {"compound_id": compound_id} if compound_id else {}
        order = [("scheduled_at", -1), ("meeting_id", 1)]
        found = self._find(where, sort=order, skip=offset, limit=limit)
        return [self.from_stored(d) for d in found], self._count(where)
