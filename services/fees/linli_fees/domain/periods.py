"""Billing periods: a month (2026-01), a quarter (2026-Q1) or a year (2026), and the months they hold.

A period's kind must match the compound's billing cycle. When a compound changes its cycle, a month
may already be billed by a period of the old cycle: a bill of the new one covers only the months no
other bill of the item covers (`overlapping`, `remaining`), so no month is ever billed twice (a bill is
unique per household, item and period; see docs/fees.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from linli_platform.errors import InvalidField

_PATTERN = re.compile(r"^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$")
KIND_OF_CYCLE = {"monthly": "month", "quarterly": "quarter", "yearly": "year"}
CYCLE_NAMES = {"monthly": "按月", "quarterly": "按季", "yearly": "按年"}
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True, order=True)
class Period:
    text: str
    kind: str  # month | quarter | year
    months: tuple[str, ...]  # YYYY-MM, in order

    @property
    def first_month(self) -> str:
        return self.months[0]

    def start(self) -> date:
        year, month = self.first_month.split("-")
        return date(int(year), int(month), 1)

    def end(self) -> date:
        """The first day after the period."""
        year, month = (int(x) for x in self.months[-1].split("-"))
        return date(year + month // 12, month % 12 + 1, 1)

    def due_on(self, due_day: int) -> date:
        return self.start().replace(day=due_day)

    @property
    def label(self) -> str:
        """Chinese label: 2026年1月, 2026年第1季度, 2026年."""
        year = self.text[:4]
        if self.kind == "month":
            return f"{year}年{int(self.text[5:])}月"
        if self.kind == "quarter":
            return f"{year}年第{self.text[-1]}季度"
        return f"{year}年"


def parse_period(text: str, field: str = "period") -> Period:
    found = _PATTERN.match(text or "")
    if found is None:
        raise InvalidField(field, "must be a month (2026-01), a quarter (2026-Q1) or a year (2026)")
    year = int(found.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidField(field, f"year must be within {FIRST_YEAR}..{LAST_YEAR}")
    month, quarter = found.group(2), found.group(3)
    if month:
        return Period(text, "month", (f"{year}-{month}",))
    if quarter:
        first = (int(quarter) - 1) * 3 + 1
        return Period(text, "quarter", tuple(f"{year}-{m:02d}" for m in range(first, first + 3)))
    return Period(text, "year", tuple(f"{year}-{m:02d}" for m in range(1, 13)))


def period_for_cycle(text: str, cycle: str, field: str = "period") -> Period:
    """The period, refused when its kind is not the cycle's (a monthly compound bills 2026-01)."""
    period = parse_period(text, field)
    if period.kind != KIND_OF_CYCLE[cycle]:
        example = {"month": "2026-01", "quarter": "2026-Q1", "year": "2026"}[KIND_OF_CYCLE[cycle]]
        raise InvalidField(
            field, f"this compound bills {cycle} ({CYCLE_NAMES[cycle]}): give a period like {example}"
        )
    return period


def period_of_month(month: str, cycle: str) -> Period:
    """The period of a cycle that holds a month (YYYY-MM)."""
    year, m = month[:4], int(month[5:])
    kind = KIND_OF_CYCLE[cycle]
    if kind == "month":
        return parse_period(month)
    if kind == "quarter":
        return parse_period(f"{year}-Q{(m - 1) // 3 + 1}")
    return parse_period(year)


def next_period(period: Period, cycle: str) -> Period:
    year, month = (int(x) for x in period.months[-1].split("-"))
    following = f"{year + month // 12}-{month % 12 + 1:02d}"
    return period_of_month(following, cycle)


def _quarter_of(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:]) - 1) // 3 + 1}"


def overlapping(period: Period) -> tuple[str, ...]:
    """The other periods (months, quarters, the year) that share a month with this one."""
    year = period.text[:4]
    texts = {year} | set(period.months) | {_quarter_of(m) for m in period.months}
    if period.kind == "year":
        texts |= {f"{year}-Q{q}" for q in range(1, 5)}
    return tuple(sorted(texts - {period.text}))


def remaining(period: Period, billed: set[str]) -> Period | None:
    """The period without the months billed already (None when none is left)."""
    left = tuple(m for m in period.months if m not in billed)
    if not left:
        return None
    return period if len(left) == len(period.months) else Period(period.text, period.kind, left)


def month_of(day: date) -> str:
    return f"{day.year}-{day.month:02d}"
