"""A bill: what one household owes for one fee item and one period, line by line.

A bill is issued once and never changed: its id is (compound, household, item, period), unique
in the database, so a billing run repeated or resumed after a kill finds the bill it issued and
issues no second one. What was paid towards it is kept on the household's account (one document
per household, so a payment, its allocation to bills and any prepaid surplus are one write).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from linli.fees.v1 import events_pb2 as events
from linli_platform.aggregate import Aggregate

from linli_fees.domain.charges import Household, Line, total
from linli_fees.domain.periods import Period
from linli_fees.domain.schedule import ItemSchedule


def bill_id(compound_id: str, household_id: str, item: str, period: str) -> str:
    return f"{compound_id}/{household_id}/{item}/{period}"


@dataclass(frozen=True)
class BillFacts:
    compound_id: str
    building_id: str
    household_id: str
    household_label: str
    item: str
    item_name: str
    category: str
    period: str
    period_label: str
    lines: tuple[Line, ...]
    due_on: str  # YYYY-MM-DD
    run_id: str
    config_version: int


class Bill(Aggregate):
    SOURCE, NAME = "fees", "bill"

    def __init__(self, tenant_id: str, facts: BillFacts, version: int = 0):
        super().__init__(
            tenant_id, bill_id(facts.compound_id, facts.household_id, facts.item, facts.period), version
        )
        self.facts = facts

    @property
    def amount_fen(self) -> int:
        return total(list(self.facts.lines))

    @property
    def household_key(self) -> str:
        return f"{self.facts.compound_id}/{self.facts.household_id}"

    def overdue(self, today: date) -> bool:
        return today > date.fromisoformat(self.facts.due_on)

    @classmethod
    def issue(
        cls,
        tenant_id: str,
        household: Household,
        item: ItemSchedule,
        period: Period,
        lines: list[Line],
        due_day: int,
        run_id: str,
        config_version: int,
    ) -> Bill:
        facts = BillFacts(
            compound_id=household.compound_id,
            building_id=household.building_id,
            household_id=household.household_id,
            household_label=household.label,
            item=item.item,
            item_name=item.name,
            category=item.category,
            period=period.text,
            period_label=period.label,
            lines=tuple(lines),
            due_on=period.due_on(due_day).isoformat(),
            run_id=run_id,
            config_version=config_version,
        )
        bill = cls(tenant_id, facts)
        bill.record(
            events.BillIssued(
                bill_id=bill.id,
                compound_id=facts.compound_id,
                building_id=facts.building_id,
                household_id=facts.household_id,
                household_label=facts.household_label,
                item=facts.item,
                item_name=facts.item_name,
                period=facts.period,
                period_label=facts.period_label,
                amount_fen=bill.amount_fen,
                due_on=facts.due_on,
                run_id=run_id,
            ),
            event_id=f"fees.bill-issued/{tenant_id}/{bill.id}",
        )
        return bill
