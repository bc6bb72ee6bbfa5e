"""DeliberationService over gRPC: tiers from the config, household votes, meetings, tenancy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import deliberation_pb2 as pb
from linli.communities.v1 import deliberation_pb2_grpc as pb_grpc
from linli.communities.v1 import events_pb2
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from linli_communities.adapters.deliberation_documents import ProposalDoc
from linli_platform.errors import field_violations
from linli_platform.events import unpack

CONFIG = """
district: {name: 汉阳区}
deliberation:
  tiers:
    - {name: 自管队先议, decided_by: self_management_team, max_amount_fen: 200000, meeting: 自管队会议}
    - {name: 议事会联审, decided_by: council, max_amount_fen: 2000000, meeting: 议事会}
    - {name: 三方共决, decided_by: three_party, meeting: 三方联席会议,
       categories: [maintenance_fund, parking]}
  votes: {rule: double_majority}
"""
FOR, AGAINST, ABSTAIN = pb.CHOICE_FOR, pb.CHOICE_AGAINST, pb.CHOICE_ABSTAIN


@pytest.fixture
def stub(api, who):
    gpb_grpc.GovernanceServiceStub(api).ApplyConfig(
        gpb.ApplyConfigRequest(request_id="cfg", document=CONFIG), metadata=who("hanyang", "district_admin")
    )
    return pb_grpc.DeliberationServiceStub(api)


@pytest.fixture
def staff(who):
    return who("hanyang", "community_staff")


def propose(stub, meta, category="greening", amount=100_000, compound="jinjiang", rid="p1"):
    return stub.CreateProposal(
        pb.CreateProposalRequest(
            request_id=rid, compound_id=compound, title="更换路灯", category=category, amount_fen=amount
        ),
        metadata=meta,
    )


def decided_event(proposal_id: str) -> events_pb2.ProposalDecided:
    [pending] = ProposalDoc.scoped("hanyang").get(proposal_id=proposal_id).outbox
    assert pending.topic == "communities.proposal.v1" and pending.key == f"hanyang:{proposal_id}"
    return unpack(EventEnvelope.FromString(pending.value))


def code_of(call) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as exc:
        call()
    return exc.value.code()


@pytest.mark.parametrize(
    ("category", "amount", "tier", "special"),
    [
        ("greening", 200_000, "self_management_team", False),
        ("greening", 200_001, "council", False),
        ("greening", 2_000_001, "three_party", False),
        ("parking", 0, "three_party", False),
        ("maintenance_fund", 100, "three_party", True),
    ],
)
def test_the_tier_comes_from_the_config_by_category_and_amount(stub, staff, category, amount, tier, special):
    proposal = propose(stub, staff, category, amount)
    assert (proposal.tier, proposal.special_matter, proposal.status) == (
        tier,
        special,
        pb.PROPOSAL_STATUS_OPEN,
    )
    assert proposal.community_id == "yangsi"


def test_a_vote_counts_one_changeable_ballot_per_household_and_publishes_the_decision(
    stub, staff, who, household
):
    for i, area in enumerate((10_000, 9_000, 8_000)):
        household("hanyang", "jinjiang", f"h{i}", area, owner=f"owner{i}")
    proposal = propose(stub, staff, "maintenance_fund", 5_000_000)
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)

    def ballot(i, choice, rid):
        return stub.CastBallot(
            pb.CastBallotRequest(
                request_id=rid, proposal_id=proposal.id, household_id=f"h{i}", choice=choice
            ),
            metadata=who("hanyang", "resident", f"owner{i}"),
        )

    ballot(0, AGAINST, "b1")
    assert ballot(0, FOR, "b2").revision == 2  # changed mind: the later ballot replaces the first
    ballot(1, FOR, "b3")
    closed = stub.CloseVote(pb.CloseVoteRequest(request_id="c", proposal_id=proposal.id), metadata=staff)
    assert closed.status == pb.PROPOSAL_STATUS_APPROVED  # special matter: 2/2 of participants ≥ 3/4
    assert (closed.tally.participating_households, closed.tally.for_households) == (2, 2)
    assert closed.tally.for_area_centi_m2 == 19_000 and closed.tally.eligible_area_centi_m2 == 27_000
    event = decided_event(proposal.id)
    assert event.approved and event.special_matter and event.tier == "three_party"
    assert "双过半" in event.summary and "通过" in event.summary


def test_a_vote_short_of_two_thirds_participation_is_rejected(stub, staff, household):
    for i in range(3):
        household("hanyang", "jinjiang", f"h{i}", 10_000, owner=f"owner{i}")
    proposal = propose(stub, staff)
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
    stub.CastBallot(
        pb.CastBallotRequest(request_id="b", proposal_id=proposal.id, household_id="h0", choice=FOR),
        metadata=staff,
    )  # a paper ballot recorded by staff
    closed = stub.CloseVote(pb.CloseVoteRequest(request_id="c", proposal_id=proposal.id), metadata=staff)
    assert closed.status == pb.PROPOSAL_STATUS_REJECTED and not closed.tally.quorum_reached
    assert not decided_event(proposal.id).approved


def test_only_an_owner_of_the_household_may_vote_for_it(stub, staff, who, household):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    proposal = propose(stub, staff)
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
    for subject in ("owner1", "renter-h0"):
        assert (
            code_of(
                lambda s=subject: stub.CastBallot(
                    pb.CastBallotRequest(
                        request_id=f"b-{s}", proposal_id=proposal.id, household_id="h0", choice=FOR
                    ),
                    metadata=who("hanyang", "resident", s),
                )
            )
            == grpc.StatusCode.PERMISSION_DENIED
        )
    assert (
        code_of(
            lambda: stub.CastBallot(
                pb.CastBallotRequest(
                    request_id="b", proposal_id=proposal.id, household_id="nobody", choice=FOR
                ),
                metadata=staff,
            )
        )
        == grpc.StatusCode.NOT_FOUND
    )


def test_no_ballot_after_close_and_no_second_close(stub, staff, household):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    proposal = propose(stub, staff)
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
    stub.CloseVote(pb.CloseVoteRequest(request_id="c", proposal_id=proposal.id), metadata=staff)
    assert (
        code_of(
            lambda: stub.CastBallot(
                pb.CastBallotRequest(request_id="b", proposal_id=proposal.id, household_id="h0", choice=FOR),
                metadata=staff,
            )
        )
        == grpc.StatusCode.FAILED_PRECONDITION
    )
    assert (
        code_of(
            lambda: stub.CloseVote(
                pb.CloseVoteRequest(request_id="c2", proposal_id=proposal.id), metadata=staff
            )
        )
        == grpc.StatusCode.FAILED_PRECONDITION
    )


def test_a_vote_needs_households_on_the_roster(stub, staff):
    proposal = propose(stub, staff)
    assert (
        code_of(
            lambda: stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
        )
        == grpc.StatusCode.FAILED_PRECONDITION
    )


def _meeting(stub, meta, tier, proposal_ids, rid="m"):
    when = Timestamp()
    when.FromDatetime(datetime.now(UTC) + timedelta(days=1))
    return stub.ScheduleMeeting(
        pb.ScheduleMeetingRequest(
            request_id=rid,
            compound_id="jinjiang",
            tier=tier,
            title="金江焕新三方联席会议",
            scheduled_at=when,
            agenda=["停车位规划"],
            proposal_ids=proposal_ids,
        ),
        metadata=meta,
    )


def test_a_three_party_meeting_decides_only_with_all_three_parties_present(stub, staff):
    proposal = propose(stub, staff, "parking", 0)
    meeting = _meeting(stub, staff, "three_party", [proposal.id])
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
    assert decided_event(proposal.id).summary.startswith("三方联席会议")


def test_a_meeting_cannot_decide_a_special_matter_or_another_tiers_proposal(stub, staff):
    special = propose(stub, staff, "maintenance_fund", 100, rid="p1")
    meeting = _meeting(stub, staff, "three_party", [special.id])
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
    routine = propose(stub, staff, "greening", 100, rid="p2")
    with pytest.raises(grpc.RpcError) as exc:
        _meeting(stub, staff, "council", [routine.id], rid="m2")
    assert exc.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(exc.value)] == ["proposal_ids[0]"]


def test_requests_are_validated_naming_the_field(stub, staff):
    with pytest.raises(grpc.RpcError) as exc:
        stub.CastBallot(
            pb.CastBallotRequest(request_id="b", proposal_id="p", household_id="h"), metadata=staff
        )
    assert [f for f, _ in field_violations(exc.value)] == ["choice"]
    with pytest.raises(grpc.RpcError) as exc:
        stub.RecordAttendance(
            pb.RecordAttendanceRequest(
                request_id="a", meeting_id="m", attendees=[pb.Attendee(name="x", party="mayor")]
            ),
            metadata=staff,
        )
    assert [f for f, _ in field_violations(exc.value)] == ["attendees[0].party"]
    with pytest.raises(grpc.RpcError) as exc:
        propose(stub, staff, category="Bad Category")
    assert [f for f, _ in field_violations(exc.value)] == ["category"]


def test_residents_and_property_firms_cannot_create_proposals_or_run_votes(stub, who):
    for role in ("resident", "property_firm", "volunteer"):
        assert code_of(lambda r=role: propose(stub, who("hanyang", r))) == grpc.StatusCode.PERMISSION_DENIED


def test_one_districts_admin_can_neither_read_nor_change_anothers_proposals(stub, staff, who, household):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    proposal = propose(stub, staff)
    meeting = _meeting(stub, staff, "self_management_team", [proposal.id])
    other = who("donghu", "district_admin")
    not_found = grpc.StatusCode.NOT_FOUND
    assert (
        code_of(lambda: stub.GetProposal(pb.GetProposalRequest(proposal_id=proposal.id), metadata=other))
        == not_found
    )
    assert stub.ListProposals(pb.ListProposalsRequest(), metadata=other).page.total == 0
    assert (
        code_of(
            lambda: stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=other)
        )
        == not_found
    )
    assert code_of(lambda: propose(stub, other, rid="x")) == not_found  # hanyang's compound
    assert code_of(lambda: withdraw(stub, other, proposal.id)) == not_found
    assert (
        code_of(lambda: stub.GetMeeting(pb.GetMeetingRequest(meeting_id=meeting.id), metadata=other))
        == not_found
    )
    assert stub.ListMeetings(pb.ListMeetingsRequest(), metadata=other).page.total == 0
    assert (
        code_of(
            lambda: stub.RecordMinutes(
                pb.RecordMinutesRequest(request_id="n", meeting_id=meeting.id, minutes="x"), metadata=other
            )
        )
        == not_found
    )
    assert (
        code_of(
            lambda: stub.RecordAttendance(
                pb.RecordAttendanceRequest(
                    request_id="a",
                    meeting_id=meeting.id,
                    attendees=[pb.Attendee(name="x", party="community")],
                ),
                metadata=other,
            )
        )
        == not_found
    )
    assert (
        code_of(lambda: _meeting(stub, other, "self_management_team", [proposal.id], rid="m9")) == not_found
    )
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
    for call in (
        lambda: stub.CastBallot(
            pb.CastBallotRequest(request_id="b", proposal_id=proposal.id, household_id="h0", choice=FOR),
            metadata=other,
        ),
        lambda: stub.CloseVote(pb.CloseVoteRequest(request_id="c", proposal_id=proposal.id), metadata=other),
    ):
        assert code_of(call) == not_found
    assert (
        stub.GetProposal(pb.GetProposalRequest(proposal_id=proposal.id), metadata=staff).status
        == pb.PROPOSAL_STATUS_VOTING
    )


def withdraw(stub, meta, proposal_id, rid="w", reason="改由物业企业承担费用"):
    return stub.WithdrawProposal(
        pb.WithdrawProposalRequest(request_id=rid, proposal_id=proposal_id, reason=reason), metadata=meta
    )


def test_an_author_withdraws_a_running_vote_and_nothing_more_happens_to_it(stub, who, household):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    author = who("hanyang", "council", "council-li")
    proposal = propose(stub, author)
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=author)
    withdrawn = withdraw(stub, author, proposal.id)
    assert withdrawn.status == pb.PROPOSAL_STATUS_WITHDRAWN
    assert withdrawn.summary == "已撤回：改由物业企业承担费用" and withdrawn.HasField("decided_at")
    assert withdraw(stub, author, proposal.id) == withdrawn  # a retry of the same request
    [pending] = ProposalDoc.scoped("hanyang").get(proposal_id=proposal.id).outbox
    event = unpack(EventEnvelope.FromString(pending.value))
    assert isinstance(event, events_pb2.ProposalWithdrawn)
    assert (event.withdrawn_by, event.vote_cancelled) == ("council-li", True)
    ballot = pb.CastBallotRequest(request_id="b", proposal_id=proposal.id, household_id="h0", choice=FOR)
    for call in (
        lambda: stub.CastBallot(ballot, metadata=who("hanyang", "resident", "owner0")),
        lambda: stub.CloseVote(pb.CloseVoteRequest(request_id="c", proposal_id=proposal.id), metadata=author),
        lambda: withdraw(stub, author, proposal.id, rid="w2"),
    ):
        assert code_of(call) == grpc.StatusCode.FAILED_PRECONDITION
    listed = stub.ListProposals(
        pb.ListProposalsRequest(status=pb.PROPOSAL_STATUS_WITHDRAWN), metadata=author
    ).proposals
    assert [p.id for p in listed] == [proposal.id]


def test_only_the_author_or_staff_withdraw_and_a_decided_proposal_stays(stub, staff, who, household):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    proposal = propose(stub, who("hanyang", "council", "council-li"))
    other_member = who("hanyang", "council", "council-wang")
    assert code_of(lambda: withdraw(stub, other_member, proposal.id)) == grpc.StatusCode.PERMISSION_DENIED
    assert code_of(lambda: withdraw(stub, who("hanyang", "resident", "owner0"), proposal.id)) == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    with pytest.raises(grpc.RpcError) as exc:
        withdraw(stub, staff, proposal.id, reason="")
    assert exc.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(exc.value)] == ["reason"]
    assert withdraw(stub, staff, proposal.id).status == pb.PROPOSAL_STATUS_WITHDRAWN  # staff may

    decided = propose(stub, staff, rid="p2")
    stub.OpenVote(pb.OpenVoteRequest(request_id="o2", proposal_id=decided.id), metadata=staff)
    stub.CloseVote(pb.CloseVoteRequest(request_id="c2", proposal_id=decided.id), metadata=staff)
    assert code_of(lambda: withdraw(stub, staff, decided.id, rid="w3")) == grpc.StatusCode.FAILED_PRECONDITION
