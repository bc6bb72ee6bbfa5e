"""Use cases of meetings (自管队会议, 议事会, 三方联席会议): schedule, attendance, minutes and decisions."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from linli_platform.auth import Principal
from linli_platform.persistence import UnitOfWork

from linli_communities.adapters import metrics
from linli_communities.domain.meeting import Attendee, Decision, Meeting
from linli_communities.service_layer import governance


def schedule(
    uow: UnitOfWork,
    principal: Principal,
    compound_id: str,
    tier: str,
    title: str,
    scheduled_at: datetime,
    agenda: list[str],
    proposal_ids: list[str],
) -> Meeting:
    governance.effective(uow, compound=compound_id)  # NOT_FOUND for an unknown compound
    with uow:
        proposals = [(proposal_id, uow.proposals.find(proposal_id)) for proposal_id in proposal_ids]
        meeting = Meeting.schedule(
            uow.tenant,
            "m" + uuid.uuid4().hex[:15],
            compound_id,
            tier,
            title,
            scheduled_at,
            agenda,
            proposals,
            principal.subject,
        )
        uow.meetings.add(meeting)
        uow.commit()
    return meeting


def get(uow: UnitOfWork, meeting_id: str) -> Meeting:
    return uow.meetings.get(meeting_id)


def listing(uow: UnitOfWork, compound_id: str, offset: int, limit: int):
    return uow.meetings.listing(compound_id, offset, limit)


def record_attendance(uow: UnitOfWork, meeting_id: str, attendees: list[Attendee]) -> Meeting:
    with uow:
        meeting = uow.meetings.get(meeting_id)
        meeting.record_attendance(attendees)
        uow.commit()
    return meeting


def record_minutes(uow: UnitOfWork, meeting_id: str, minutes: str, decisions: list[Decision]) -> Meeting:
    """Minutes close the meeting; each decision decides a proposal of this meeting's tier on its agenda.

    Every decision is checked before any is taken, so a bad one changes nothing. The proposals are
    written before the meeting: a retry after a crash skips those this meeting already decided.
    """
    with uow:
        meeting = uow.meetings.get(meeting_id)
        meeting.check_may_record_minutes()
        present = meeting.present_parties
        todo = []
        for i, decision in enumerate(decisions):
            meeting.check_on_agenda(i, decision)
            proposal = uow.proposals.get(decision.proposal_id)
            if proposal.decided_in_meeting == meeting_id:
                continue
            proposal.decide_at_meeting(meeting.tier, present)
            todo.append((proposal, decision))
        now = datetime.now(UTC)
        for proposal, decision in todo:
            proposal.decided_by_meeting(meeting_id, meeting.title, decision.approved, decision.note, now)
        meeting.record_minutes(minutes, decisions)
        uow.commit()
    for proposal, _ in todo:
        metrics.decided(uow.tenant, proposal.status)
    return meeting
