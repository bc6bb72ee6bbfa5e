"""Use cases of proposals and household votes: create, read, open a vote, cast a ballot, close it,
withdraw. Each loads the proposal, calls one of its methods and commits. A vote scoped to some
buildings counts only their households (the proposal's `electorate`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta

from linli_platform.auth import Principal
from linli_platform.errors import Aborted, FailedPrecondition, NotFound
from linli_platform.persistence import UnitOfWork

from linli_communities.adapters import metrics
from linli_communities.adapters.hierarchy_reader import Roster
from linli_communities.domain import voting
from linli_communities.domain.deliberation import classify
from linli_communities.domain.proposal import Ballot, Proposal, check_scope
from linli_communities.service_layer import governance


def create(
    uow: UnitOfWork,
    principal: Principal,
    compound_id: str,
    title: str,
    description: str,
    category: str,
    amount_fen: int,
    building_ids: Sequence[str] = (),
) -> Proposal:
    """`building_ids`: the buildings whose owners vote (empty: the whole compound)."""
    _, sections, community = governance.effective(uow, compound=compound_id)
    building_ids = list(building_ids)
    building_names = check_scope(compound_id, building_ids, _buildings(uow, compound_id, building_ids))
    tier = classify(sections.deliberation, category, amount_fen)
    proposal = Proposal.propose(
        uow.tenant,
        "p" + uuid.uuid4().hex[:15],
        compound_id,
        community,
        title,
        description,
        category,
        amount_fen,
        tier,
        principal.subject,
        datetime.now(UTC),
        building_ids,
        building_names,
    )
    with uow:
        uow.proposals.add(proposal)
        uow.commit()
    return proposal


def _buildings(uow: UnitOfWork, compound_id: str, building_ids: list[str]) -> dict[str, str]:
    """id → name of those of the buildings that are live buildings of the compound (this district's)."""
    if not building_ids:
        return {}
    found = (uow.buildings.find_by(compound_id, b) for b in dict.fromkeys(building_ids))
    return {b.building_id: b.name for b in found if b is not None and not b.archived}


def get(uow: UnitOfWork, proposal_id: str) -> Proposal:
    return uow.proposals.get(proposal_id)


def listing(uow: UnitOfWork, compound_id: str, status: str, offset: int, limit: int):
    return uow.proposals.listing(compound_id, status, offset, limit)


def open_vote(uow: UnitOfWork, proposal_id: str, roster: Roster, closes_at: datetime | None) -> Proposal:
    with uow:
        proposal = uow.proposals.get(proposal_id)
        voters = proposal.electorate(e.household for e in roster.entries(uow.tenant, proposal.compound_id))
        _, sections, _ = governance.effective(uow, compound=proposal.compound_id)
        votes = sections.deliberation.votes
        now = datetime.now(UTC)
        closes_at = closes_at or now + timedelta(days=votes.voting_days)
        proposal.open_vote(len(voters), voting.Thresholds.from_config(votes), closes_at, now)
        uow.commit()
    return proposal


def cast_ballot(
    uow: UnitOfWork, principal: Principal, proposal_id: str, household_id: str, choice: str, roster: Roster
) -> Ballot:
    proposal = uow.proposals.get(proposal_id)
    now = datetime.now(UTC)
    proposal.check_ballots_open(now)
    entry = roster.entry(uow.tenant, proposal.compound_id, household_id)
    if entry is None:
        raise NotFound(f"household {household_id} not found in compound {proposal.compound_id}")
    proposal.check_in_scope(entry.household)
    proposal.check_voter(principal, entry.owners)
    return uow.ballots.cast(proposal_id, household_id, choice, principal.subject, now)


def close_vote(uow: UnitOfWork, proposal_id: str, roster: Roster) -> Proposal:
    with uow:
        proposal = uow.proposals.get(proposal_id)
        ballots = uow.ballots.choices(proposal_id)
        households = [e.household for e in roster.entries(uow.tenant, proposal.compound_id)]
        proposal.close_vote(households, ballots, datetime.now(UTC))
        uow.commit()
    metrics.decided(uow.tenant, proposal.status)
    return proposal


def close_due(
    uow_for: Callable[[str], UnitOfWork],
    tenant_ids: Iterable[str],
    roster: Roster,
    now: datetime | None = None,
    limit: int = 100,
) -> int:
    """Close every vote whose closing time has passed, district by district; returns how many closed."""
    now = now or datetime.now(UTC)
    closed = 0
    for tenant_id in tenant_ids:
        for proposal_id in uow_for(tenant_id).proposals.voting_due(now, limit):
            try:
                close_vote(uow_for(tenant_id), proposal_id, roster)
                closed += 1
            except (FailedPrecondition, Aborted):
                pass  # closed by hand meanwhile
    return closed


def withdraw(uow: UnitOfWork, principal: Principal, proposal_id: str, reason: str) -> Proposal:
    """Withdraw an undecided proposal (its author, or staff); a running vote ends without a tally."""
    with uow:
        proposal = uow.proposals.get(proposal_id)
        proposal.withdraw(principal, reason, datetime.now(UTC))
        uow.commit()
    return proposal
