"""Household votes: one ballot per household, counted by headcount, by floor area, or both.

The Civil Code art. 278 double majority: at least 2/3 of all floor area and 2/3 of all households
take part; a matter passes with more than 1/2 of the participating area and of the participating
households, or — for raising or using maintenance funds, rebuilding, or changing the use of common
parts — with at least 3/4 of both. Every comparison is exact (fractions, never floats).

A vote may be scoped to some buildings (a maintenance-fund use for those buildings is decided by
their owners, by their floor area and headcount): its electorate is then their households only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
CHOICES = (FOR, AGAINST, ABSTAIN)
HEADCOUNT, AREA_WEIGHTED, DOUBLE_MAJORITY = "headcount", "area_weighted", "double_majority"
RULES = (HEADCOUNT, AREA_WEIGHTED, DOUBLE_MAJORITY)
RULE_NAMES = {
    HEADCOUNT: "按户数表决",
    AREA_WEIGHTED: "按面积表决",
    DOUBLE_MAJORITY: "双过半（民法典第278条）",
}


def exact(share: float | Fraction) -> Fraction:
    """A configured share as an exact fraction: 0.6667, 0.666667 and 2/3 all mean two thirds."""
    return Fraction(share).limit_denominator(1000)


@dataclass(frozen=True)
class Household:
    household_id: str
    area_centi_m2: int
    building_id: str = ""


def in_scope(building_id: str, building_ids: Iterable[str]) -> bool:
    """Whether a household of this building votes under a scope (empty: the whole compound)."""
    scope = tuple(building_ids)
    return not scope or building_id in scope


def electorate(roster: Iterable[Household], building_ids: Iterable[str]) -> list[Household]:
    """The households of the roster who vote under the scope (empty: all of them)."""
    scope = tuple(building_ids)
    return [h for h in roster if in_scope(h.building_id, scope)]


@dataclass(frozen=True)
class Thresholds:
    rule: str = DOUBLE_MAJORITY
    participation_area: Fraction = Fraction(2, 3)
    participation_households: Fraction = Fraction(2, 3)
    approval: Fraction = Fraction(1, 2)
    special_approval: Fraction = Fraction(3, 4)

    @classmethod
    def from_config(cls, votes) -> Thresholds:
        """From a linli_governance VoteRules section."""
        return cls(
            rule=votes.rule,
            participation_area=exact(votes.participation_area),
            participation_households=exact(votes.participation_households),
            approval=exact(votes.approval),
            special_approval=exact(votes.special_approval),
        )


@dataclass(frozen=True)
class Tally:
    eligible_households: int = 0
    eligible_area: int = 0
    participating_households: int = 0
    participating_area: int = 0
    for_households: int = 0
    for_area: int = 0
    against_households: int = 0
    against_area: int = 0


@dataclass(frozen=True)
class Outcome:
    tally: Tally
    quorum_reached: bool
    approved: bool
    summary: str


def count(roster: Iterable[Household], ballots: Mapping[str, str]) -> Tally:
    """Sum the roster and the ballots of households on it (a ballot of anyone else counts for nothing)."""
    totals = dict.fromkeys(Tally.__dataclass_fields__, 0)
    for household in roster:
        totals["eligible_households"] += 1
        totals["eligible_area"] += household.area_centi_m2
        choice = ballots.get(household.household_id)
        if choice is None:
            continue
        totals["participating_households"] += 1
        totals["participating_area"] += household.area_centi_m2
        if choice in (FOR, AGAINST):
            totals[f"{choice}_households"] += 1
            totals[f"{choice}_area"] += household.area_centi_m2
    return Tally(**totals)


def _share(part: int, whole: int) -> Fraction:
    return Fraction(part, whole) if whole else Fraction(0)


def _passes(part: int, whole: int, threshold: Fraction, special: bool, special_threshold: Fraction) -> bool:
    if whole == 0:
        return False
    share = Fraction(part, whole)
    return share >= special_threshold if special else share > threshold


def decide(tally: Tally, thresholds: Thresholds, special: bool = False) -> Outcome:
    by_households = thresholds.rule in (HEADCOUNT, DOUBLE_MAJORITY)
    by_area = thresholds.rule in (AREA_WEIGHTED, DOUBLE_MAJORITY)
    quorum = True
    if by_households:
        quorum &= (
            tally.eligible_households > 0
            and _share(tally.participating_households, tally.eligible_households)
            >= thresholds.participation_households
        )
    if by_area:
        quorum &= (
            tally.eligible_area > 0
            and _share(tally.participating_area, tally.eligible_area) >= thresholds.participation_area
        )
    approved = quorum
    if by_households:
        approved &= _passes(
            tally.for_households,
            tally.participating_households,
            thresholds.approval,
            special,
            thresholds.special_approval,
        )
    if by_area:
        approved &= _passes(
            tally.for_area,
            tally.participating_area,
            thresholds.approval,
            special,
            thresholds.special_approval,
        )
    return Outcome(
        tally=tally,
        quorum_reached=quorum,
        approved=approved,
        summary=summarise(tally, thresholds, special, quorum, approved),
    )


def summarise(tally: Tally, thresholds: Thresholds, special: bool, quorum: bool, approved: bool) -> str:
    rule = RULE_NAMES[thresholds.rule]
    needed = (
        f"同意不少于{_pct(thresholds.special_approval)}"
        if special
        else f"同意超过{_pct(thresholds.approval)}"
    )
    figures = (
        f"应参与{tally.eligible_households}户/{_m2(tally.eligible_area)}㎡，"
        f"实参与{tally.participating_households}户/{_m2(tally.participating_area)}㎡，"
        f"同意{tally.for_households}户/{_m2(tally.for_area)}㎡，"
        f"反对{tally.against_households}户/{_m2(tally.against_area)}㎡"
    )
    verdict = ("通过" if approved else "未通过") if quorum else "参与未达法定比例，未通过"
    return f"{rule}（{'特别事项，' if special else ''}{needed}）：{figures}；{verdict}"


def _pct(share: Fraction) -> str:
    named = {Fraction(1, 2): "二分之一", Fraction(2, 3): "三分之二", Fraction(3, 4): "四分之三"}
    return named.get(share, f"{float(share) * 100:.4g}%")


def _m2(centi: int) -> str:
    return f"{centi / 100:.2f}"
