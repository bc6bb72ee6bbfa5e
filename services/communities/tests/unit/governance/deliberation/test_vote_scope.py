"""A vote scoped to some buildings (a maintenance-fund use for them is decided by their owners, Civil
Code art. 278): its electorate, figures and decision count only their households; another building's
household may not vote; the scope names live buildings of the compound in the caller's district.

The compound (金江公寓, hand-computed figures, areas in hundredths of m²):
    1栋: h11 100.00 ㎡, h12 100.00 ㎡        2栋: h21 80.00 ㎡, h22 120.00 ㎡
    3栋: h31 300.00 ㎡, h32 300.00 ㎡, h33 200.00 ㎡
Scope 1栋+2栋: 4 households, 400.00 ㎡. The whole compound: 7 households, 1 200.00 ㎡.
The matter is maintenance_fund: a special matter, double majority (2/3 take part, 3/4 approve).
"""

from __future__ import annotations

import grpc
import pytest
from linli.communities.v1 import deliberation_pb2 as pb
from linli_communities.domain.households import Resident
from linli_communities.domain.records import Building, Household
from linli_platform.status import field_violations

FOR, AGAINST = pb.CHOICE_FOR, pb.CHOICE_AGAINST
HOUSEHOLDS = {
    "1": {"h11": 10_000, "h12": 10_000},
    "2": {"h21": 8_000, "h22": 12_000},
    "3": {"h31": 30_000, "h32": 30_000, "h33": 20_000},
}


@pytest.fixture
def compound(hierarchy, uow_for):
    """金江公寓 with three buildings and their owners (owner of hNN: oNN); 4栋 archived, empty."""
    uow = uow_for("hanyang")
    for building_id in ("1", "2", "3", "4"):
        building = Building("hanyang", compound_id="jinjiang", building_id=building_id)
        building.upsert(name=f"{building_id}栋", archived=building_id == "4")
        uow.buildings.add(building)
        for household_id, area in HOUSEHOLDS.get(building_id, {}).items():
            added = Household("hanyang", compound_id="jinjiang", household_id=household_id)
            added.upsert(
                building_id=building_id,
                label=f"{building_id}栋{household_id[-1]}01室",
                area_centi_m2=area,
                residents=[Resident("业主", "13800000000", "owner", "o" + household_id[1:])],
            )
            uow.households.add(added)
    # Another district has a building 7 in a compound of the same id: not this district's.
    other = uow_for("donghu")
    stranger = Building("donghu", compound_id="jinjiang", building_id="7")
    stranger.upsert(name="7栋")
    other.buildings.add(stranger)
    other.commit()
    uow.commit()


def create(stub, meta, building_ids, rid="p-scope"):
    return stub.CreateProposal(
        pb.CreateProposalRequest(
            request_id=rid,
            compound_id="jinjiang",
            title="1、2栋电梯中大修",
            category="maintenance_fund",
            amount_fen=3_000_000,
            building_ids=building_ids,
        ),
        metadata=meta,
    )


def vote(stub, who, staff, building_ids, ballots, rid="p-scope"):
    """Create, open, cast `ballots` ({household: choice}, each by its owner) and close."""
    proposal = create(stub, staff, building_ids, rid)
    stub.OpenVote(pb.OpenVoteRequest(request_id=f"{rid}-o", proposal_id=proposal.id), metadata=staff)
    for household_id, choice in ballots.items():
        stub.CastBallot(
            pb.CastBallotRequest(
                request_id=f"{rid}-{household_id}",
                proposal_id=proposal.id,
                household_id=household_id,
                choice=choice,
            ),
            metadata=who("hanyang", "resident", "o" + household_id[1:]),
        )
    return stub.CloseVote(pb.CloseVoteRequest(request_id=f"{rid}-c", proposal_id=proposal.id), metadata=staff)


def figures(closed) -> tuple:
    t = closed.tally
    return (
        (t.eligible_households, t.eligible_area_centi_m2),
        (t.participating_households, t.participating_area_centi_m2),
        (t.for_households, t.for_area_centi_m2),
        (t.against_households, t.against_area_centi_m2),
    )


def test_the_scoped_vote_reaches_the_double_majority_that_the_whole_compound_would_not(
    stub, staff, who, compound, published
):
    ballots = {"h11": FOR, "h12": FOR, "h22": FOR}  # h21 does not vote
    scoped = vote(stub, who, staff, ["1", "2"], ballots)
    # 3 of 4 households (≥ 2/3) and 320 of 400 ㎡ (80 % ≥ 2/3) took part; all of them for (≥ 3/4).
    assert figures(scoped) == ((4, 40_000), (3, 32_000), (3, 32_000), (0, 0))
    assert scoped.status == pb.PROPOSAL_STATUS_APPROVED and scoped.tally.quorum_reached
    assert (list(scoped.building_ids), list(scoped.building_names)) == (["1", "2"], ["1栋", "2栋"])
    assert scoped.summary.startswith("表决范围：1栋、2栋业主；双过半")
    assert "应参与4户/400.00㎡" in scoped.summary
    event = published(scoped.id)
    assert event.approved and list(event.building_ids) == ["1", "2"] and event.vote_rule == "double_majority"

    whole = vote(stub, who, staff, [], ballots, rid="p-whole")
    # The same ballots compound-wide: 3 of 7 households take part (< 2/3) — no quorum.
    assert figures(whole) == ((7, 120_000), (3, 32_000), (3, 32_000), (0, 0))
    assert whole.status == pb.PROPOSAL_STATUS_REJECTED and not whole.tally.quorum_reached
    assert list(published(whole.id).building_ids) == [] and "表决范围" not in whole.summary


def test_the_whole_compound_approves_what_the_scoped_owners_reject_by_area(stub, staff, who, compound):
    in_scope = {"h11": FOR, "h12": FOR, "h21": FOR, "h22": AGAINST}
    scoped = vote(stub, who, staff, ["1", "2"], in_scope)
    # All 4 take part; 3 of 4 households are for (exactly 3/4: enough) but only 280 of 400 ㎡ (70 % < 3/4).
    assert figures(scoped) == ((4, 40_000), (4, 40_000), (3, 28_000), (1, 12_000))
    assert scoped.status == pb.PROPOSAL_STATUS_REJECTED and scoped.tally.quorum_reached

    everyone = {**in_scope, "h31": FOR, "h32": FOR, "h33": FOR}
    whole = vote(stub, who, staff, [], everyone, rid="p-whole")
    # Compound-wide: 6 of 7 households (85.7 %) and 1 080 of 1 200 ㎡ (90 %) for — approved.
    assert figures(whole) == ((7, 120_000), (7, 120_000), (6, 108_000), (1, 12_000))
    assert whole.status == pb.PROPOSAL_STATUS_APPROVED


def test_a_household_of_another_building_may_not_vote_even_on_paper(stub, staff, who, compound, store):
    proposal = create(stub, staff, ["1", "2"])
    stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
    for rid, meta in (("b-owner", who("hanyang", "resident", "o31")), ("b-paper", staff)):
        with pytest.raises(grpc.RpcError) as refused:
            stub.CastBallot(
                pb.CastBallotRequest(request_id=rid, proposal_id=proposal.id, household_id="h31", choice=FOR),
                metadata=meta,
            )
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert "household_id h31" in refused.value.details()
        assert "不在本议题表决范围内，本次仅1栋、2栋业主表决" in refused.value.details()
    assert store.tables["ballots"] == {}
    listed = stub.ListBallots(pb.ListBallotsRequest(proposal_id=proposal.id), metadata=staff)
    assert list(listed.ballots) == []


@pytest.mark.parametrize(
    ("building_ids", "path", "reason"),
    [
        (["1", "9"], "building_ids[1]", "本小区无此楼栋"),  # no such building
        (["7"], "building_ids[0]", "本小区无此楼栋"),  # another district's building
        (["4"], "building_ids[0]", "本小区无此楼栋"),  # archived
        (["1", "2", "1"], "building_ids[2]", "楼栋重复"),
    ],
)
def test_a_scope_of_unknown_or_repeated_buildings_is_invalid_argument_and_writes_nothing(
    stub, staff, compound, store, building_ids, path, reason
):
    with pytest.raises(grpc.RpcError) as refused:
        create(stub, staff, building_ids)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    violations = field_violations(refused.value)
    assert [p for p, _ in violations] == [path] and reason in violations[0][1]
    assert not any(key[0] == "hanyang" for key in store.tables["proposals"])


def test_a_scope_longer_than_the_limit_is_refused_by_the_request_rules(stub, staff, compound):
    with pytest.raises(grpc.RpcError) as refused:
        create(stub, staff, [str(i) for i in range(201)])
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [p for p, _ in field_violations(refused.value)] == ["building_ids"]


def test_a_vote_on_buildings_without_households_cannot_open(stub, staff, uow_for, compound):
    uow = uow_for("hanyang")
    empty = Building("hanyang", compound_id="jinjiang", building_id="5")
    empty.upsert(name="5栋")
    uow.buildings.add(empty)
    uow.commit()
    proposal = create(stub, staff, ["5"])
    with pytest.raises(grpc.RpcError) as refused:
        stub.OpenVote(pb.OpenVoteRequest(request_id="o", proposal_id=proposal.id), metadata=staff)
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "5栋没有可表决的住户" in refused.value.details()


def test_the_scope_is_read_back_and_listed_with_the_buildings_names(stub, staff, compound):
    created = create(stub, staff, ["2", "1"])
    got = stub.GetProposal(pb.GetProposalRequest(proposal_id=created.id), metadata=staff)
    assert (list(got.building_ids), list(got.building_names)) == (["2", "1"], ["2栋", "1栋"])
    listed = stub.ListProposals(pb.ListProposalsRequest(compound_id="jinjiang"), metadata=staff)
    assert [list(p.building_ids) for p in listed.proposals] == [["2", "1"]]
