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

from linli_platform.auth import Principal
from linli_platform.errors import PermissionDenied

from linli_communities.adapters.deliberation_documents import BallotDoc, ProposalDoc
from linli_communities.adapters.hierarchy_reader import Roster, RosterEntry
from linli_communities.domain.deliberation import APPROVED, REJECTED, WITHDRAWN
from linli_communities.service_layer import governance, proposals

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
    principal: Principal, proposal_id: str, choice: str, offset: int, limit: int, roster: Roster
) -> tuple[list[PublishedBallot], int]:
    """One page of a proposal's ballots by household_id (latest ballot per household), and how many."""
    doc = proposals.get(principal.tenant, proposal_id, with_weights=True)
    if not principal.is_staff:
        _check_owner_may_see(principal, doc, roster)
    query = BallotDoc.scoped(principal.tenant).filter(proposal_id=proposal_id)
    if choice:
        query = query.filter(choice=choice)
    query = query.order_by("household_id")
    page = list(query.skip(offset).limit(limit))
    on_roster = {
        e.household.household_id: e
        for e in roster.entries_of(principal.tenant, doc.compound_id, [b.household_id for b in page])
    }
    # household_id → the area its ballot weighed in the decided vote's tally (empty: decided before
    # weights were recorded)
    tallied = {h: area for h, area in doc.tallied_weights or ()} if doc.status in DECIDED else {}
    return [
        _published(b, on_roster.get(b.household_id), tallied, principal.is_staff) for b in page
    ], query.count()


def _check_owner_may_see(principal: Principal, doc: ProposalDoc, roster: Roster) -> None:
    if principal.role == "property_firm" or not roster.is_owner(
        principal.tenant, doc.compound_id, principal.subject
    ):
        raise PermissionDenied("只有本小区业主和社区工作人员可以查看投票记录")
    if doc.status == WITHDRAWN:
        raise PermissionDenied("议题已撤回，投票记录仅社区工作人员可以查看")
    if doc.status not in DECIDED:
        raise PermissionDenied("表决结束、议题作出决定后，投票记录才向本小区业主公示")
    _, sections, _ = governance.effective(principal.tenant, compound=doc.compound_id)
    if not sections.deliberation.votes.publish_ballots:
        raise PermissionDenied("本区不向业主公示投票记录，请向社区工作人员查询")


def _published(
    ballot: BallotDoc, entry: RosterEntry | None, tallied: dict[str, int], staff: bool
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
