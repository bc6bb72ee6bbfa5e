"""收缴率 and arrears, exactly (docs/fees.md defines every figure; integers only).

- households rate (户数收缴率) = households whose bills of the period are paid in full ÷
  households billed for the period (a household counts once however many items it is billed);
- amount rate (金额收缴率) = paid towards the period's bills ÷ the period's bills (receivable);
- arrears recovered (清欠) = paid during the period towards bills of earlier periods, and its rate
  over the arrears outstanding when the period began (清欠率).
Rates are basis points rounded half up; a rate over nothing is 0 and shown as "—".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from linli_fees.domain.charges import round_half_up

AGES = ("0-30", "31-90", "91-180", "181-365", "365+")


def rate_bp(numerator: int, denominator: int) -> int:
    if denominator <= 0:
        return 0
    return round_half_up(max(numerator, 0) * 10_000, denominator)


def rate_text(numerator: int, denominator: int) -> str:
    if denominator <= 0:
        return "—"
    bp = rate_bp(numerator, denominator)
    return f"{bp // 100}.{bp % 100:02d}%"


@dataclass(frozen=True)
class Collection:
    households_billed: int
    households_paid: int
    receivable_fen: int
    received_fen: int
    arrears_opening_fen: int
    arrears_recovered_fen: int

    @property
    def household_rate_bp(self) -> int:
        return rate_bp(self.households_paid, self.households_billed)

    @property
    def amount_rate_bp(self) -> int:
        return rate_bp(self.received_fen, self.receivable_fen)

    @property
    def recovery_rate_bp(self) -> int:
        return rate_bp(self.arrears_recovered_fen, self.arrears_opening_fen)


def collection(
    receivable: Mapping[str, int],
    received: Mapping[str, int],
    receivable_before: int,
    paid_before_start: int,
    recovered: int,
) -> Collection:
    """receivable / received: household → fen for the period's bills (households with bills of
    0 fen are not billed); receivable_before: the bills of earlier periods; paid_before_start: paid
    towards those before the period began; recovered: paid towards them during the period."""
    billed = {h for h, fen in receivable.items() if fen > 0}
    paid = {h for h in billed if received.get(h, 0) >= receivable[h]}
    return Collection(
        households_billed=len(billed),
        households_paid=len(paid),
        receivable_fen=sum(receivable[h] for h in billed),
        received_fen=sum(min(received.get(h, 0), receivable[h]) for h in billed),
        arrears_opening_fen=max(receivable_before - paid_before_start, 0),
        arrears_recovered_fen=recovered,
    )


@dataclass(frozen=True)
class DueBill:
    bill_id: str
    household_key: str
    amount_fen: int
    due_on: date
    period: str = ""


@dataclass(frozen=True)
class Arrears:
    household_key: str
    arrears_fen: int
    bills: int
    oldest_due_on: date
    days_overdue: int
    periods: tuple[str, ...]

    @property
    def age(self) -> str:
        return age_of(self.days_overdue)


def age_of(days: int) -> str:
    if days <= 30:
        return AGES[0]
    if days <= 90:
        return AGES[1]
    if days <= 180:
        return AGES[2]
    if days <= 365:
        return AGES[3]
    return AGES[4]


def arrears(bills: Iterable[DueBill], paid: Mapping[str, int], today: date) -> list[Arrears]:
    """Per household, what is outstanding on bills past their due date, aged by the oldest one;
    largest first."""
    by_household: dict[str, list[tuple[DueBill, int]]] = {}
    for bill in bills:
        owed = bill.amount_fen - paid.get(bill.bill_id, 0)
        if owed > 0 and today > bill.due_on:
            by_household.setdefault(bill.household_key, []).append((bill, owed))
    found = []
    for key, owed in by_household.items():
        oldest = min(b.due_on for b, _ in owed)
        periods = tuple(sorted({b.period for b, _ in owed}))
        found.append(Arrears(key, sum(o for _, o in owed), len(owed), oldest, (today - oldest).days, periods))
    return sorted(found, key=lambda a: (-a.arrears_fen, a.household_key))


def late_fee_fen(
    owed_fen: int, due_on: date, today: date, per_day_bp: int, grace_days: int, cap_percent: int
) -> int:
    """滞纳金 as of `today`: ‱ per day of the amount owed after the grace days, capped."""
    days = (today - due_on).days - grace_days
    if per_day_bp <= 0 or owed_fen <= 0 or days <= 0:
        return 0
    fee = round_half_up(owed_fen * per_day_bp * days, 10_000)
    return min(fee, round_half_up(owed_fen * cap_percent, 100))
