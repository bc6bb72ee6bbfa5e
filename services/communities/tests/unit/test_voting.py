"""Vote arithmetic: the Civil Code art. 278 thresholds at their boundaries, and recounts by brute force."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from linli_communities.domain.voting import (
    ABSTAIN,
    AGAINST,
    AREA_WEIGHTED,
    CHOICES,
    DOUBLE_MAJORITY,
    FOR,
    HEADCOUNT,
    Household,
    Thresholds,
    count,
    decide,
    electorate,
    exact,
)
from linli_governance.deliberation import VoteRules

ART_278 = Thresholds()


def roster(n: int, area: int = 10_000) -> list[Household]:
    return [Household(f"h{i}", area) for i in range(n)]


def ballots(for_: int = 0, against: int = 0, abstain: int = 0, start: int = 0) -> dict[str, str]:
    out = {}
    for choice, n in ((FOR, for_), (AGAINST, against), (ABSTAIN, abstain)):
        for _ in range(n):
            out[f"h{start}"] = choice
            start += 1
    return out


def outcome(households, votes, thresholds=ART_278, special=False):
    return decide(count(households, votes), thresholds, special)


# -- participation: at least 2/3 of households and of area ------------------------------------------
def test_participation_of_exactly_two_thirds_reaches_the_quorum():
    result = outcome(roster(300), ballots(for_=200))
    assert result.quorum_reached and result.approved


def test_participation_one_household_below_two_thirds_misses_the_quorum():
    result = outcome(roster(300), ballots(for_=199))
    assert not result.quorum_reached and not result.approved
    assert "参与未达法定比例" in result.summary


def test_enough_households_but_area_just_below_two_thirds_misses_the_quorum():
    # 3 households: two small ones vote (2/3 of households) but hold just under 2/3 of the area.
    households = [Household("h0", 3333), Household("h1", 3333), Household("h2", 3334)]
    assert outcome(households, {"h0": FOR, "h1": FOR}).quorum_reached is False
    heavier = [Household("h0", 3334), Household("h1", 3333), Household("h2", 3333)]
    assert outcome(heavier, {"h0": FOR, "h1": FOR}).quorum_reached is True


def test_enough_area_but_households_below_two_thirds_misses_the_quorum():
    households = [Household("h0", 9000), Household("h1", 500), Household("h2", 500)]
    assert outcome(households, {"h0": FOR}).quorum_reached is False


def test_abstentions_count_towards_participation():
    result = outcome(roster(3), {"h0": FOR, "h1": ABSTAIN})
    assert result.quorum_reached
    assert not result.approved  # 1 of 2 participants is exactly half, not more


# -- ordinary matters: more than 1/2 of participating area and households -----------------------------
def test_exactly_half_of_participating_households_is_not_a_majority():
    result = outcome(roster(300), ballots(for_=100, against=100))
    assert result.quorum_reached and not result.approved


def test_one_more_than_half_of_participating_households_passes():
    assert outcome(roster(300), ballots(for_=101, against=100)).approved


def test_exactly_half_of_participating_area_is_not_a_majority_even_with_more_households():
    # 4 participants: 3 small households for (3/4 of heads) hold exactly half the area.
    households = [Household("h0", 1000), Household("h1", 1000), Household("h2", 1000), Household("h3", 3000)]
    result = outcome(households, {"h0": FOR, "h1": FOR, "h2": FOR, "h3": AGAINST})
    assert result.quorum_reached and not result.approved
    households[3] = Household("h3", 2999)
    assert outcome(households, {"h0": FOR, "h1": FOR, "h2": FOR, "h3": AGAINST}).approved


def test_more_than_half_of_area_but_exactly_half_of_households_fails():
    households = [Household("h0", 5000), Household("h1", 1000), Household("h2", 1000), Household("h3", 1000)]
    result = outcome(households, {"h0": FOR, "h1": FOR, "h2": AGAINST, "h3": AGAINST})
    assert not result.approved


# -- special matters: at least 3/4 of participating area and households -----------------------------------
def test_exactly_three_quarters_passes_a_special_matter():
    assert outcome(roster(400), ballots(for_=300, against=100), special=True).approved


def test_one_household_below_three_quarters_fails_a_special_matter():
    assert not outcome(roster(400), ballots(for_=299, against=101), special=True).approved


def test_three_quarters_of_households_but_area_just_below_fails_a_special_matter():
    households = [Household("h0", 2500), Household("h1", 2500), Household("h2", 2499), Household("h3", 2501)]
    votes = {"h0": FOR, "h1": FOR, "h2": FOR, "h3": AGAINST}
    assert not outcome(households, votes, special=True).approved
    households[3] = Household("h3", 2499)
    assert outcome(households, votes, special=True).approved


def test_a_share_between_half_and_three_quarters_passes_ordinary_but_not_special_matters():
    votes = ballots(for_=250, against=150)
    assert outcome(roster(400), votes).approved
    assert not outcome(roster(400), votes, special=True).approved


def test_nobody_voting_decides_nothing():
    result = outcome(roster(10), {})
    assert not result.quorum_reached and not result.approved


def test_an_empty_roster_decides_nothing():
    assert not outcome([], {"h0": FOR}).approved


# -- the other rules ------------------------------------------------------------------------------------
def test_headcount_ignores_area():
    households = [Household("h0", 100), Household("h1", 100), Household("h2", 99_000)]
    rule = Thresholds(rule=HEADCOUNT)
    assert outcome(households, {"h0": FOR, "h1": FOR}, rule).approved


def test_area_weighted_ignores_headcount():
    households = [Household("h0", 100), Household("h1", 100), Household("h2", 99_000)]
    rule = Thresholds(rule=AREA_WEIGHTED)
    assert outcome(households, {"h2": FOR}, rule).approved
    assert not outcome(households, {"h0": FOR, "h1": FOR}, rule).approved


def test_ballots_of_households_not_on_the_roster_count_for_nothing():
    tally = count(roster(3), {"h0": FOR, "stranger": FOR})
    assert (tally.participating_households, tally.for_households) == (1, 1)


@pytest.mark.parametrize("written", [2 / 3, 0.6667, 0.666667])
def test_a_configured_two_thirds_is_exactly_two_thirds(written):
    thresholds = Thresholds.from_config(
        VoteRules(participation_households=written, participation_area=written)
    )
    assert thresholds.participation_households == Fraction(2, 3) == exact(written)
    assert outcome(roster(300), ballots(for_=200), thresholds).quorum_reached


# -- property: the tallies and the verdict match a brute-force recount ------------------------------------
households_st = st.lists(st.integers(min_value=1, max_value=50_000), min_size=0, max_size=30)
changes_st = st.lists(
    st.tuples(st.integers(min_value=0, max_value=34), st.sampled_from(CHOICES)), max_size=80
)
shares_st = st.fractions(min_value=0, max_value=1, max_denominator=20)


@given(
    households_st,
    changes_st,
    st.sampled_from([HEADCOUNT, AREA_WEIGHTED, DOUBLE_MAJORITY]),
    shares_st,
    shares_st,
    st.booleans(),
)
def test_tallies_and_verdicts_match_a_brute_force_recount(
    areas, changes, rule, participation, approval, special
):
    households = [Household(f"h{i}", area) for i, area in enumerate(areas)]
    final: dict[str, str] = {}
    for index, choice in changes:  # a later ballot of the same household replaces the earlier one
        final[f"h{index}"] = choice
    tally = count(households, final)

    voters = [(h, final[h.household_id]) for h in households if h.household_id in final]
    assert tally.eligible_households == len(households)
    assert tally.eligible_area == sum(h.area_centi_m2 for h in households)
    assert tally.participating_households == len(voters)
    assert tally.participating_area == sum(h.area_centi_m2 for h, _ in voters)
    assert tally.for_households == sum(1 for _, c in voters if c == FOR)
    assert tally.for_area == sum(h.area_centi_m2 for h, c in voters if c == FOR)
    assert tally.against_area == sum(h.area_centi_m2 for h, c in voters if c == AGAINST)

    thresholds = Thresholds(
        rule=rule,
        participation_area=participation,
        participation_households=participation,
        approval=approval,
        special_approval=max(approval, Fraction(3, 4)),
    )
    dims = []
    if rule in (HEADCOUNT, DOUBLE_MAJORITY):
        dims.append((len(voters), len(households), sum(1 for _, c in voters if c == FOR)))
    if rule in (AREA_WEIGHTED, DOUBLE_MAJORITY):
        dims.append(
            (
                sum(h.area_centi_m2 for h, _ in voters),
                sum(h.area_centi_m2 for h in households),
                sum(h.area_centi_m2 for h, c in voters if c == FOR),
            )
        )
    # integer cross-multiplication: part/whole >= n/d  <=>  part*d >= n*whole
    p = participation
    quorum = all(whole > 0 and part * p.denominator >= p.numerator * whole for part, whole, _ in dims)
    if special:
        s = thresholds.special_approval
        passed = all(part > 0 and yes * s.denominator >= s.numerator * part for part, _, yes in dims)
    else:
        passed = all(
            part > 0 and yes * approval.denominator > approval.numerator * part for part, _, yes in dims
        )
    result = decide(tally, thresholds, special)
    assert result.quorum_reached == quorum
    assert result.approved == (quorum and passed)


# -- a vote scoped to buildings ---------------------------------------------------------------------
def test_a_scoped_electorate_is_its_buildings_households_and_its_figures_theirs():
    # 1栋: 100 + 100 ㎡, 2栋: 80 + 120 ㎡, 3栋: 300 + 300 + 200 ㎡ (hundredths of m²).
    compound = [
        Household("h11", 10_000, "1"),
        Household("h12", 10_000, "1"),
        Household("h21", 8_000, "2"),
        Household("h22", 12_000, "2"),
        Household("h31", 30_000, "3"),
        Household("h32", 30_000, "3"),
        Household("h33", 20_000, "3"),
    ]
    scoped = electorate(compound, ("1", "2"))
    assert [h.household_id for h in scoped] == ["h11", "h12", "h21", "h22"]
    assert electorate(compound, ()) == compound  # no scope: the whole compound
    votes = {"h11": FOR, "h12": FOR, "h22": FOR, "h31": AGAINST}  # h31's ballot is outside the scope
    tally = count(scoped, votes)
    assert (tally.eligible_households, tally.eligible_area) == (4, 40_000)
    assert (tally.participating_households, tally.participating_area, tally.against_households) == (
        3,
        32_000,
        0,
    )
    assert decide(tally, ART_278, special=True).approved  # 3/4 households, 80 % of the area took part
    assert not decide(count(compound, votes), ART_278, special=True).quorum_reached  # 4 of 7 households
