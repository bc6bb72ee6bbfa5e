"""Use cases of meetings (自管队会议, 议事会, 三方联席会议): schedule, attendance, minutes and decisions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from linli_platform.auth import Principal
from linli_platform.errors import FailedPrecondition, InvalidField, NotFound

from linli_communities.adapters.deliberation_documents import (
    AttendeeDoc,
    DecisionDoc,
    MeetingDoc,
    ProposalDoc,
)
from linli_communities.domain.deliberation import HELD, SCHEDULED, check_meeting_may_decide, meeting_summary
from linli_communities.service_layer import governance, proposals


@dataclass(frozen=True)
class Attendee:
    subject: str
    name: str
    party: str


@dataclass(frozen=True)
class Decision:
    proposal_id: str
    approved: bool
    note: str = ""


def schedule(
    principal: Principal,
    compound_id: str,
    tier: str,
    title: str,
    scheduled_at: datetime,
    agenda: list[str],
    proposal_ids: list[str],
) -> MeetingDoc:
    governance.effective(principal.tenant, compound=compound_id)  # NOT_FOUND for an unknown compound
    for i, proposal_id in enumerate(proposal_ids):
        proposal = (
            ProposalDoc.scoped(principal.tenant)
            .filter(proposal_id=proposal_id)
            .only("compound_id", "tier")
            .first()
        )
        if proposal is None or proposal.compound_id != compound_id:
            raise InvalidField(f"proposal_ids[{i}]", f"no proposal {proposal_id} in compound {compound_id}")
        if proposal.tier != tier:
            raise InvalidField(
                f"proposal_ids[{i}]", f"proposal {proposal_id} is for {proposal.tier}, not {tier}"
            )
    doc = MeetingDoc(
        tenant_id=principal.tenant,
        meeting_id="m" + uuid.uuid4().hex[:15],
        compound_id=compound_id,
        tier=tier,
        title=title.strip(),
        scheduled_at=scheduled_at,
        agenda=list(agenda),
        proposal_ids=list(dict.fromkeys(proposal_ids)),
        status=SCHEDULED,
        created_by=principal.subject,
    )
    doc.save(force_insert=True)
    return doc


def get(tenant_id: str, meeting_id: str) -> MeetingDoc:
    doc = MeetingDoc.scoped(tenant_id).filter(meeting_id=meeting_id).first()
    if doc is None:
        raise NotFound(f"meeting {meeting_id} not found")
    return doc


def listing(tenant_id: str, compound_id: str, offset: int, limit: int):
    query = MeetingDoc.scoped(tenant_id)
    if compound_id:
        query = query.filter(compound_id=compound_id)
    query = query.order_by("-scheduled_at", "meeting_id")
    return list(query.skip(offset).limit(limit)), query.count()


def record_attendance(tenant_id: str, meeting_id: str, attendees: list[Attendee]) -> MeetingDoc:
    doc = get(tenant_id, meeting_id)
    if doc.status != SCHEDULED:
        raise FailedPrecondition("attendance can only be recorded before the minutes")
    seen = {(a.subject or a.name, a.party) for a in doc.attendance}
    for a in attendees:
        if (a.subject or a.name, a.party) not in seen:
            seen.add((a.subject or a.name, a.party))
            doc.attendance.append(AttendeeDoc(subject=a.subject, name=a.name.strip(), party=a.party))
    doc.save()
    return doc


def record_minutes(tenant_id: str, meeting_id: str, minutes: str, decisions: list[Decision]) -> MeetingDoc:
    """Minutes close the meeting; each decision decides a proposal of this meeting's tier on its agenda.

    Every decision is checked before any is written, so a bad one changes nothing. A retry after a
    crash skips the proposals this meeting already decided.
    """
    doc = get(tenant_id, meeting_id)
    if doc.status != SCHEDULED:
        raise FailedPrecondition("the minutes of this meeting are already recorded")
    present = {a.party for a in doc.attendance}
    todo = []
    for i, decision in enumerate(decisions):
        if decision.proposal_id not in doc.proposal_ids:
            raise InvalidField(f"decisions[{i}].proposal_id", "is not on this meeting's agenda")
        proposal = proposals.get(tenant_id, decision.proposal_id)
        if proposal.decided_in_meeting == meeting_id:
            continue
        check_meeting_may_decide(
            doc.tier, proposal.tier, proposal.special_matter, proposal.status, proposal.parties, present
        )
        todo.append((proposal, decision))
    for proposal, decision in todo:
        summary = meeting_summary(proposal.meeting_name, doc.title, decision.approved, decision.note)
        proposals.decide(
            proposal, decision.approved, summary, from_status=proposal.status, meeting_id=meeting_id
        )
    doc.minutes = minutes
    doc.decisions = [
        DecisionDoc(proposal_id=d.proposal_id, approved=d.approved, note=d.note) for d in decisions
    ]
    doc.status = HELD
    doc.save()
    return doc
