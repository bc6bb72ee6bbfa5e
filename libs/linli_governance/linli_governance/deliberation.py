"""Deliberation section: tiers (自管队先议 → 议事会联审 → 三方共决), vote rules, the cooperative.

Thresholds are fractions of 1 (`2/3` may be written as 0.6667 or 0.666667; the vote arithmetic reads
each threshold as the nearest fraction with a denominator up to 1000, so 0.6667 means exactly 2/3).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from linli_governance.base import Fen, Fraction, Key, Strict

Decider = Literal["self_management_team", "council", "three_party"]
VoteRule = Literal["headcount", "area_weighted", "double_majority"]
Party = Literal["community", "property_firm", "owner_representatives", "council", "self_management_team"]

DEFAULT_PARTIES: dict[str, list[str]] = {
    "self_management_team": ["self_management_team"],
    "council": ["council", "community"],
    "three_party": ["community", "property_firm", "owner_representatives"],
}


class Tier(Strict):
    """One level of deliberation: which body decides, and which proposals land here."""

    name: str = Field(min_length=1, max_length=40, description="显示名称, e.g. 议事会联审")
    decided_by: Decider
    max_amount_fen: Fen | None = Field(None, description="proposals up to this amount; null = no limit")
    categories: list[Key] = Field(
        default_factory=list, description="categories that always land in this tier"
    )
    meeting: str = Field("", max_length=40, description="name of the meeting that decides, e.g. 三方联席会议")
    required_parties: list[Party] = Field(
        default_factory=list, description="parties that must attend the deciding meeting; empty = the default"
    )

    def parties(self) -> list[str]:
        return list(self.required_parties) or DEFAULT_PARTIES[self.decided_by]


class VoteRules(Strict):
    """Household votes: headcount, area-weighted, or the Civil Code art. 278 double majority.

    Participation is measured against every household (and all floor area) on the roster; approval
    against the households (and area) that took part. `approval` is a strict majority (more than),
    `special_approval` an at-least share for the special matters of art. 278. `publish_ballots` lets
    owners check their own ballot was counted and nobody padded the count (业主知情权).
    """

    rule: VoteRule = "double_majority"
    participation_area: Fraction = Field(
        2 / 3, description="at least this share of all floor area takes part"
    )
    participation_households: Fraction = Field(
        2 / 3, description="at least this share of households takes part"
    )
    approval: Fraction = Field(0.5, description="strictly more than this share of participants")
    special_approval: Fraction = Field(
        0.75, description="at least this share of participants, special matters"
    )
    special_matters: list[Key] = Field(
        default_factory=lambda: ["maintenance_fund", "rebuild", "change_of_use"],
        description="categories needing special_approval (维修资金, 改建重建, 改变共有部分用途)",
    )
    voting_days: int = Field(14, gt=0, le=366, description="default length of a vote")
    publish_ballots: bool = Field(
        True,
        description="once a proposal is decided, its ballots (per household: room, choice, area; never"
        " names or phones) are published to the compound's owners (投票结果公示); staff see them at any time",
    )

    @model_validator(mode="after")
    def _special_is_stricter(self):
        if self.special_approval < self.approval:
            raise ValueError("special_approval must not be lower than approval")
        return self


class DeliberationConfig(Strict):
    tiers: list[Tier] = Field(
        default_factory=lambda: [
            Tier(
                name="自管队先议",
                decided_by="self_management_team",
                max_amount_fen=500_000,
                meeting="自管队会议",
            ),
            Tier(name="议事会联审", decided_by="council", max_amount_fen=5_000_000, meeting="议事会"),
            Tier(
                name="三方共决",
                decided_by="three_party",
                meeting="三方联席会议",
                categories=["maintenance_fund", "rebuild", "change_of_use"],
            ),
        ]
    )
    votes: VoteRules = VoteRules()

    @model_validator(mode="after")
    def _tiers_ordered(self):
        limits = [t.max_amount_fen for t in self.tiers if t.max_amount_fen is not None]
        if limits != sorted(limits):
            raise ValueError("tiers must be ordered by max_amount_fen, smallest first")
        if not self.tiers or self.tiers[-1].max_amount_fen is not None:
            raise ValueError("the last tier must have no amount limit (max_amount_fen: null)")
        names = [t.name for t in self.tiers]
        if len(set(names)) != len(names):
            raise ValueError("tier names must be unique")
        return self

    def tier_for(self, category: str, amount_fen: int) -> Tier:
        """A category listed by a tier wins (the highest such tier); otherwise the amount decides."""
        listed = [t for t in self.tiers if category in t.categories]
        if listed:
            return listed[-1]
        for tier in self.tiers:
            if tier.max_amount_fen is None or amount_fen <= tier.max_amount_fen:
                return tier
        return self.tiers[-1]


class CooperativeRules(Strict):
    """The 共享物业社 of seed 002: size and make-up, enforced from here."""

    min_members: int = Field(7, ge=1)
    max_members: int = Field(9, ge=1)
    vice_chairs: int = Field(2, ge=0)
    chair_role: str = Field("社区党组织书记", description="who chairs it")
    party_member_share_gt: Fraction = Field(0.5, description="party members must be more than this share")

    @model_validator(mode="after")
    def _bounds(self):
        if self.min_members > self.max_members:
            raise ValueError("min_members must not exceed max_members")
        return self
