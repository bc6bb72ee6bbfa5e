"""Published ballots (投票结果公示): a vote household by household — room, choice, the area it weighs.

Owners check that their own ballot was counted and that nobody padded the count (业主知情权); a
voter's name or phone never appears. Staff (community staff, grid workers, district admins) see the
ballots at any time, to chase turnout (催投), with who cast each; the compound's owners see them
once the proposal is decided, and only if the district publishes them (deliberation.votes
.publish_ballots). A withdrawn proposal's ballots stay with staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from linli_platform.auth import Principal, Role
from linli_platform.errors import PermissionDenied
from linli_platform.persistence import UnitOfWork

from linli_communities.adapters.hierarchy_reader import Roster, RosterEntry
from linli_communities.domain.deliberation import APPROVED, REJECTED, WITHDRAWN
from linli_communities.domain.proposal import Ballot, Proposal
from linli_communities.service_layer import governance

DECIDED = (APPROVED, REJECTED)


@dataclass(frozen=True)
class PublishedBallot:
    household_id: str
    building_id: str
    label: str
    choice: str
    area_centi_m2: int
    cast_at: datetime
    revision: int
    cast_by: str  # empty unless the caller is staff


def listing(
    uow: UnitOfWork,
    principal: Principal,
    proposal_id: str,
    choice: str,
    offset: int,
    limit: int,
    roster: Roster,
) -> tuple[list[PublishedBallot], int]:
    """One page of a proposal's ballots by household_id (latest ballot per household), and how many."""
    proposal = uow.proposals.get(proposal_id)
    if not principal.is_staff:
        _check_owner_may_see(uow, principal, proposal, roster)
    page, total = uow.ballots.page(proposal_id, choice, offset, limit)
    on_roster = {
        e.household.household_id: e
        for e in roster.entries_of(uow.tenant, proposal.compound_id, [b.household_id for b in page])
    }
    # household_id → the area its ballot weighed in the decided vote's tally (empty: decided before
    # weights were recorded)
    tallied = {h: area for h, area in proposal.tallied_weights} if proposal.status in DECIDED else {}
    return [_published(b, on_roster.get(b.household_id), tallied, principal.is_staff) for b in page], total


def _check_owner_may_see(uow: UnitOfWork, principal: Principal, proposal: Proposal, roster: Roster) -> None:
    if principal.role == Role.PROPERTY_FIRM or not roster.is_owner(
        uow.tenant, proposal.compound_id, principal.subject
    ):
        raise PermissionDenied("只有本小区业主和社区工作人员可以查看投票记录")
    if proposal.status == WITHDRAWN:
        raise PermissionDenied("议题已撤回，投票记录仅社区工作人员可以查看")
    if proposal.status not in DECIDED:
        raise PermissionDenied("表决结束、议题作出决定后，投票记录才向本小区业主公示")
    _, sections, _ = governance.effective(uow, compound=proposal.compound_id)
    if not sections.deliberation.votes.publish_ballots:
        raise PermissionDenied("本区不向业主公示投票记录，请向社区工作人员查询")


def _published(
    ballot: Ballot, entry: RosterEntry | None, tallied: dict[str, int], staff: bool
) -> PublishedBallot:
    # Decided: what the tally counted, whatever the roster says now (0: cast after the count);
    # before: what a tally now would count.
    live = entry.household.area_centi_m2 if entry else 0
    area = tallied.get(ballot.household_id, 0) if tallied else live
    return PublishedBallot(
        household_id=ballot.household_id,
        building_id=entry.building_id if entry else "",
        label=entry.label if entry else "",
        choice=ballot.choice,
        area_centi_m2=area,
        cast_at=ballot.cast_at,
        revision=ballot.revision,
        cast_by=ballot.cast_by if staff else "",
    )
