"""Refunds of a prepaid balance and reversals of a payment: requested by one staff member,
posted when a second one approves (四眼原则); each is a reversing entry on the household's account,
one guarded write (domain/account.py)."""

from __future__ import annotations

from datetime import datetime

from linli_platform.errors import DomainError, FailedPrecondition, NotFound

from linli_fees.domain.account import FeeAccount
from linli_fees.domain.entries import Entry
from linli_fees.service_layer import access
from linli_fees.service_layer.payments import retrying
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork, UnitOfWorkFactory


def _held_account(
    uow: FeesUnitOfWork, compound_id: str, household_id: str, missing: DomainError
) -> FeeAccount:
    """The named household's account; `missing` when it has none (nothing was ever paid)."""
    household = access.named_household(uow, compound_id, household_id)
    account = uow.accounts.find(household.key)
    if account is None:
        raise missing
    return account


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
    missing = (
        NotFound(f"payment {reverses} not found")
        if reverses
        else FailedPrecondition("the household has no prepaid balance to refund")
    )

    def change(uow: FeesUnitOfWork):
        return _held_account(uow, compound_id, household_id, missing).request_reversal(
            request_id, fingerprint, reverses, amount_fen, reason, requested_by, now
        )

    return retrying(uows, tenant, change)


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
        missing = NotFound(f"refund or reversal {entry_id} not found")
        return _held_account(uow, compound_id, household_id, missing).approve(entry_id, approved_by, now)

    return retrying(uows, tenant, change)
