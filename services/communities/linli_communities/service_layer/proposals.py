"""Use cases of proposals and household votes: create, read, open a vote, cast a ballot, close it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from fractions import Fraction

from linli_platform.auth import Principal
from linli_platform.errors import FailedPrecondition, InvalidField, NotFound, PermissionDenied
from linli_platform.outbox import PendingEvent
from pymongo import ReturnDocument

from linli_communities.adapters.deliberation_documents import BallotDoc, ProposalDoc
from linli_communities.adapters.documents import TenantDoc
from linli_communities.adapters.hierarchy_reader import Roster
from linli_communities.domain import voting
from linli_communities.domain.deliberation import (
    APPROVED,
    OPEN,
    REJECTED,
    VOTING,
    WITHDRAWERS,
    WITHDRAWN,
    classify,
    require_status,
)
from linli_communities.service_layer import events, governance

BALLOT_RECORDERS = frozenset({"district_admin", "community_staff", "grid_worker"})
UNREAD = ("outbox", "tallied_weights")  # not loaded by proposal reads; ListBallots reads the weights


def create(
    principal: Principal, compound_id: str, title: str, description: str, category: str, amount_fen: int
) -> ProposalDoc:
    _, sections, community = governance.effective(principal.tenant, compound=compound_id)
    tier = classify(sections.deliberation, category, amount_fen)
    doc = ProposalDoc(
        tenant_id=principal.tenant,
        proposal_id="p" + uuid.uuid4().hex[:15],
        compound_id=compound_id,
        community_id=community,
        title=title.strip(),
        description=description,
        category=category,
        amount_fen=amount_fen,
        tier=tier.tier,
        tier_name=tier.tier_name,
        meeting_name=tier.meeting_name,
        parties=list(tier.parties),
        special_matter=tier.special_matter,
        status=OPEN,
        created_by=principal.subject,
        created_at=datetime.now(UTC),
    )
    doc.save(force_insert=True)
    return doc


def get(tenant_id: str, proposal_id: str, *, with_weights: bool = False) -> ProposalDoc:
    unread = ("outbox",) if with_weights else UNREAD
    doc = ProposalDoc.scoped(tenant_id).exclude(*unread).filter(proposal_id=proposal_id).first()
    if doc is None:
        raise NotFound(f"proposal {proposal_id} not found")
    return doc


def listing(tenant_id: str, compound_id: str, status: str, offset: int, limit: int):
    query = ProposalDoc.scoped(tenant_id).exclude(*UNREAD)
    if compound_id:
        query = query.filter(compound_id=compound_id)
    if status:
        query = query.filter(status=status)
    query = query.order_by("-created_at", "proposal_id")
    return list(query.skip(offset).limit(limit)), query.count()


def open_vote(
    principal: Principal, proposal_id: str, roster: Roster, closes_at: datetime | None
) -> ProposalDoc:
    doc = get(principal.tenant, proposal_id)
    require_status(doc.status, (OPEN,), "open a vote")
    if not roster.entries(principal.tenant, doc.compound_id):
        raise FailedPrecondition(f"compound {doc.compound_id} has no households on its roster to vote")
    _, sections, _ = governance.effective(principal.tenant, compound=doc.compound_id)
    votes = sections.deliberation.votes
    now = datetime.now(UTC)
    closes_at = closes_at or now + timedelta(days=votes.voting_days)
    if closes_at <= now:
        raise InvalidField("closes_at", "must be in the future")
    thresholds = voting.Thresholds.from_config(votes)
    snapshot = {
        k: str(getattr(thresholds, k))
        for k in ("participation_area", "participation_households", "approval", "special_approval")
    }
    updated = (
        ProposalDoc.scoped(principal.tenant)
        .filter(proposal_id=proposal_id, status=OPEN)
        .update_one(
            set__status=VOTING,
            set__vote_rule=thresholds.rule,
            set__thresholds=snapshot,
            set__closes_at=closes_at,
            inc__version=1,
        )
    )
    if not updated:
        raise FailedPrecondition("cannot open a vote: the proposal changed meanwhile")
    return get(principal.tenant, proposal_id)


def cast_ballot(
    principal: Principal, proposal_id: str, household_id: str, choice: str, roster: Roster
) -> BallotDoc:
    doc = get(principal.tenant, proposal_id)
    require_status(doc.status, (VOTING,), "cast a ballot")
    now = datetime.now(UTC)
    if doc.closes_at is not None and _aware(doc.closes_at) <= now:
        raise FailedPrecondition("the vote has closed")
    entry = roster.entry(principal.tenant, doc.compound_id, household_id)
    if entry is None:
        raise NotFound(f"household {household_id} not found in compound {doc.compound_id}")
    if principal.role not in BALLOT_RECORDERS and principal.subject not in entry.owners:
        raise PermissionDenied("only an owner of the household (or staff recording a paper ballot) may vote")
    raw = BallotDoc._get_collection().find_one_and_update(
        {"tenant_id": principal.tenant, "proposal_id": proposal_id, "household_id": household_id},
        {"$set": {"choice": choice, "cast_by": principal.subject, "cast_at": now}, "$inc": {"revision": 1}},
        upsert=True,
        return_document=ReturnDocument.AFTER,
    )
    return BallotDoc._from_son(raw)


def close_vote(principal: Principal, proposal_id: str, roster: Roster) -> ProposalDoc:
    doc = get(principal.tenant, proposal_id)
    require_status(doc.status, (VOTING,), "close the vote")
    ballots = {
        b.household_id: b.choice for b in BallotDoc.scoped(principal.tenant).filter(proposal_id=proposal_id)
    }
    households = [e.household for e in roster.entries(principal.tenant, doc.compound_id)]
    snapshot = {k: Fraction(v) for k, v in doc.thresholds.items()}
    thresholds = voting.Thresholds(rule=doc.vote_rule, **snapshot)
    outcome = voting.decide(voting.count(households, ballots), thresholds, doc.special_matter)
    tally = dict(outcome.tally.__dict__, quorum_reached=outcome.quorum_reached)
    areas = {h.household_id: h.area_centi_m2 for h in households}
    weights = [[household_id, areas.get(household_id, 0)] for household_id in sorted(ballots)]
    return decide(doc, outcome.approved, outcome.summary, from_status=VOTING, tally=tally, weights=weights)


def close_due(roster: Roster, now: datetime | None = None, limit: int = 100) -> int:
    """Close every vote whose closing time has passed, district by district; returns how many closed."""
    now = now or datetime.now(UTC)
    closed = 0
    for tenant_id in TenantDoc.objects.distinct("tenant_id"):
        due = ProposalDoc.scoped(tenant_id).filter(status=VOTING, closes_at__lte=now).only("proposal_id")
        for doc in list(due.limit(limit)):
            system = Principal(tenant=tenant_id, role="district_admin", subject="linli:vote-timer")
            try:
                close_vote(system, doc.proposal_id, roster)
                closed += 1
            except FailedPrecondition:
                pass  # closed by hand meanwhile
    return closed


def decide(
    doc: ProposalDoc,
    approved: bool,
    summary: str,
    from_status: str,
    tally: dict | None = None,
    meeting_id: str = "",
    weights: list | None = None,
) -> ProposalDoc:
    """Record the decision and its ProposalDecided event in one conditional write (a vote's with the
    area each ballot weighed, so the published ballots add up to the tally)."""
    return _conclude(
        doc,
        from_status,
        events.proposal_decided(doc, approved, summary),
        "the proposal was decided meanwhile",
        status=APPROVED if approved else REJECTED,
        summary=summary,
        tally=tally or {},
        tallied_weights=weights or [],
        decided_in_meeting=meeting_id,
    )


def withdraw(principal: Principal, proposal_id: str, reason: str) -> ProposalDoc:
    """Withdraw an undecided proposal (its author, or staff); a running vote ends without a tally."""
    doc = get(principal.tenant, proposal_id)
    if principal.subject != doc.created_by and principal.role not in WITHDRAWERS:
        raise PermissionDenied("only its author, community staff or a district admin may withdraw a proposal")
    require_status(doc.status, (OPEN, VOTING), "withdraw the proposal")
    reason = reason.strip()
    if not reason:
        raise InvalidField("reason", "is required")
    return _conclude(
        doc,
        doc.status,
        events.proposal_withdrawn(doc, principal.subject, reason),
        "cannot withdraw the proposal: it changed meanwhile",
        status=WITHDRAWN,
        summary=f"已撤回：{reason}",
    )


def _conclude(doc: ProposalDoc, from_status: str, event, conflict: str, **changes) -> ProposalDoc:
    """End the proposal (decided or withdrawn) and store its event in the same conditional write."""
    updated = (
        ProposalDoc.scoped(doc.tenant_id)
        .filter(proposal_id=doc.proposal_id, status=from_status)
        .update_one(
            **{f"set__{field}": value for field, value in changes.items()},
            set__decided_at=datetime.now(UTC),
            inc__version=1,
            push__outbox=PendingEvent.of(event),
        )
    )
    if not updated:
        raise FailedPrecondition(conflict)
    return get(doc.tenant_id, doc.proposal_id)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
