"""Prepayments under an offer (seed 001: 12 months paid → 2 waived, a small gift), only for a
household without arrears.

A prepayment is one guarded write of the household's account: the payment, its allocation to the
bills of the prepaid periods (offer lines included) and those bills, kept on the account until the
bills collection holds them; their BillIssued events go out with the payment. Issuing them is
idempotent (bill ids are unique per household, item and period) and done by the call itself right
after, by a retry with the same request_id, by the worker's sweep after a crash, or by a billing
run of one of those periods — so a crash half way leaves nothing half written: either nothing was
recorded, or the money and its bills were.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from linli_platform.errors import DomainError, FailedPrecondition, InvalidField

from linli_fees.adapters import metrics
from linli_fees.domain.account import FeeAccount
from linli_fees.domain.bill import Bill, bill_id
from linli_fees.domain.charges import Household, Line, charge_lines, is_billable, round_half_up
from linli_fees.domain.entries import Entry
from linli_fees.domain.periods import Period, next_period, overlapping, period_for_cycle, period_of_month
from linli_fees.domain.schedule import schedule_of
from linli_fees.service_layer import access
from linli_fees.service_layer.payments import AccountView, account_of, read_account, retrying
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork, UnitOfWorkFactory

log = logging.getLogger("linli.fees.prepay")


@dataclass(frozen=True)
class PrepayPlan:
    bills: list[Bill]
    months: int
    free_months: int
    gross_fen: int
    amount_fen: int
    offer: str
    gift: str

    @property
    def waived_fen(self) -> int:
        return self.gross_fen - self.amount_fen


def offer_text(months: int, free_months: int, discount: float, gift: str) -> str:
    text = f"交{months}个月"
    if free_months:
        text += f"减免{free_months}个月"
    if discount:
        text += f"优惠{round(discount * 100)}%"
    if gift:
        text += f"，赠{gift}"
    return text


def plan_prepay(
    uow: FeesUnitOfWork,
    household: Household,
    account: FeeAccount | None,
    start_period: str,
    months: int,
    item_key: str,
    today: date,
    origin: str,
) -> PrepayPlan:
    """The bills a prepayment of `months` issues, the free months waived from the last months back;
    from `start_period`, or else from this month's period on, after any period billed already."""
    held = {b.id for b in account.issuing} if account else set()

    def billed(period: Period) -> bool:
        """Billed already: this period, or one of its months by a period of another cycle."""
        key = bill_id(household.compound_id, household.household_id, item.item, period.text)
        if key in held or uow.bills.find(key) is not None:
            return True
        others = uow.bills.months_billed(household.compound_id, overlapping(period), [household.household_id])
        done = others.get((household.key, item.item))
        return bool(done and set(period.months) & done)

    fees = uow.governance.fees(household.compound_id)
    offer = next((o for o in fees.prepay if o.months == months), None)
    if offer is None:
        offered = ", ".join(str(o.months) for o in fees.prepay) or "none"
        raise InvalidField("months", f"no prepay offer for {months} months (offers: {offered})")
    schedule = schedule_of(fees, household.compound_id, household.building_id, uow.governance.version())
    item = (
        schedule.item(item_key)
        if item_key
        else next((i for i in schedule.items if i.category == "property"), None)
    )
    if item is None or not is_billable(item, household):
        raise InvalidField("item", f"the household is billed no item {item_key or '物业费'}")
    per_period = {"monthly": 1, "quarterly": 3, "yearly": 12}[fees.cycle]
    if months % per_period:
        raise InvalidField("months", f"this compound bills {fees.cycle}: prepay whole periods")
    if start_period:
        period = period_for_cycle(start_period, fees.cycle, "start_period")
    else:
        period = period_of_month(f"{today.year}-{today.month:02d}", fees.cycle)
    while True:
        periods: list[Period] = []
        following = period
        while len(periods) * per_period < months:
            periods.append(following)
            following = next_period(following, fees.cycle)
        taken = [p for p in periods if billed(p)]
        if not taken:
            break
        if start_period:
            raise FailedPrecondition(f"period {taken[0].text} is billed already: prepay from a later period")
        period = next_period(taken[-1], fees.cycle)  # after what is billed already
    all_months = [m for p in periods for m in p.months]
    waive_months = set(all_months[-offer.free_months :]) if offer.free_months else set()
    bills, gross = [], 0
    text = offer_text(offer.months, offer.free_months, offer.discount, offer.gift)
    for p in periods:
        lines = charge_lines(item, household, p)
        charged = sum(line.amount_fen for line in lines)
        gross += charged
        free = [m for m in p.months if m in waive_months]
        if free:
            # the waived months at the price in force in each, rounded once
            months_free = Period(p.text, "month", tuple(free))
            waived = sum(line.amount_fen for line in charge_lines(item, household, months_free))
            lines.append(
                Line("offer", f"{text}：减免 {len(free)} 个月 = -{_yuan(waived)} 元", -waived, len(free))
            )
        if offer.discount:
            net = sum(line.amount_fen for line in lines)
            off = round_half_up(net * round(offer.discount * 10_000), 10_000)
            if off:
                lines.append(
                    Line("offer", f"{text}：优惠 {round(offer.discount * 100)}% = -{_yuan(off)} 元", -off)
                )
        bills.append(
            Bill.issue(uow.tenant, household, item, p, lines, fees.due_day, origin, schedule.config_version)
        )
    amount = sum(b.amount_fen for b in bills)
    return PrepayPlan(bills, months, offer.free_months, gross, amount, text, offer.gift)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _refuse_arrears(
    uow: FeesUnitOfWork, household: Household, account: FeeAccount | None, today: date
) -> None:
    paid = account.paid() if account else {}
    overdue = [
        b
        for b in uow.bills.of_household(household.compound_id, household.household_id)
        if b.overdue(today) and b.amount_fen > paid.get(b.id, 0)
    ]
    if overdue:
        owed = sum(b.amount_fen - paid.get(b.id, 0) for b in overdue)
        raise FailedPrecondition(
            f"household {household.household_id} is in arrears ({owed} fen on {len(overdue)} bills): "
            "prepay offers are for households without arrears"
        )


def quote_prepay(
    uow: FeesUnitOfWork,
    compound_id: str,
    household_id: str,
    start_period: str,
    months: int,
    item: str,
    today: date,
) -> PrepayPlan:
    with uow:
        household = access.named_household(uow, compound_id, household_id)
        account = uow.accounts.find(household.key)
        _refuse_arrears(uow, household, account, today)
        return plan_prepay(uow, household, account, start_period, months, item, today, "prepay:quote")


def prepay(
    uows: UnitOfWorkFactory,
    tenant: str,
    request_id: str,
    fingerprint: str,
    compound_id: str,
    household_id: str,
    start_period: str,
    months: int,
    item: str,
    amount_fen: int,
    method: str,
    reference: str,
    recorded_by: str,
    now: datetime,
    today: date,
) -> tuple[Entry, AccountView]:
    """Record a prepayment and its bills in one write, then issue the bills."""

    def change(uow: FeesUnitOfWork):
        household = access.named_household(uow, compound_id, household_id)
        account = account_of(uow, household)
        replayed = account.replay(request_id, fingerprint)
        if replayed is not None:  # a retry: its first answer (other content: Conflict)
            return False, replayed, account
        _refuse_arrears(uow, household, account, today)
        plan = plan_prepay(uow, household, account, start_period, months, item, today, f"prepay:{request_id}")
        if amount_fen != plan.amount_fen:
            raise InvalidField("amount_fen", f"the offer ({plan.offer}) costs {plan.amount_fen} fen")
        entry = account.prepay(
            request_id,
            fingerprint,
            plan.bills,
            amount_fen,
            method,
            reference,
            recorded_by,
            now,
            plan.offer,
            plan.gift,
        )
        return True, entry, account

    new, entry, account = retrying(uows, tenant, change)
    if new:
        metrics.received(tenant, compound_id, amount_fen)
    issue_held(uows, tenant, account.id)
    return entry, read_account(uows(tenant), compound_id, household_id)


def issue_held(uows: UnitOfWorkFactory, tenant: str, account_id: str) -> int:
    """Insert the bills a prepayment left on the account, then drop them from it; the bills inserted."""
    with uows(tenant) as uow:
        account = uow.accounts.find(account_id)
        held = list(account.issuing) if account else []
        if not held:
            return 0
        inserted = uow.bills.insert_new(held)
    if inserted:
        fen = sum(b.amount_fen for b in held if b.id in inserted)
        metrics.issued(tenant, held[0].facts.compound_id, len(inserted), fen)

    def drop(uow: FeesUnitOfWork):
        uow.accounts.get(account_id).issued({b.id for b in held})

    retrying(uows, tenant, drop)
    return len(inserted)


def sweep(uows: UnitOfWorkFactory, directory: Callable[[], list[tuple[str, str]]]) -> int:
    """The worker's sweep: the bills of prepayments interrupted after their write (a crash), per
    (tenant, compound) of the directory; the bills inserted."""
    issued = 0
    for tenant, compound_id in directory():
        with uows(tenant) as uow:
            holders = [a.id for a in uow.accounts.issuing(compound_id)]
        for holder in holders:
            try:
                issued += issue_held(uows, tenant, holder)
            except DomainError as exc:  # one account's trouble does not stop the others
                log.warning(
                    "held bills not issued",
                    extra={"fields": {"tenant_id": tenant, "account_id": holder, "error": str(exc)[:300]}},
                )
    return issued
