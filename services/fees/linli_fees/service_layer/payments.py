"""Payments and reads of bills and accounts (prepayments: prepay.py; refunds and reversals:
reversals.py).

Every change is one write of the household's account, guarded by the version read; a lost race
(two payments at once) is retried on the new state, so the second payment sees the bill paid and
its money goes to the next open bill or to prepaid. A request_id already recorded answers its
first entry; with other content, Conflict (ALREADY_EXISTS) naming request_id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from linli_platform.errors import Aborted, InvalidField, NotFound
from linli_platform.persistence import AlreadyStored

from linli_fees.adapters import metrics
from linli_fees.domain.account import FeeAccount
from linli_fees.domain.bill import Bill
from linli_fees.domain.charges import Household
from linli_fees.domain.collection import late_fee_fen
from linli_fees.domain.entries import Entry, OpenBill
from linli_fees.domain.periods import parse_period
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


def account_of(uow: FeesUnitOfWork, household: Household) -> FeeAccount:
    found = uow.accounts.find(household.key)
    if found is None:
        found = FeeAccount(uow.tenant, household)
        uow.accounts.add(found)
    else:
        found.household = household  # the newest copy (label, building)
    return found


def household_bills(uow: FeesUnitOfWork, compound_id: str, household_id: str, account) -> list[Bill]:
    """The household's bills, oldest period first, with any a prepayment holds on its account that
    the bills collection does not hold yet (prepay.py)."""
    bills = uow.bills.of_household(compound_id, household_id)
    if account is not None and account.issuing:
        known = {b.id for b in bills}
        bills += [b for b in account.issuing if b.id not in known]
        bills.sort(key=lambda b: (parse_period(b.facts.period).first_month, b.facts.item))
    return bills


def retrying(uows: UnitOfWorkFactory, tenant: str, change: Callable[[FeesUnitOfWork], object]):
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
        account = account_of(uow, household)
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

    entry, new, account, held = retrying(uows, tenant, change)
    if new:  # recorded by this call, not a retry answered from the account
        metrics.received(tenant, compound_id, amount_fen)
    paid = account.paid()  # the receipt from the state just written: no second read
    return entry, AccountView(account, [BillState(b, paid.get(b.id, 0)) for b in held])


# -- reads -----------------------------------------------------------------------------------------
def read_account(
    uow: FeesUnitOfWork, compound_id: str, household_id: str, reader: Reader = access.STAFF
) -> AccountView:
    with uow:
        household = access.household(uow, compound_id, household_id, reader)
        account = uow.accounts.find(household.key) or FeeAccount(uow.tenant, household)
        paid = account.paid()
        bills = [
            BillState(b, paid.get(b.id, 0)) for b in household_bills(uow, compound_id, household_id, account)
        ]
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
                BillState(b, paid.get(b.id, 0))
                for b in household_bills(uow, compound_id, household_id, account)
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
