"""The proposal (议题) as an aggregate: its tier, its vote, its withdrawal and its decision.

Each method checks its rule (domain/deliberation.py, domain/voting.py), changes the state and records
the event (ProposalDecided, ProposalWithdrawn); the unit of work stores both in one guarded write.

A proposal may be put to the owners of some buildings only (its scope, `building_ids`; empty: the
whole compound): a maintenance-fund use for those buildings is decided by their owners, by their floor
area and headcount (Civil Code art. 278, 维修资金 rules). The electorate, the figures and the decision
then count only those buildings' households, and another building's household may not vote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

from linli.communities.v1 import events_pb2
from linli_platform.aggregate import Aggregate
from linli_platform.auth import STAFF_ROLES, Principal
from linli_platform.errors import FailedPrecondition, InvalidField, PermissionDenied

from linli_communities.domain import voting
from linli_communities.domain.deliberation import (
    APPROVED,
    OPEN,
    REJECTED,
    VOTING,
    WITHDRAWERS,
    WITHDRAWN,
    Classification,
    check_meeting_may_decide,
    meeting_summary,
    require_status,
)

THRESHOLD_FIELDS = ("participation_area", "participation_households", "approval", "special_approval")
# Who records a paper ballot for any household (besides its owners).
BALLOT_RECORDERS = STAFF_ROLES
MAX_SCOPE = 200  # buildings a vote may be scoped to (the proto's max_items)


def check_scope(compound_id: str, building_ids: Sequence[str], known: Mapping[str, str]) -> tuple[str, ...]:
    """The names of a vote's buildings (in the order given), or InvalidField naming each bad entry.
    `known` holds the compound's live buildings (id → name) in the caller's district, so another
    district's building is as unknown as a building that does not exist."""
    if len(building_ids) > MAX_SCOPE:
        raise InvalidField("building_ids", f"at most {MAX_SCOPE} buildings")
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, building_id in enumerate(building_ids):
        if building_id in seen:
            problems.append((f"building_ids[{i}]", f"repeats building {building_id}（楼栋重复）"))
        elif building_id not in known:
            problems.append(
                (
                    f"building_ids[{i}]",
                    f"no building {building_id} in compound {compound_id}（本小区无此楼栋）",
                )
            )
        seen.add(building_id)
    if problems:
        raise InvalidField(problems)
    return tuple(known[b] or b for b in building_ids)


@dataclass(frozen=True)
class Ballot:
    """A household's ballot on a proposal (the latest: a household may change its mind)."""

    proposal_id: str
    household_id: str
    choice: str
    cast_by: str
    cast_at: datetime
    revision: int


def aware(value: datetime | None) -> datetime | None:
    return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)


class Proposal(Aggregate):
    SOURCE, NAME = "communities", "proposal"

    def __init__(
        self,
        tenant_id: str,
        id: str,
        version: int = 0,
        *,
        compound_id: str,
        title: str,
        category: str,
        tier: str,
        tier_name: str,
        created_by: str,
        created_at: datetime,
        community_id: str = "",
        description: str = "",
        amount_fen: int = 0,
        meeting_name: str = "",
        parties: Iterable[str] = (),
        special_matter: bool = False,
        status: str = OPEN,
        vote_rule: str = "",
        thresholds: Mapping[str, str] | None = None,
        closes_at: datetime | None = None,
        decided_at: datetime | None = None,
        decided_in_meeting: str = "",
        summary: str = "",
        tally: Mapping[str, Any] | None = None,
        tallied_weights: Iterable[Iterable] = (),
        building_ids: Iterable[str] = (),
        building_names: Iterable[str] = (),
    ):
        super().__init__(tenant_id, id, version)
        self.compound_id, self.community_id = compound_id, community_id
        self.title, self.description, self.category = title, description, category
        self.amount_fen = amount_fen
        self.tier, self.tier_name, self.meeting_name = tier, tier_name, meeting_name
        self.parties, self.special_matter = list(parties), special_matter
        self.status, self.vote_rule = status, vote_rule
        self.thresholds = dict(thresholds or {})  # the vote rule's shares when the vote opened
        self.created_by, self.created_at = created_by, created_at
        self.closes_at, self.decided_at = aware(closes_at), decided_at
        self.decided_in_meeting, self.summary = decided_in_meeting, summary
        self.tally = dict(tally or {})
        # [household_id, area_centi_m2] of every ballot the tally counted (0: not on the roster): the
        # published ballots show what was counted even if an area is corrected later.
        self.tallied_weights = [list(w) for w in tallied_weights]
        # The vote's scope (empty: the whole compound) and the buildings' names when it was proposed.
        self.building_ids, self.building_names = list(building_ids), list(building_names)

    @classmethod
    def propose(
        cls,
        tenant_id: str,
        id: str,
        compound_id: str,
        community_id: str,
        title: str,
        description: str,
        category: str,
        amount_fen: int,
        tier: Classification,
        by: str,
        at: datetime,
        building_ids: Sequence[str] = (),
        building_names: Sequence[str] = (),
    ) -> Proposal:
        """`building_ids`/`building_names`: the scope checked by check_scope (empty: the compound)."""
        return cls(
            tenant_id,
            id,
            compound_id=compound_id,
            community_id=community_id,
            title=title.strip(),
            description=description,
            category=category,
            amount_fen=amount_fen,
            tier=tier.tier,
            tier_name=tier.tier_name,
            meeting_name=tier.meeting_name,
            parties=tier.parties,
            special_matter=tier.special_matter,
            created_by=by,
            created_at=at,
            building_ids=building_ids,
            building_names=building_names,
        )

    # -- the scope --------------------------------------------------------------------------------
    @property
    def scope_text(self) -> str:
        """Who votes, in Chinese: the buildings by name, or the whole compound."""
        if not self.building_ids:
            return "全体业主"
        return "、".join(self.building_names or self.building_ids) + "业主"

    def electorate(self, roster: Iterable[voting.Household]) -> list[voting.Household]:
        """The households of the compound's roster who vote on this proposal."""
        return voting.electorate(roster, self.building_ids)

    def check_in_scope(self, household: voting.Household) -> None:
        """A household of a building outside the vote's scope may not vote (nor staff for it)."""
        if not voting.in_scope(household.building_id, self.building_ids):
            raise PermissionDenied(
                f"household_id {household.household_id}: its building "
                f"{household.building_id or '(none)'} is not in this vote's scope "
                f"({', '.join(self.building_ids)})（该住户不在本议题表决范围内，本次仅{self.scope_text}表决）"
            )

    # -- the vote ---------------------------------------------------------------------------------
    def open_vote(
        self, voters: int, thresholds: voting.Thresholds, closes_at: datetime, now: datetime
    ) -> None:
        """With `voters` households on the roster; the rule in force now decides this vote, whatever
        the config says later."""
        require_status(self.status, (OPEN,), "open a vote")
        if not voters and self.building_ids:
            names = "、".join(self.building_names or self.building_ids)
            raise FailedPrecondition(
                f"buildings {', '.join(self.building_ids)} of compound {self.compound_id} have no households "
                f"on the roster to vote（{names}没有可表决的住户）"
            )
        if not voters:
            raise FailedPrecondition(f"compound {self.compound_id} has no households on its roster to vote")
        if closes_at <= now:
            raise InvalidField("closes_at", "must be in the future")
        self.status, self.vote_rule, self.closes_at = VOTING, thresholds.rule, closes_at
        self.thresholds = {k: str(getattr(thresholds, k)) for k in THRESHOLD_FIELDS}
        self.touch()

    def check_ballots_open(self, now: datetime) -> None:
        require_status(self.status, (VOTING,), "cast a ballot")
        if self.closes_at is not None and self.closes_at <= now:
            raise FailedPrecondition("the vote has closed")

    @staticmethod
    def check_voter(principal: Principal, owners: frozenset[str]) -> None:
        """An owner votes for their household; staff record paper ballots for any."""
        if principal.role not in BALLOT_RECORDERS and principal.subject not in owners:
            raise PermissionDenied(
                "only an owner of the household (or staff recording a paper ballot) may vote"
            )

    def close_vote(
        self, roster: Iterable[voting.Household], ballots: Mapping[str, str], now: datetime
    ) -> voting.Outcome:
        """Count the ballots of the households on the roster who are in the vote's scope, under the rule
        snapshot, and decide."""
        require_status(self.status, (VOTING,), "close the vote")
        households = self.electorate(roster)
        snapshot = {k: Fraction(v) for k, v in self.thresholds.items()}
        thresholds = voting.Thresholds(rule=self.vote_rule, **snapshot)
        outcome = voting.decide(voting.count(households, ballots), thresholds, self.special_matter)
        areas = {h.household_id: h.area_centi_m2 for h in households}
        summary = f"表决范围：{self.scope_text}；{outcome.summary}" if self.building_ids else outcome.summary
        self._decide(
            outcome.approved,
            summary,
            now,
            tally=dict(outcome.tally.__dict__, quorum_reached=outcome.quorum_reached),
            weights=[[household_id, areas.get(household_id, 0)] for household_id in sorted(ballots)],
        )
        return outcome

    # -- meetings ---------------------------------------------------------------------------------
    def decide_at_meeting(self, meeting_tier: str, present_parties: Iterable[str]) -> None:
        """Refuse unless a meeting of that tier, with those parties present, may decide this proposal."""
        check_meeting_may_decide(
            meeting_tier, self.tier, self.special_matter, self.status, self.parties, present_parties
        )

    def decided_by_meeting(
        self, meeting_id: str, meeting_title: str, approved: bool, note: str, now: datetime
    ) -> None:
        summary = meeting_summary(self.meeting_name, meeting_title, approved, note)
        self._decide(approved, summary, now, meeting_id=meeting_id)

    # -- withdrawal -------------------------------------------------------------------------------
    def withdraw(self, principal: Principal, reason: str, now: datetime) -> None:
        """Its author or staff withdraw an undecided proposal; a running vote ends without a tally."""
        if principal.subject != self.created_by and principal.role not in WITHDRAWERS:
            raise PermissionDenied(
                "only its author, community staff or a district admin may withdraw a proposal"
            )
        require_status(self.status, (OPEN, VOTING), "withdraw the proposal")
        reason = reason.strip()
        if not reason:
            raise InvalidField("reason", "is required")
        vote_cancelled = self.status == VOTING
        self.status, self.summary, self.decided_at = WITHDRAWN, f"已撤回：{reason}", now
        self.record(
            events_pb2.ProposalWithdrawn(
                tenant_id=self.tenant_id,
                proposal_id=self.id,
                compound_id=self.compound_id,
                title=self.title,
                withdrawn_by=principal.subject,
                reason=reason,
                vote_cancelled=vote_cancelled,
            )
        )

    def _decide(
        self,
        approved: bool,
        summary: str,
        now: datetime,
        tally: dict | None = None,
        weights: list | None = None,
        meeting_id: str = "",
    ) -> None:
        """The decision (a vote's with the area each ballot weighed, so the published ballots add up
        to the tally) and its ProposalDecided event."""
        self.status = APPROVED if approved else REJECTED
        self.summary, self.decided_at = summary, now
        self.tally, self.tallied_weights = tally or {}, weights or []
        self.decided_in_meeting = meeting_id
        self.record(
            events_pb2.ProposalDecided(
                tenant_id=self.tenant_id,
                proposal_id=self.id,
                compound_id=self.compound_id,
                community_id=self.community_id,
                title=self.title,
                category=self.category,
                amount_fen=self.amount_fen,
                tier=self.tier,
                approved=approved,
                summary=summary,
                special_matter=self.special_matter,
                vote_rule="" if meeting_id else self.vote_rule,
                building_ids=self.building_ids,
            )
        )
