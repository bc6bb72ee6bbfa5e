"""What a compound is charged: its fee items with their prices by month, from the governance
configuration in force (the district's `fees` section with 一区一策 overrides merged, then the
item's per-building price). Pure: the effective section is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from linli_governance.fees import CATEGORY_NAMES, FeeItem, FeesConfig


@dataclass(frozen=True)
class Step:
    """A price from a month on (None: from the beginning)."""

    effective_from: str | None
    fen: int
    decision: str


@dataclass(frozen=True)
class ItemSchedule:
    item: str
    name: str
    category: str
    method: str  # per_area | fixed
    steps: tuple[Step, ...]
    households: frozenset[str]  # empty: every household
    vacant_percent: int

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES[self.category]

    def price_at(self, month: str) -> Step | None:
        """The price in force in a month (YYYY-MM); None before the item's first month."""
        found = None
        for step in self.steps:
            if step.effective_from is None or step.effective_from <= month:
                found = step
        return found

    def applies_to(self, household_id: str) -> bool:
        return not self.households or household_id in self.households


@dataclass(frozen=True)
class Schedule:
    compound_id: str
    building_id: str
    cycle: str
    due_day: int
    items: tuple[ItemSchedule, ...]
    config_version: int

    def item(self, key: str) -> ItemSchedule | None:
        return next((i for i in self.items if i.item == key), None)

    def property_price_at(self, month: str) -> int:
        """The 物业费 per m² per month in force (0 when the compound bills none)."""
        for item in self.items:
            if item.category == "property" and item.method == "per_area":
                step = item.price_at(month)
                return step.fen if step else 0
        return 0


def _item_schedule(item: FeeItem, building_id: str, vacancy_percent: int) -> ItemSchedule:
    base = item.buildings.get(building_id, item.fen) if building_id else item.fen
    steps = [Step(item.effective_from, base, item.decision)]
    steps += [Step(c.effective_from, c.fen, c.decision) for c in item.changes]
    return ItemSchedule(
        item=item.item,
        name=item.name,
        category=item.category,
        method=item.method,
        steps=tuple(steps),
        households=frozenset(item.households),
        vacant_percent=vacancy_percent if item.vacant_percent is None else item.vacant_percent,
    )


def schedule_of(
    fees: FeesConfig, compound_id: str, building_id: str = "", config_version: int = 0
) -> Schedule:
    """The schedule of a compound (or of one building in it) under an effective fees section.

    A per-building price replaces the item's first price only; later changes apply to every
    building (a district-wide price change is decided for all)."""
    return Schedule(
        compound_id=compound_id,
        building_id=building_id,
        cycle=fees.cycle,
        due_day=fees.due_day,
        items=tuple(_item_schedule(i, building_id, fees.vacancy.percent) for i in fees.fee_items()),
        config_version=config_version,
    )
