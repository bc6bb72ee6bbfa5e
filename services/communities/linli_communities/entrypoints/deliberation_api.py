"""gRPC servicer of deliberation (proposals, votes, meetings): proto ↔ use case, nothing else."""

from __future__ import annotations

from linli.communities.v1 import deliberation_pb2 as pb
from linli.communities.v1 import deliberation_pb2_grpc as pb_grpc
from linli_platform.auth import STAFF_ROLES, Role
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import IdempotencyStore, idempotent
from linli_platform.paging import page_response, page_window
from linli_platform.protos import timestamp as _ts
from linli_platform.protos import when

from linli_communities.adapters.hierarchy_reader import MongoRoster, Roster
from linli_communities.domain.meeting import Attendee, Decision
from linli_communities.entrypoints.wiring import UnitOfWorkFactory, Wired
from linli_communities.service_layer import ballots, meetings, proposals

ORGANISERS = STAFF_ROLES | {Role.COUNCIL}
VOTERS = STAFF_ROLES | {Role.RESIDENT}
STATUS = {
    "open": pb.PROPOSAL_STATUS_OPEN,
    "voting": pb.PROPOSAL_STATUS_VOTING,
    "approved": pb.PROPOSAL_STATUS_APPROVED,
    "rejected": pb.PROPOSAL_STATUS_REJECTED,
    "withdrawn": pb.PROPOSAL_STATUS_WITHDRAWN,
}
STATUS_NAME = {number: name for name, number in STATUS.items()}
CHOICE = {"for": pb.CHOICE_FOR, "against": pb.CHOICE_AGAINST, "abstain": pb.CHOICE_ABSTAIN}
CHOICE_NAME = {number: name for name, number in CHOICE.items()}


def tally_pb(tally: dict) -> pb.Tally | None:
    if not tally:
        return None
    return pb.Tally(
        **{
            k if k.endswith(("households", "quorum_reached")) else f"{k}_centi_m2": v
            for k, v in tally.items()
        }
    )


def proposal_pb(doc) -> pb.Proposal:
    return pb.Proposal(
        id=doc.id,
        tenant_id=doc.tenant_id,
        compound_id=doc.compound_id,
        community_id=doc.community_id,
        title=doc.title,
        description=doc.description,
        category=doc.category,
        amount_fen=doc.amount_fen,
        tier=doc.tier,
        tier_name=doc.tier_name,
        meeting_name=doc.meeting_name,
        special_matter=doc.special_matter,
        status=STATUS[doc.status],
        vote_rule=doc.vote_rule,
        created_by=doc.created_by,
        created_at=_ts(doc.created_at),
        closes_at=_ts(doc.closes_at),
        decided_at=_ts(doc.decided_at),
        summary=doc.summary,
        tally=tally_pb(doc.tally),
        decided_in_meeting=doc.decided_in_meeting,
        building_ids=list(doc.building_ids),
        building_names=list(doc.building_names),
    )


def ballot_entry_pb(line: ballots.PublishedBallot) -> pb.BallotEntry:
    return pb.BallotEntry(
        household_id=line.household_id,
        building_id=line.building_id,
        label=line.label,
        choice=CHOICE[line.choice],
        area_centi_m2=line.area_centi_m2,
        cast_at=_ts(line.cast_at),
        revision=line.revision,
        cast_by=line.cast_by,
    )


def meeting_pb(doc) -> pb.Meeting:
    return pb.Meeting(
        id=doc.id,
        tenant_id=doc.tenant_id,
        compound_id=doc.compound_id,
        tier=doc.tier,
        title=doc.title,
        scheduled_at=_ts(doc.scheduled_at),
        agenda=list(doc.agenda),
        proposal_ids=list(doc.proposal_ids),
        attendance=[pb.Attendee(subject=a.subject, name=a.name, party=a.party) for a in doc.attendance],
        minutes=doc.minutes,
        status=doc.status,
        created_by=doc.created_by,
        decisions=[
            pb.MeetingDecision(proposal_id=d.proposal_id, approved=d.approved, note=d.note)
            for d in doc.decisions
        ],
    )


class DeliberationServicer(Wired, pb_grpc.DeliberationServiceServicer):
    def __init__(
        self,
        roster: Roster | None = None,
        uow: UnitOfWorkFactory | None = None,
        idempotency: IdempotencyStore | None = None,
    ):
        super().__init__(uow, idempotency)
        self.roster = roster or MongoRoster()

    @roles(*ORGANISERS)
    @idempotent(pb.Proposal)
    def CreateProposal(self, request, context):
        return proposal_pb(
            proposals.create(
                self.uow(),
                current_principal(),
                request.compound_id,
                request.title,
                request.description,
                request.category,
                request.amount_fen,
                list(request.building_ids),
            )
        )

    def GetProposal(self, request, context):
        return proposal_pb(proposals.get(self.uow(), request.proposal_id))

    def ListProposals(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = proposals.listing(
            self.uow(),
            request.compound_id,
            STATUS_NAME.get(request.status, ""),
            offset,
            limit,
        )
        return pb.ListProposalsResponse(
            proposals=[proposal_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )

    @roles(*ORGANISERS)
    @idempotent(pb.Proposal)
    def OpenVote(self, request, context):
        return proposal_pb(
            proposals.open_vote(self.uow(), request.proposal_id, self.roster, when(request, "closes_at"))
        )

    @roles(*VOTERS)
    @idempotent(pb.Ballot)
    def CastBallot(self, request, context):
        doc = proposals.cast_ballot(
            self.uow(),
            current_principal(),
            request.proposal_id,
            request.household_id,
            CHOICE_NAME[request.choice],
            self.roster,
        )
        return pb.Ballot(
            proposal_id=doc.proposal_id,
            household_id=doc.household_id,
            choice=CHOICE[doc.choice],
            cast_by=doc.cast_by,
            cast_at=_ts(doc.cast_at),
            revision=doc.revision,
        )

    @roles(*ORGANISERS)
    @idempotent(pb.Proposal)
    def CloseVote(self, request, context):
        return proposal_pb(proposals.close_vote(self.uow(), request.proposal_id, self.roster))

    # Any role may ask: staff always, the compound's owners once decided (ballots.listing decides).
    def ListBallots(self, request, context):
        offset, limit = page_window(request.page)
        lines, total = ballots.listing(
            self.uow(),
            current_principal(),
            request.proposal_id,
            CHOICE_NAME.get(request.choice, ""),
            offset,
            limit,
            self.roster,
        )
        return pb.ListBallotsResponse(
            ballots=[ballot_entry_pb(b) for b in lines], page=page_response(offset, limit, len(lines), total)
        )

    @roles(*ORGANISERS)
    @idempotent(pb.Proposal)
    def WithdrawProposal(self, request, context):
        return proposal_pb(
            proposals.withdraw(self.uow(), current_principal(), request.proposal_id, request.reason)
        )

    @roles(*ORGANISERS)
    @idempotent(pb.Meeting)
    def ScheduleMeeting(self, request, context):
        return meeting_pb(
            meetings.schedule(
                self.uow(),
                current_principal(),
                request.compound_id,
                request.tier,
                request.title,
                when(request, "scheduled_at"),
                list(request.agenda),
                list(request.proposal_ids),
            )
        )

    @roles(*ORGANISERS)
    @idempotent(pb.Meeting)
    def RecordAttendance(self, request, context):
        attendees = [Attendee(a.subject, a.name, a.party) for a in request.attendees]
        return meeting_pb(meetings.record_attendance(self.uow(), request.meeting_id, attendees))

    @roles(*ORGANISERS)
    @idempotent(pb.Meeting)
    def RecordMinutes(self, request, context):
        decisions = [Decision(d.proposal_id, d.approved, d.note) for d in request.decisions]
        return meeting_pb(meetings.record_minutes(self.uow(), request.meeting_id, request.minutes, decisions))

    def GetMeeting(self, request, context):
        return meeting_pb(meetings.get(self.uow(), request.meeting_id))

    def ListMeetings(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = meetings.listing(self.uow(), request.compound_id, offset, limit)
        return pb.ListMeetingsResponse(
            meetings=[meeting_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )


def deliberation_specs(
    _settings=None,
    roster: Roster | None = None,
    uow: UnitOfWorkFactory | None = None,
    idempotency: IdempotencyStore | None = None,
) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            DeliberationServicer(roster, uow, idempotency),
            pb_grpc.add_DeliberationServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["DeliberationService"].full_name,
        )
    ]
