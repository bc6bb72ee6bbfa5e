"""DeliberationService over gRPC: tiers from the config, household votes, validation, tenancy."""

from __future__ import annotations

import grpc
import pytest
from linli.communities.v1 import deliberation_pb2 as pb
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import code_of

FOR, AGAINST, ABSTAIN = pb.CHOICE_FOR, pb.CHOICE_AGAINST, pb.CHOICE_ABSTAIN


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
def test_the_tier_comes_from_the_config_by_category_and_amount(
    stub, staff, category, amount, tier, special, propose
):
    proposal = propose(staff, category, amount)
    assert (proposal.tier, proposal.special_matter, proposal.status) == (
        tier,
        special,
        pb.PROPOSAL_STATUS_OPEN,
    )
    assert proposal.community_id == "yangsi"


def test_a_vote_counts_one_changeable_ballot_per_household_and_publishes_the_decision(
    stub, staff, who, household, propose, published
):
    for i, area in enumerate((10_000, 9_000, 8_000)):
        household("hanyang", "jinjiang", f"h{i}", area, owner=f"owner{i}")
    proposal = propose(staff, "maintenance_fund", 5_000_000)
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
    event = published(proposal.id)
    assert event.approved and event.special_matter and event.tier == "three_party"
    assert "双过半" in event.summary and "通过" in event.summary


def test_a_vote_short_of_two_thirds_participation_is_rejected(stub, staff, household, propose, published):
    for i in range(3):
        household("hanyang", "jinjiang", f"h{i}", 10_000, owner=f"owner{i}")
    proposal = propose(staff)
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
    stub.CastBallot(
        pb.CastBallotRequest(request_id="b", proposal_id=proposal.id, household_id="h0", choice=FOR),
        metadata=staff,
    )  # a paper ballot recorded by staff
    closed = stub.CloseVote(pb.CloseVoteRequest(request_id="c", proposal_id=proposal.id), metadata=staff)
    assert closed.status == pb.PROPOSAL_STATUS_REJECTED and not closed.tally.quorum_reached
    assert not published(proposal.id).approved


def test_only_an_owner_of_the_household_may_vote_for_it(stub, staff, who, household, propose):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    proposal = propose(staff)
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


def test_no_ballot_after_close_and_no_second_close(stub, staff, household, propose):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    proposal = propose(staff)
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


def test_a_vote_needs_households_on_the_roster(stub, staff, propose):
    proposal = propose(staff)
    assert (
        code_of(
            lambda: stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
        )
        == grpc.StatusCode.FAILED_PRECONDITION
    )


def test_requests_are_validated_naming_the_field(stub, staff, propose):
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
        propose(staff, category="Bad Category")
    assert [f for f, _ in field_violations(exc.value)] == ["category"]


def test_residents_and_property_firms_cannot_create_proposals_or_run_votes(stub, who, propose):
    for role in ("resident", "property_firm", "volunteer"):
        assert code_of(lambda r=role: propose(who("hanyang", r))) == grpc.StatusCode.PERMISSION_DENIED


def test_one_districts_admin_can_neither_read_nor_change_anothers_proposals(
    stub, staff, who, household, propose, schedule, withdraw
):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    proposal = propose(staff)
    meeting = schedule(staff, "self_management_team", [proposal.id])
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
    assert code_of(lambda: propose(other, rid="x")) == not_found  # hanyang's compound
    assert code_of(lambda: withdraw(other, proposal.id)) == not_found
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
    assert code_of(lambda: schedule(other, "self_management_team", [proposal.id], rid="m9")) == not_found
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
