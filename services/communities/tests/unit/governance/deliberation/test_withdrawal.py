"""Withdrawing a proposal before it is decided."""

from __future__ import annotations

import grpc
import pytest
from linli.communities.v1 import deliberation_pb2 as pb
from linli.communities.v1 import events_pb2
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import code_of

FOR = pb.CHOICE_FOR


def test_an_author_withdraws_a_running_vote_and_nothing_more_happens_to_it(
    stub, who, household, propose, published, withdraw
):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    author = who("hanyang", "council", "council-li")
    proposal = propose(author)
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=author)
    withdrawn = withdraw(author, proposal.id)
    assert withdrawn.status == pb.PROPOSAL_STATUS_WITHDRAWN
    assert withdrawn.summary == "已撤回：改由物业企业承担费用" and withdrawn.HasField("decided_at")
    assert withdraw(author, proposal.id) == withdrawn  # a retry of the same request
    event = published(proposal.id)
    assert isinstance(event, events_pb2.ProposalWithdrawn)
    assert (event.withdrawn_by, event.vote_cancelled) == ("council-li", True)
    ballot = pb.CastBallotRequest(request_id="b", proposal_id=proposal.id, household_id="h0", choice=FOR)
    for call in (
        lambda: stub.CastBallot(ballot, metadata=who("hanyang", "resident", "owner0")),
        lambda: stub.CloseVote(pb.CloseVoteRequest(request_id="c", proposal_id=proposal.id), metadata=author),
        lambda: withdraw(author, proposal.id, rid="w2"),
    ):
        assert code_of(call) == grpc.StatusCode.FAILED_PRECONDITION
    listed = stub.ListProposals(
        pb.ListProposalsRequest(status=pb.PROPOSAL_STATUS_WITHDRAWN), metadata=author
    ).proposals
    assert [p.id for p in listed] == [proposal.id]


def test_only_the_author_or_staff_withdraw_and_a_decided_proposal_stays(
    stub, staff, who, household, propose, withdraw
):
    household("hanyang", "jinjiang", "h0", 10_000, owner="owner0")
    proposal = propose(who("hanyang", "council", "council-li"))
    other_member = who("hanyang", "council", "council-wang")
    assert code_of(lambda: withdraw(other_member, proposal.id)) == grpc.StatusCode.PERMISSION_DENIED
    assert code_of(lambda: withdraw(who("hanyang", "resident", "owner0"), proposal.id)) == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    with pytest.raises(grpc.RpcError) as exc:
        withdraw(staff, proposal.id, reason="")
    assert exc.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(exc.value)] == ["reason"]
    assert withdraw(staff, proposal.id).status == pb.PROPOSAL_STATUS_WITHDRAWN  # staff may

    decided = propose(staff, rid="p2")
    stub.OpenVote(pb.OpenVoteRequest(request_id="o2", proposal_id=decided.id), metadata=staff)
    stub.CloseVote(pb.CloseVoteRequest(request_id="c2", proposal_id=decided.id), metadata=staff)
    assert code_of(lambda: withdraw(staff, decided.id, rid="w3")) == grpc.StatusCode.FAILED_PRECONDITION
