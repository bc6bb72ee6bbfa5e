"""The maintenance fund's money on the ledger kernel: accounts, deposits, the approval's allowance and
the stages paid against invoices, each one batch of transfers.

In the compound's book: each building's fund is an account that never goes below zero (deposits
credit it); an approval credits the application's allowance account (never below zero either) with
the approved amount; a stage, paid against an invoice, is one linked batch — the allowance is
debited, each building's fund pays its share into the compound's cash (public-ledger income
维修资金拨付) and the cash pays the contractor (expense 维修工程). So the kernel itself refuses a stage
beyond the approved amount or beyond a building's balance, even when two staff pay at once, and
every disbursement is in the public ledger. Whether a stage may be paid at all is the application's
rule (FundApplication.check_stage in domain/fund_application.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from linli.fees.v1 import ledger_events_pb2 as events
from linli_ledger import Account, AccountFlags, Transfer
from linli_platform.errors import InvalidField

from linli_fees.domain.fund_application import FUND_CATEGORY, FundApplication
from linli_fees.domain.public_ledger import EXPENSE, INCOME, MAX_TEXT, book, check_amount, entry_transfer

DEPOSIT, APPROVAL, STAGE = "fund_deposit", "fund_approval", "fund_stage"


def building_account(compound_id: str, building_id: str) -> str:
    return f"compound:{compound_id}:fund:building:{building_id}"


def deposits_account(compound_id: str) -> str:
    return f"compound:{compound_id}:fund:deposits"


def approvals_account(compound_id: str) -> str:
    return f"compound:{compound_id}:fund:approvals"


def allowance_account(compound_id: str, application_id: str) -> str:
    return f"compound:{compound_id}:fund:approved:{application_id}"


def fund_accounts(
    compound_id: str, building_ids: tuple[str, ...] = (), application_id: str = ""
) -> list[Account]:
    never_negative = AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
    ledger = book(compound_id)
    accounts = [
        Account(deposits_account(compound_id), ledger, "fund_source"),
        Account(approvals_account(compound_id), ledger, "fund_source"),
    ]
    accounts += [
        Account(building_account(compound_id, b), ledger, "fund_building", never_negative)
        for b in building_ids
    ]
    if application_id:
        accounts.append(
            Account(allowance_account(compound_id, application_id), ledger, "fund_allowance", never_negative)
        )
    return accounts


def deposit_transfer(
    transfer_id: str, compound_id: str, building_id: str, amount_fen: int, note: str, by: str, cause: str
) -> Transfer:
    v: list[tuple[str, str]] = []
    check_amount(v, "amount_fen", amount_fen)
    if not note.strip():
        v.append(("note", "is required"))
    elif len(note) > MAX_TEXT:
        v.append(("note", f"is at most {MAX_TEXT} characters"))
    if v:
        raise InvalidField(v)
    return Transfer(
        id=transfer_id,
        debit_account_id=deposits_account(compound_id),
        credit_account_id=building_account(compound_id, building_id),
        amount=amount_fen,
        ledger=book(compound_id),
        code=DEPOSIT,
        cause=cause[:256],
        user_data={"by": by[:128], "note": note.strip()},
    )


def invoice_key(invoice_no: str) -> str:
    """A stage's id part from its invoice number (any characters): an invoice is paid once."""
    return hashlib.sha256(invoice_no.strip().encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Stage:
    """One paid stage as the kernel keeps it (its allowance transfer)."""

    stage_id: str
    invoice_no: str
    invoice_url: str
    amount_fen: int
    entry_id: str  # the public-ledger entry of the contractor's expense
    by: str
    at: datetime | None
    note: str = ""
    request: str = ""

    @classmethod
    def of(cls, transfer: Transfer) -> Stage:
        data = transfer.user_data
        return cls(
            stage_id=transfer.id,
            invoice_no=data.get("invoice", ""),
            invoice_url=data.get("url", ""),
            amount_fen=transfer.amount,
            entry_id=data.get("entry", ""),
            by=data.get("by", ""),
            at=transfer.timestamp,
            note=data.get("note", ""),
            request=transfer.cause,
        )


def split(amount_fen: int, building_ids: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """An amount shared equally by the buildings, the odd fen to the first ones (sums exactly)."""
    base, odd = divmod(amount_fen, len(building_ids))
    return tuple((b, base + (1 if i < odd else 0)) for i, b in enumerate(building_ids))


def approval_transfer(application: FundApplication) -> Transfer:
    """The allowance an approval opens on the kernel (its id follows from the application)."""
    a = application
    return Transfer(
        id=f"fund-approval:{a.id}",
        debit_account_id=approvals_account(a.compound_id),
        credit_account_id=allowance_account(a.compound_id, a.id),
        amount=a.approved_fen,
        ledger=book(a.compound_id),
        code=APPROVAL,
        cause=f"communities.proposal.v1/{a.decision_event}"[:256],
        user_data={"proposal": a.proposal_id},
    )


def stage_id(application: FundApplication, invoice_no: str) -> str:
    return f"fund:{application.id}:inv:{invoice_key(invoice_no)}"


def stage_transfers(
    application: FundApplication,
    invoice_no: str,
    invoice_url: str,
    amount_fen: int,
    note: str,
    by: str,
    request: str,
    on: str,
) -> list[Transfer]:
    """One linked batch: the allowance, each building's share into cash (public income), and cash to
    the contractor (public expense)."""
    a = application
    stage = stage_id(a, invoice_no)
    expense_id = f"{stage}:x"
    label = f"{a.title}（发票 {invoice_no.strip()}）"
    batch = [
        Transfer(
            id=stage,
            debit_account_id=allowance_account(a.compound_id, a.id),
            credit_account_id=approvals_account(a.compound_id),
            amount=amount_fen,
            ledger=book(a.compound_id),
            code=STAGE,
            cause=request[:256],
            user_data={
                "invoice": invoice_no.strip()[:100],
                "url": invoice_url,
                "by": by[:128],
                "note": note.strip(),
                "entry": expense_id,
                "application": a.id,
            },
        )
    ]
    for i, (building, share) in enumerate(split(amount_fen, a.building_ids)):
        if share == 0:
            continue
        batch.append(
            entry_transfer(
                f"{stage}:b{i}",
                a.compound_id,
                INCOME,
                FUND_CATEGORY,
                share,
                f"维修资金拨付：{label}，{building}栋分摊",
                on,
                by,
                request,
                debit_account=building_account(a.compound_id, building),
            )
        )
    batch.append(
        entry_transfer(
            expense_id,
            a.compound_id,
            EXPENSE,
            "repairs",
            amount_fen,
            f"{a.contractor}：{label}",
            on,
            by,
            request,
        )
    )
    return batch


def disbursed_event(application: FundApplication, stage: Stage, disbursed_fen: int) -> events.FundDisbursed:
    a = application
    return events.FundDisbursed(
        tenant_id=a.tenant_id,
        compound_id=a.compound_id,
        application_id=a.id,
        proposal_id=a.proposal_id,
        title=a.title,
        stage_id=stage.stage_id,
        invoice_no=stage.invoice_no,
        amount_fen=stage.amount_fen,
        disbursed_fen=disbursed_fen,
        approved_fen=a.approved_fen,
        contractor=a.contractor,
        building_ids=list(a.building_ids),
        entry_id=stage.entry_id,
        disbursed_by=stage.by,
    )
