"""Meetings of a tier decide the proposals on their agenda, with the parties the tier requires."""

from __future__ import annotations

import grpc
import pytest
from linli.communities.v1 import deliberation_pb2 as pb
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import code_of


def test_a_three_party_meeting_decides_only_with_all_three_parties_present(
    stub, staff, propose, schedule, published
):
    proposal = propose(staff, "parking", 0)
    meeting = schedule(staff, "three_party", [proposal.id])
    stub.RecordAttendance(
        pb.RecordAttendanceRequest(
            request_id="a1",
            meeting_id=meeting.id,
            attendees=[
                pb.Attendee(name="张媛媛", party="community"),
                pb.Attendee(name="楼栋长", party="owner_representatives"),
            ],
        ),
        metadata=staff,
    )
    minutes = pb.RecordMinutesRequest(
        request_id="n1",
        meeting_id=meeting.id,
        minutes="议定规划车位56个",
        decisions=[pb.MeetingDecision(proposal_id=proposal.id, approved=True)],
    )
    assert code_of(lambda: stub.RecordMinutes(minutes, metadata=staff)) == grpc.StatusCode.FAILED_PRECONDITION
    assert (
        stub.GetProposal(pb.GetProposalRequest(proposal_id=proposal.id), metadata=staff).status
        == pb.PROPOSAL_STATUS_OPEN
    )
    stub.RecordAttendance(
        pb.RecordAttendanceRequest(
            request_id="a2",
            meeting_id=meeting.id,
            attendees=[pb.Attendee(name="世茂物业", party="property_firm")],
        ),
        metadata=staff,
    )
    minutes.request_id = "n2"
    held = stub.RecordMinutes(minutes, metadata=staff)
    assert held.status == "held" and len(held.attendance) == 3
    decided = stub.GetProposal(pb.GetProposalRequest(proposal_id=proposal.id), metadata=staff)
    assert decided.status == pb.PROPOSAL_STATUS_APPROVED and decided.decided_in_meeting == meeting.id
    assert published(proposal.id).summary.startswith("三方联席会议")


def test_a_meeting_cannot_decide_a_special_matter_or_another_tiers_proposal(stub, staff, propose, schedule):
    special = propose(staff, "maintenance_fund", 100, rid="p1")
    meeting = schedule(staff, "three_party", [special.id])
    stub.RecordAttendance(
        pb.RecordAttendanceRequest(
            request_id="a",
            meeting_id=meeting.id,
            attendees=[
                pb.Attendee(name=n, party=p)
                for n, p in (
                    ("社区", "community"),
                    ("物业", "property_firm"),
                    ("业主", "owner_representatives"),
                )
            ],
        ),
        metadata=staff,
    )
    assert (
        code_of(
            lambda: stub.RecordMinutes(
                pb.RecordMinutesRequest(
                    request_id="n",
                    meeting_id=meeting.id,
                    minutes="记录",
                    decisions=[pb.MeetingDecision(proposal_id=special.id, approved=True)],
                ),
                metadata=staff,
            )
        )
        == grpc.StatusCode.FAILED_PRECONDITION
    )
    routine = propose(staff, "greening", 100, rid="p2")
    with pytest.raises(grpc.RpcError) as exc:
        schedule(staff, "council", [routine.id], rid="m2")
    assert exc.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(exc.value)] == ["proposal_ids[0]"]
