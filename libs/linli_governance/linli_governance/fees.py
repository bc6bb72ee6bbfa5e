"""Fees section (used in full by the Fees service): fee items and their prices, billing cycle,
vacancy rule, prepay offers, late fees and reminders.

A district that names no `items` bills one item, 物业费 (`property`), at `price_fen_per_m2_month`
(the form every earlier document used, still valid). Prices change by month: an item's `changes`
each start at a month (`effective_from`, YYYY-MM), so a quarterly bill whose quarter holds a price
change has one line per price. A price may cite the deliberation decision (议题 id) that set it.
Per-building prices (`buildings`) override the item's price for one building; per-compound and
per-community prices are the governance document's `overrides` like any other section.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from linli_governance.base import Fen, Key, Strict

Category = Literal["property", "parking", "maintenance_fund"]  # 物业费, 停车费, 维修资金
Method = Literal["per_area", "fixed"]
Cycle = Literal["monthly", "quarterly", "yearly"]
Month = Annotated[str, Field(pattern=r"^(20\d\d)-(0[1-9]|1[0-2])$", description="YYYY-MM")]
DecisionRef = Annotated[str, Field(max_length=64, description="the proposal (议题) whose decision set it")]
MAX_PRICE_FEN = 10_000_000  # 10 万元 per m² or per month: anything above is a typo

Price = Annotated[int, Field(ge=0, le=MAX_PRICE_FEN, description="fen (分)")]
CATEGORY_NAMES = {"property": "物业费", "parking": "停车费", "maintenance_fund": "维修资金"}


class Prepay(Strict):
    months: int = Field(12, gt=0, le=36)
    discount: float = Field(0.0, ge=0, lt=1, description="share off when prepaying `months`")
    free_months: int = Field(0, ge=0, description="months waived when prepaying, e.g. 交全年减免两个月 = 2")
    gift: str = Field("", max_length=60, description="a small gift, e.g. 小礼物")

    @model_validator(mode="after")
    def _fewer_free_than_paid(self):
        if self.free_months >= self.months:
            raise ValueError("free_months must be fewer than months")
        return self


class PriceChange(Strict):
    effective_from: Month
    fen: Price
    decision: DecisionRef = ""


class FeeItem(Strict):
    item: Key
    name: str = Field(min_length=1, max_length=40, description="shown on bills, e.g. 物业费")
    category: Category = "property"
    method: Method = Field("per_area", description="per_area: fen per m² per month; fixed: fen per month")
    fen: Price = Field(description="price in force from `effective_from` (per m² per month, or per month)")
    effective_from: Month | None = Field(None, description="first month billed (none: always)")
    decision: DecisionRef = ""
    changes: list[PriceChange] = Field(default_factory=list, description="later prices, each from its month")
    buildings: dict[str, Price] = Field(default_factory=dict, description="building id → price there")
    households: list[str] = Field(
        default_factory=list, description="only these households (e.g. parking spaces' holders); empty: all"
    )
    vacant_percent: int | None = Field(None, ge=0, le=100, description="overrides `vacancy.percent`")

    @model_validator(mode="after")
    def _changes_in_order(self):
        months = [c.effective_from for c in self.changes]
        if months != sorted(set(months)):
            raise ValueError("changes must be in month order, one per month")
        if self.effective_from and months and months[0] <= self.effective_from:
            raise ValueError("changes must start after effective_from")
        return self


class Vacancy(Strict):
    percent: int = Field(
        100, ge=0, le=100, description="share of a fee a vacant household (no one living there) pays, %"
    )


class LateFee(Strict):
    """滞纳金: off unless `per_day_basis_points` > 0."""

    per_day_basis_points: int = Field(0, ge=0, le=100, description="‱ of the amount due per day overdue")
    grace_days: int = Field(0, ge=0, le=365)
    cap_percent: int = Field(100, ge=0, le=100, description="at most this % of the amount due")


class FundRules(Strict):
    """维修资金: who may apply, and under which household vote rule the owners' decision approves a use
    (Civil Code art. 278: the double majority of floor area and households)."""

    applicants: list[Literal["community", "owners_committee", "property_firm"]] = Field(
        default_factory=lambda: ["community", "owners_committee", "property_firm"],
        min_length=1,
        description="who may apply: 社区居委会 (where no owners' committee exists), 业主委员会, 物业服务企业",
    )
    vote_rules: list[Literal["headcount", "area_weighted", "double_majority"]] = Field(
        default_factory=lambda: ["double_majority"],
        min_length=1,
        description="vote rules under which an approving ProposalDecided releases the fund",
    )


class FeesConfig(Strict):
    price_fen_per_m2_month: Fen = Field(40, description="物业费, fen per m² per month (0.4 元 = 40)")
    price_by_building: dict[str, Price] = Field(
        default_factory=dict, description="building id → 物业费 price there (when `items` is empty)"
    )
    decision: DecisionRef = ""
    cycle: Cycle = Field("monthly", description="one bill per month, quarter or year")
    due_day: int = Field(15, ge=1, le=28, description="day of a period's first month a bill is due")
    items: list[FeeItem] = Field(
        default_factory=list, description="empty: one item, 物业费 at the price above"
    )
    vacancy: Vacancy = Vacancy()
    prepay: list[Prepay] = []
    late_fee: LateFee = LateFee()
    late_notice_days: list[Annotated[int, Field(ge=1, le=3650)]] = Field(
        [7, 30], description="催缴: remind a household this many days after a bill fell due"
    )
    fund: FundRules = Field(
        FundRules(), description="维修资金: applicants and the vote rule that releases it"
    )

    @model_validator(mode="after")
    def _unique_items(self):
        keys = [i.item for i in self.items]
        if len(keys) != len(set(keys)):
            raise ValueError("fee items must have distinct `item` keys")
        return self

    def fee_items(self) -> list[FeeItem]:
        """The items billed: those named, or the one 物业费 item the short form describes."""
        if self.items:
            return list(self.items)
        return [
            FeeItem(
                item="property",
                name="物业费",
                fen=self.price_fen_per_m2_month,
                decision=self.decision,
                buildings=dict(self.price_by_building),
            )
        ]
