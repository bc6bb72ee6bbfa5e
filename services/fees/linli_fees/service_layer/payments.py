"""Payments, prepayments under an offer, refunds and reversals, and reads of bills and accounts.

Every change is one write of the household's account, guarded by the version read; a lost race
(two payments at once) is retried on the new state, so the second payment sees the bill paid and
its money goes to the next open bill or to prepaid. A request_id already recorded answers its
first entry; with other content, Conflict (ALREADY_EXISTS) naming request_id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from linli_platform.errors import Aborted, FailedPrecondition, InvalidField, NotFound
from linli_platform.idempotency import check_same
from linli_platform.persistence import AlreadyStored

from linli_fees.adapters import metrics
from linli_fees.domain.account import PREPAY, Entry, FeeAccount, OpenBill
from linli_fees.domain.bill import Bill, bill_id
from linli_fees.domain.charges import Household, Line, charge_lines, is_billable, round_half_up
from linli_fees.domain.collection import late_fee_fen
from linli_fees.domain.periods import Period, next_period, period_for_cycle, period_of_month
from linli_fees.domain.schedule import schedule_of
from linli_fees.service_layer import access
from linli_fees.service_layer.access import Reader
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork, UnitOfWorkFactory

ATTEMPTS = 25  # 20 payments at once on one account: each retry sees one more of them recorded


@dataclass(frozen=True)
class BillState:
    bill: Bill
    paid_fen: int

    @property
    def due_fen(self) -> int:
        return max(self.bill.amount_fen - self.paid_fen, 0)


@dataclass(frozen=True)
class AccountView:
    account: FeeAccount
    bills: list[BillState]


def _account(uow: FeesUnitOfWork, household: Household) -> FeeAccount:
    found = uow.accounts.find(household.key)
    if found is None:
        found = FeeAccount(uow.tenant, household)
        uow.accounts.add(found)
    else:
        found.household = household  # the newest copy (label, building)
    return found


def _retrying(uows: UnitOfWorkFactory, tenant: str, change: Callable[[FeesUnitOfWork], object]):
    for _ in range(ATTEMPTS):
        with uows(tenant) as uow:
            result = change(uow)
            try:
                uow.commit()
            except (Aborted, AlreadyStored):  # a concurrent payment (or first payment) won
                continue
            return result
    raise Aborted("the household's account kept changing; retry with the same request_id")


def record_payment(
    uows: UnitOfWorkFactory,
    tenant: str,
    request_id: str,
    fingerprint: str,
    compound_id: str,
    household_id: str,
    bill: str,
    amount_fen: int,
    method: str,
    reference: str,
    recorded_by: str,
    now: datetime,
    today: date,
) -> tuple[Entry, AccountView]:
    """Money towards one bill or the household's oldest open bills, overdue parts with their late
    fee as of `today` (the district's date), the rest to prepaid."""

    def change(uow: FeesUnitOfWork):
        household = access.named_household(uow, compound_id, household_id)
        account = _account(uow, household)
        if bill:
            target = uow.bills.find(bill)
            if target is None or target.household_key != household.key:
                raise NotFound(f"bill {bill} not found")
            held = [target]
        else:
            held = uow.bills.of_household(household.compound_id, household.household_id)
        paid = account.paid()
        bills = [
            OpenBill(b.id, b.facts.period, b.amount_fen, date.fromisoformat(b.facts.due_on))
            for b in held
            if b.amount_fen > paid.get(b.id, 0)
        ]
        new = account.entry(request_id) is None
        late = uow.governance.fees(household.compound_id).late_fee
        entry = account.pay(
            request_id,
            fingerprint,
            amount_fen,
            method,
            reference,
            recorded_by,
            now,
            bills,
            today=today,
            late=late,
        )
        return entry, new, account, held

    entry, new, account, held = _retrying(uows, tenant, change)
    if new:  # recorded by this call, not a retry answered from the account
        metrics.received(tenant, compound_id, amount_fen)
    paid = account.paid()  # the receipt from the state just written: no second read
    return entry, AccountView(account, [BillState(b, paid.get(b.id, 0)) for b in held])


# -- prepay offers ---------------------------------------------------------------------------------
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
    start_period: str,
    months: int,
    item_key: str,
    today: date,
    origin: str,
) -> PrepayPlan:
    """The bills a prepayment of `months` issues, the free months waived from the last months back."""
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
        while uow.bills.find(bill_id(household.compound_id, household.household_id, item.item, period.text)):
            period = next_period(period, fees.cycle)
    periods: list[Period] = []
    while len(periods) * per_period < months:
        periods.append(period)
        period = next_period(period, fees.cycle)
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
        _refuse_arrears(uow, household, uow.accounts.find(household.key), today)
        return plan_prepay(uow, household, start_period, months, item, today, "prepay:quote")


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
    """Issue the prepaid periods' bills (offer lines included), then record the payment on them.

    Two writes in order, each idempotent: the bills (unique ids; a retry finds them as its own by
    their origin) and the account entry (by request_id). A crash between leaves unpaid bills of
    future periods that the retry with the same request_id pays."""
    origin = f"prepay:{request_id}"
    with uows(tenant) as uow:
        household = access.named_household(uow, compound_id, household_id)
        account = uow.accounts.find(household.key)
        if account is not None and account.entry(request_id) is not None:
            entry = account.entry(request_id)
            check_same(entry.fingerprint, fingerprint, request_id)
            return entry, read_account(uows(tenant), compound_id, household_id)
        _refuse_arrears(uow, household, account, today)
        plan = plan_prepay(uow, household, start_period, months, item, today, origin)
        if amount_fen != plan.amount_fen:
            raise InvalidField("amount_fen", f"the offer ({plan.offer}) costs {plan.amount_fen} fen")
        taken = [
            b
            for b in plan.bills
            if (found := uow.bills.find(b.id)) is not None and found.facts.run_id != origin
        ]
        if taken:
            raise FailedPrecondition(
                f"period {taken[0].facts.period} is billed already: prepay from a later period"
            )
        inserted = uow.bills.insert_new(plan.bills)
        metrics.issued(
            tenant, compound_id, len(inserted), sum(b.amount_fen for b in plan.bills if b.id in inserted)
        )

    def pay(uow: FeesUnitOfWork):
        account = _account(uow, household)
        bills = [OpenBill(b.id, b.facts.period, b.amount_fen) for b in plan.bills]
        new = account.entry(request_id) is None
        return new, account.pay(
            request_id,
            fingerprint,
            amount_fen,
            method,
            reference,
            recorded_by,
            now,
            bills,
            kind=PREPAY,
            offer=plan.offer,
            gift=plan.gift,
        )

    new, entry = _retrying(uows, tenant, pay)
    if new:
        metrics.received(tenant, compound_id, amount_fen)
    return entry, read_account(uows(tenant), compound_id, household_id)


# -- refunds and reversals -------------------------------------------------------------------------
def request_reversal(
    uows: UnitOfWorkFactory,
    tenant: str,
    request_id: str,
    fingerprint: str,
    compound_id: str,
    household_id: str,
    reverses: str,
    amount_fen: int,
    reason: str,
    requested_by: str,
    now: datetime,
) -> Entry:
    def change(uow: FeesUnitOfWork):
        household = access.named_household(uow, compound_id, household_id)
        account = uow.accounts.find(household.key)
        if account is None:
            raise (
                NotFound(f"payment {reverses} not found")
                if reverses
                else FailedPrecondition("the household has no prepaid balance to refund")
            )
        return account.request_reversal(
            request_id, fingerprint, reverses, amount_fen, reason, requested_by, now
        )

    return _retrying(uows, tenant, change)


def approve_entry(
    uows: UnitOfWorkFactory,
    tenant: str,
    compound_id: str,
    household_id: str,
    entry_id: str,
    approved_by: str,
    now: datetime,
) -> Entry:
    def change(uow: FeesUnitOfWork):
        household = access.named_household(uow, compound_id, household_id)
        account = uow.accounts.find(household.key)
        if account is None:
            raise NotFound(f"refund or reversal {entry_id} not found")
        return account.approve(entry_id, approved_by, now)

    return _retrying(uows, tenant, change)


# -- reads -----------------------------------------------------------------------------------------
def read_account(
    uow: FeesUnitOfWork, compound_id: str, household_id: str, reader: Reader = access.STAFF
) -> AccountView:
    with uow:
        household = access.household(uow, compound_id, household_id, reader)
        account = uow.accounts.find(household.key) or FeeAccount(uow.tenant, household)
        paid = account.paid()
        bills = [BillState(b, paid.get(b.id, 0)) for b in uow.bills.of_household(compound_id, household_id)]
        return AccountView(account, bills)


def read_bill(uow: FeesUnitOfWork, bill: str, reader: Reader) -> BillState:
    with uow:
        found = uow.bills.find(bill)
        if found is None:
            raise NotFound(f"bill {bill} not found")
        access.household(
            uow, found.facts.compound_id, found.facts.household_id, reader
        )  # NotFound for others
        account = uow.accounts.find(found.household_key)
        return BillState(found, account.paid().get(found.id, 0) if account else 0)


def list_bills(
    uow: FeesUnitOfWork,
    compound_id: str,
    household_id: str,
    period: str,
    open_only: bool,
    offset: int,
    limit: int,
    reader: Reader,
) -> tuple[list[BillState], int]:
    with uow:
        if not reader.is_staff and not household_id:
            raise InvalidField("household_id", "is required: residents read their own household's bills")
        if household_id:
            household = access.household(uow, compound_id, household_id, reader)
            account = uow.accounts.find(household.key)
            paid = account.paid() if account else {}
            states = [
                BillState(b, paid.get(b.id, 0)) for b in uow.bills.of_household(compound_id, household_id)
            ]
            states = [
                s
                for s in states
                if (not period or s.bill.facts.period == period) and (not open_only or s.due_fen)
            ]
            states.reverse()  # newest first
            return states[offset : offset + limit], len(states)
        access.known_compound(uow, compound_id)
        bills, total = uow.bills.page(compound_id, "", period, offset, limit)
        paid = uow.accounts.paid_by_bill(compound_id) if bills else {}
        return [BillState(b, paid.get(b.id, 0)) for b in bills], total


def late_fees(uow: FeesUnitOfWork, states: list[BillState], today: date) -> dict[str, int]:
    """滞纳金 per overdue bill that a payment settling it today is charged besides what it owes
    (charged by the payment, on the part it settles: domain/account.py)."""
    found: dict[str, int] = {}
    for state in states:
        if not state.due_fen or not state.bill.overdue(today):
            continue
        late = uow.governance.fees(state.bill.facts.compound_id).late_fee
        fee = late_fee_fen(
            state.due_fen,
            date.fromisoformat(state.bill.facts.due_on),
            today,
            late.per_day_basis_points,
            late.grace_days,
            late.cap_percent,
        )
        if fee:
            found[state.bill.id] = fee
    return found
