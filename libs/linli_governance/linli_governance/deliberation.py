"""Deliberation section: tiers (自管队先议 → 议事会联审 → 三方共决) and vote rules."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from linli_governance.base import Fen, Fraction, Key, Strict

Decider = Literal["self_management_team", "council", "three_party"]
VoteRule = Literal["headcount", "area_weighted", "double_majority"]


class Tier(Strict):
    name: str
    decided_by: Decider
    max_amount_fen: Fen | None = Field(None, description="proposals up to this amount; null = no limit")
    categories: list[Key] = Field(
        default_factory=list, description="categories that always land in this tier"
    )


class VoteRules(Strict):
    """Headcount, area-weighted, or the Civil Code art. 278 double majority."""

    rule: VoteRule = "double_majority"
    participation_area: Fraction = 2 / 3
    participation_households: Fraction = 2 / 3
    approval: Fraction = Field(0.5, description="strictly more than this share of participants")
    special_approval: Fraction = Field(0.75, description="at least this share, for special matters")
    special_matters: list[Key] = ["maintenance_fund", "rebuild", "change_of_use"]


class DeliberationConfig(Strict):
    tiers: list[Tier] = [
        Tier(name="自管队先议", decided_by="self_management_team", max_amount_fen=500_000),
        Tier(name="议事会联审", decided_by="council", max_amount_fen=5_000_000),
        Tier(
            name="三方共决",
            decided_by="three_party",
            categories=["maintenance_fund", "rebuild", "change_of_use"],
        ),
    ]
    votes: VoteRules = VoteRules()

    @model_validator(mode="after")
    def _tiers_ordered(self):
        limits = [t.max_amount_fen for t in self.tiers if t.max_amount_fen is not None]
        if limits != sorted(limits):
            raise ValueError("tiers must be ordered by max_amount_fen, smallest first")
        if not self.tiers or self.tiers[-1].max_amount_fen is not None:
            raise ValueError("the last tier must have no amount limit (max_amount_fen: null)")
        return self


class CooperativeRules(Strict):
    """The 共享物业社 of seed 002: size and make-up, enforced from here."""

    min_members: int = Field(7, ge=1)
    max_members: int = Field(9, ge=1)
    vice_chairs: int = Field(2, ge=0)
    chair_role: str = Field("社区党组织书记", description="who chairs it")
    party_member_share_gt: Fraction = 0.5

    @model_validator(mode="after")
    def _bounds(self):
        if self.min_members > self.max_members:
            raise ValueError("min_members must not exceed max_members")
        return self
