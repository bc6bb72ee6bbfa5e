"""What one household owes for one fee item and period, line by line, in integer fen.

The rounding rule (docs/fees.md): each line is computed exactly — area (hundredths of m²) × price
(fen per m² per month) × months × the vacancy share (percent) — and rounded half up to a whole
fen once, at the end of the line; a bill is the sum of its lines; an offer is a line of its own
(negative), rounded the same way. Nothing is ever rounded twice and no float is involved.
"""

from __future__ import annotations

from dataclasses import dataclass

from linli_fees.domain.periods import Period
from linli_fees.domain.schedule import ItemSchedule

MAX_AREA_CENTI_M2 = 1_000_000  # 10 000 m², the communities service's own bound


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up (both ≥ 0)."""
    return (2 * numerator + denominator) // (2 * denominator)


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def area_text(area_centi_m2: int) -> str:
    return f"{area_centi_m2 // 100}.{area_centi_m2 % 100:02d}"


@dataclass(frozen=True)
class Line:
    """One line of a bill: a charge (area × price × months [× vacancy share]) or an offer."""

    kind: str  # charge | offer | note (0 fen: months another cycle's bill covers)
    text: str  # 建筑面积 63.97 m² × 0.30 元/m²·月 × 3 个月 = 57.57 元
    amount_fen: int  # negative for an offer
    months: int = 0
    fen: int = 0  # the price of a charge line
    area_centi_m2: int = 0
    percent: int = 100
    decision: str = ""


@dataclass(frozen=True)
class Household:
    """A household as the fees service knows it (a local copy of communities' record)."""

    compound_id: str
    household_id: str
    building_id: str = ""
    label: str = ""
    area_centi_m2: int = 0
    residents: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    archived: bool = False

    @property
    def key(self) -> str:
        return f"{self.compound_id}/{self.household_id}"

    @property
    def vacant(self) -> bool:
        """空置: nobody is registered as living there (owners may still be listed)."""
        return not self.residents

    def may_read(self, subject: str) -> bool:
        return bool(subject) and (subject in self.residents or subject in self.owners)


def charge_line(item: ItemSchedule, household: Household, fen: int, months: int, decision: str) -> Line:
    percent = item.vacant_percent if household.vacant else 100
    share = f" × 空置 {percent}%" if percent != 100 else ""
    if item.method == "per_area":
        amount = round_half_up(household.area_centi_m2 * fen * months * percent, 100 * 100)
        text = (
            f"建筑面积 {area_text(household.area_centi_m2)} m² × {yuan(fen)} 元/m²·月 × {months} 个月"
            f"{share} = {yuan(amount)} 元"
        )
        area = household.area_centi_m2
    else:
        amount = round_half_up(fen * months * percent, 100)
        text = f"{item.name} {yuan(fen)} 元/月 × {months} 个月{share} = {yuan(amount)} 元"
        area = 0
    return Line("charge", text, amount, months, fen, area, percent, decision)


def charge_lines(item: ItemSchedule, household: Household, period: Period) -> list[Line]:
    """One line per run of months at one price; none for months before the item's first month."""
    runs: list[tuple[int, str, int]] = []  # (fen, decision, months)
    for month in period.months:
        step = item.price_at(month)
        if step is None:
            continue
        if runs and runs[-1][0] == step.fen and runs[-1][1] == step.decision:
            runs[-1] = (step.fen, step.decision, runs[-1][2] + 1)
        else:
            runs.append((step.fen, step.decision, 1))
    return [charge_line(item, household, fen, months, decision) for fen, decision, months in runs]


def billed_elsewhere_line(period: Period, months: Period) -> Line:
    """A line of 0 fen saying which months of the period a bill of another cycle billed already."""
    left_out = [m for m in period.months if m not in months.months]
    text = "、".join(f"{int(m[5:])}月" for m in left_out)
    return Line("note", f"{text}已按原计费周期出账，本单不重复计费", 0)


def is_billable(item: ItemSchedule, household: Household) -> bool:
    if household.archived or not item.applies_to(household.household_id):
        return False
    return item.method == "fixed" or household.area_centi_m2 > 0


def total(lines: list[Line]) -> int:
    return sum(line.amount_fen for line in lines)
