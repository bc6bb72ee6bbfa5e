"""ListBallots, the published vote (投票结果公示): staff at any time, owners once decided, nobody else."""

from __future__ import annotations

import base64

import grpc
import pytest
from google.protobuf import text_format
from linli.common.v1 import common_pb2
from linli.communities.v1 import deliberation_pb2 as pb
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import code_of

FOR, AGAINST, ABSTAIN = pb.CHOICE_FOR, pb.CHOICE_AGAINST, pb.CHOICE_ABSTAIN
AREAS = (10_000, 9_000, 8_000, 7_000, 6_000)
CHOICES = (FOR, FOR, AGAINST, ABSTAIN, FOR)
FORGED = base64.urlsafe_b64encode(str(2**63).encode()).decode()  # an offset the database cannot take
DENIED, NOT_FOUND = grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.NOT_FOUND


def denial(call) -> str:
    """The (Chinese) message of a call that must answer PERMISSION_DENIED."""
    with pytest.raises(grpc.RpcError) as exc:
        call()
    assert exc.value.code() == DENIED
    return exc.value.details()


@pytest.fixture
def vote(stub, staff, who, household, propose):
    """A running vote in jinjiang: five owned households h0…h4, each has voted CHOICES[i]."""
    for i, area in enumerate(AREAS):
        household("hanyang", "jinjiang", f"h{i}", area, owner=f"owner{i}", label=f"1栋1单元{i + 1}01室")
    proposal = propose(staff)
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
    for i, choice in enumerate(CHOICES):
        stub.CastBallot(
            pb.CastBallotRequest(
                request_id=f"b{i}", proposal_id=proposal.id, household_id=f"h{i}", choice=choice
            ),
            metadata=who("hanyang", "resident", f"owner{i}"),
        )
    return proposal


@pytest.fixture
def ballots(stub):
    def page(meta, proposal_id, size=0, token="", choice=pb.CHOICE_UNSPECIFIED):
        return stub.ListBallots(
            pb.ListBallotsRequest(
                proposal_id=proposal_id,
                page=common_pb2.PageRequest(page_size=size, page_token=token),
                choice=choice,
            ),
            metadata=meta,
        )

    return page


@pytest.fixture
def close(stub, staff):
    return lambda proposal: stub.CloseVote(
        pb.CloseVoteRequest(request_id="c", proposal_id=proposal.id), metadata=staff
    )


def test_staff_see_every_ballot_of_a_running_vote_page_by_page(ballots, vote, staff):
    first = ballots(staff, vote.id, size=2)
    assert [b.household_id for b in first.ballots] == ["h0", "h1"]
    assert first.page.total == 5 and first.page.next_page_token
    second = ballots(staff, vote.id, size=2, token=first.page.next_page_token)
    assert [b.household_id for b in second.ballots] == ["h2", "h3"] and second.page.total == 5
    h2 = second.ballots[0]
    assert (h2.choice, h2.area_centi_m2, h2.revision) == (AGAINST, 8_000, 1)
    assert (h2.building_id, h2.label, h2.cast_by) == ("b1", "1栋1单元301室", "owner2")
    assert h2.HasField("cast_at")
    last = ballots(staff, vote.id, size=2, token=second.page.next_page_token)
    assert [b.household_id for b in last.ballots] == ["h4"] and not last.page.next_page_token


@pytest.mark.parametrize("role", ["community_staff", "grid_worker", "district_admin"])
def test_every_staff_role_may_chase_turnout(ballots, vote, who, role):
    assert ballots(who("hanyang", role, f"{role}-1"), vote.id).page.total == 5


def test_an_owner_sees_the_ballots_only_once_decided_and_never_who_cast_them(ballots, vote, who, close):
    owner = who("hanyang", "resident", "owner3")
    assert "决定后" in denial(lambda: ballots(owner, vote.id))
    closed = close(vote)
    published = ballots(owner, vote.id).ballots
    assert [(b.household_id, b.choice) for b in published] == [(f"h{i}", c) for i, c in enumerate(CHOICES)]
    assert all(b.cast_by == "" for b in published)
    shown = "".join(text_format.MessageToString(b, as_utf8=True) for b in published)
    assert "1栋1单元401室" in shown and "业主" not in shown and "13800000000" not in shown  # no name, phone
    in_favour = [b for b in published if b.choice == FOR]
    assert sum(b.area_centi_m2 for b in in_favour) == closed.tally.for_area_centi_m2 == 25_000
    assert len(in_favour) == closed.tally.for_households


def test_a_district_that_does_not_publish_ballots_keeps_them_with_staff(
    api, ballots, vote, who, staff, close
):
    close(vote)
    owner = who("hanyang", "resident", "owner0")
    assert len(ballots(owner, vote.id).ballots) == 5  # published by default
    gpb_grpc.GovernanceServiceStub(api).ApplyConfig(
        gpb.ApplyConfigRequest(
            request_id="cfg-private",
            document="district: {name: 汉阳区}\ndeliberation: {votes: {publish_ballots: false}}\n",
        ),
        metadata=who("hanyang", "district_admin"),
    )
    assert "不向业主公示" in denial(lambda: ballots(owner, vote.id))
    assert ballots(staff, vote.id).ballots[0].cast_by == "owner0"


def test_property_firms_other_compounds_and_non_owners_may_not_see_the_ballots(
    ballots, vote, who, household, close
):
    household("hanyang", "jiangshan-heyue", "x1", 9_000, owner="heyue-owner")
    firm = who("hanyang", "property_firm", "firm@shimao")
    assert code_of(lambda: ballots(firm, vote.id)) == DENIED
    close(vote)
    for meta in (
        firm,
        who("hanyang", "resident", "heyue-owner"),  # an owner, of another compound
        who("hanyang", "council", "council-li"),  # a team member who owns nothing here
        who("hanyang", "volunteer", "volunteer-ma"),
        who("hanyang", "resident", ""),
        who("hanyang", "property_firm", "owner2"),  # a firm's token, whatever subject it names
    ):
        assert "本小区业主" in denial(lambda m=meta: ballots(m, vote.id))
    assert len(ballots(who("hanyang", "council", "owner1"), vote.id).ballots) == 5  # a member who owns h1


def test_another_districts_principals_find_no_such_proposal(ballots, vote, who, close):
    for role in ("district_admin", "community_staff", "resident", "property_firm"):
        assert code_of(lambda r=role: ballots(who("donghu", r, "owner0"), vote.id)) == NOT_FOUND
    close(vote)
    assert code_of(lambda: ballots(who("donghu", "resident", "owner0"), vote.id)) == NOT_FOUND
    assert code_of(lambda: ballots(who("hanyang", "community_staff"), "p-missing")) == NOT_FOUND


def test_a_changed_ballot_appears_once_with_its_latest_choice_and_revision(stub, ballots, vote, who, staff):
    for rid, choice in (("again-1", AGAINST), ("again-2", ABSTAIN)):
        stub.CastBallot(
            pb.CastBallotRequest(request_id=rid, proposal_id=vote.id, household_id="h0", choice=choice),
            metadata=who("hanyang", "resident", "owner0"),
        )
    listed = ballots(staff, vote.id)
    assert listed.page.total == 5
    [h0] = [b for b in listed.ballots if b.household_id == "h0"]
    assert (h0.choice, h0.revision) == (ABSTAIN, 3)


def test_the_choice_filter_lists_only_that_choice(ballots, vote, staff):
    in_favour = ballots(staff, vote.id, choice=FOR)
    assert [b.household_id for b in in_favour.ballots] == ["h0", "h1", "h4"] and in_favour.page.total == 3
    assert [b.household_id for b in ballots(staff, vote.id, choice=AGAINST).ballots] == ["h2"]


def test_a_withdrawn_proposals_ballots_are_for_staff_only(ballots, vote, who, staff, withdraw):
    withdraw(staff, vote.id)
    assert "撤回" in denial(lambda: ballots(who("hanyang", "resident", "owner0"), vote.id))
    assert ballots(staff, vote.id).page.total == 5


@pytest.mark.parametrize(
    ("request_kwargs", "field"),
    [
        ({}, "proposal_id"),
        ({"proposal_id": "p" * 65}, "proposal_id"),
        ({"proposal_id": "p1", "page": common_pb2.PageRequest(page_size=501)}, "page.page_size"),
        ({"proposal_id": "p1", "page": common_pb2.PageRequest(page_size=-1)}, "page.page_size"),
        ({"proposal_id": "p1", "page": common_pb2.PageRequest(page_token="not-a-token")}, "page.page_token"),
        ({"proposal_id": "p1", "page": common_pb2.PageRequest(page_token=FORGED)}, "page.page_token"),
        ({"proposal_id": "p1", "choice": 99}, "choice"),
    ],
)
def test_bad_input_answers_invalid_argument_naming_the_field(stub, staff, request_kwargs, field):
    with pytest.raises(grpc.RpcError) as exc:
        stub.ListBallots(pb.ListBallotsRequest(**request_kwargs), metadata=staff)
    assert exc.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(exc.value)] == [field]
