"""The public income/expense ledger of a compound (收支公示) on the ledger kernel.

An entry is income (fees received, donations, maintenance-fund disbursements, other) or an expense
(labour, materials with brand, model and quantity, utilities, contracted repairs, other), with
evidence links, who recorded it, and the ticket where there is one. Entries are immutable: a
mistake is corrected by a reversal naming the entry it reverses (once), never by an edit.

Every entry is one kernel transfer in the compound's book (`compound:<id>`), its id the entry id.
The kernel's balance is credits − debits: an income debits the category's income account (or, for
the maintenance fund, the building's fund) and credits the compound's cash account; an expense debits
cash and credits the category's expense account. So cash = income − expenses, and the book sums to
zero. The transfer carries the figures (code = category; kind, recorder, description, day and ticket
in user_data); evidence links and materials are kept beside it (`EntryDetails`), keyed by its id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from linli_ledger import Account, AccountFlags, Transfer, reversal_of
from linli_platform.errors import InvalidField

INCOME, EXPENSE = "income", "expense"
KINDS = (INCOME, EXPENSE)
INCOME_CATEGORIES = {
    "fees": "物业费收入",
    "donations": "捐赠",
    "maintenance_fund": "维修资金拨付",
    "other_income": "其他收入",
}
EXPENSE_CATEGORIES = {
    "labour": "人工",
    "materials": "材料",
    "utilities": "水电能耗",
    "repairs": "维修工程",
    "other_expense": "其他支出",
}
CATEGORY_NAMES = {**INCOME_CATEGORIES, **EXPENSE_CATEGORIES}
CATEGORIES = {INCOME: tuple(INCOME_CATEGORIES), EXPENSE: tuple(EXPENSE_CATEGORIES)}
# Booked by the service itself, never by hand: fees from payments, the fund from disbursements.
AUTOMATIC = {"maintenance_fund"}

# One entry never moves more than 100 million yuan: anything above is a typo, not a repair.
MAX_AMOUNT_FEN = 10_000_000_000
MAX_TEXT = 200
MAX_DESCRIPTION = 500
MAX_EVIDENCE = 20
MAX_MATERIALS = 100
MAX_QUANTITY_MILLI = 1_000_000_000  # a million units, in thousandths
URL = re.compile(r"^(https?://|linli://)\S{1,500}$")
TICKET_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def book(compound_id: str) -> str:
    """The kernel ledger (book) of a compound's public accounts and its maintenance fund."""
    return f"compound:{compound_id}"


def cash_account(compound_id: str) -> str:
    return f"compound:{compound_id}:cash"


def category_account(compound_id: str, kind: str, category: str) -> str:
    return f"compound:{compound_id}:{kind}:{category}"


def public_accounts(compound_id: str) -> list[Account]:
    """Cash and one account per category, each keeping its balance with every entry (a resident's
    balance read is one indexed read per account, never a sum over a year of payments; every entry
    moves cash anyway, so keeping the category's balance too adds no contention)."""
    ledger = book(compound_id)
    keep = AccountFlags.KEEP_BALANCE
    accounts = [Account(cash_account(compound_id), ledger, "cash", keep)]
    for kind, categories in CATEGORIES.items():
        for category in categories:
            if category not in AUTOMATIC:
                accounts.append(Account(category_account(compound_id, kind, category), ledger, kind, keep))
    return accounts


@dataclass(frozen=True)
class Material:
    """What was bought: brand, model, quantity (thousandths of a unit) and unit, e.g. 公牛 GN-B3 × 2 个."""

    brand: str
    model: str
    quantity_milli: int
    unit: str
    unit_price_fen: int = 0


@dataclass(frozen=True)
class EntryDraft:
    """What a recorder asks to book (validated by `check`)."""

    compound_id: str
    kind: str
    category: str
    amount_fen: int
    description: str
    occurred_on: str  # YYYY-MM-DD, the day the money moved (the statement uses the booking time)
    evidence_urls: tuple[str, ...] = ()
    ticket_id: str = ""
    materials: tuple[Material, ...] = ()


@dataclass(frozen=True)
class EntryDetails:
    """What an entry's transfer does not carry, kept under the entry id (written before the transfer:
    details without a transfer are never shown)."""

    entry_id: str
    compound_id: str
    evidence_urls: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A booked entry as readers see it: the kernel transfer's figures and its details."""

    id: str
    compound_id: str
    kind: str
    category: str
    amount_fen: int
    signed_fen: int  # what it did to the balance: +income, −expense; a reversal the opposite
    description: str
    occurred_on: str
    recorded_by: str
    recorded_at: datetime
    ticket_id: str = ""
    source: str = ""
    reverses: str = ""
    reason: str = ""
    evidence_urls: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES.get(self.category, self.category)


def _text(violations: list, path: str, value: str, limit: int, required: bool = False) -> None:
    if required and not value.strip():
        violations.append((path, "is required"))
    elif len(value) > limit:
        violations.append((path, f"is at most {limit} characters"))


def check_amount(violations: list, path: str, amount_fen: int) -> None:
    if amount_fen <= 0:
        violations.append((path, "must be a positive amount in fen"))
    elif amount_fen > MAX_AMOUNT_FEN:
        violations.append((path, f"must not exceed {MAX_AMOUNT_FEN} fen (1 亿元)"))


def check_day(violations: list, path: str, value: str) -> None:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        violations.append((path, "must be a date YYYY-MM-DD"))


def check_evidence(violations: list, path: str, urls: tuple[str, ...]) -> None:
    if len(urls) > MAX_EVIDENCE:
        violations.append((path, f"has at most {MAX_EVIDENCE} links"))
    for i, url in enumerate(urls):
        if not URL.match(url):
            violations.append((f"{path}[{i}]", "must be an http(s):// or linli:// link"))


def check(draft: EntryDraft) -> None:
    """Every violation of the draft at once, naming its field; nothing is booked when any."""
    v: list[tuple[str, str]] = []
    if draft.kind not in KINDS:
        v.append(("kind", "must be income or expense"))
    elif draft.category not in CATEGORIES[draft.kind] or draft.category in AUTOMATIC:
        allowed = [c for c in CATEGORIES[draft.kind] if c not in AUTOMATIC]
        v.append(("category", f"must be one of {', '.join(allowed)} for {draft.kind}"))
    check_amount(v, "amount_fen", draft.amount_fen)
    _text(v, "description", draft.description, MAX_DESCRIPTION, required=True)
    check_day(v, "occurred_on", draft.occurred_on)
    check_evidence(v, "evidence_urls", draft.evidence_urls)
    if draft.ticket_id and not TICKET_ID.match(draft.ticket_id):
        v.append(("ticket_id", "must be a ticket id (letters, digits, _ . : -; at most 64)"))
    if draft.materials and (draft.kind, draft.category) != (EXPENSE, "materials"):
        v.append(("materials", "are listed only on a materials expense"))
    if len(draft.materials) > MAX_MATERIALS:
        v.append(("materials", f"at most {MAX_MATERIALS}"))
    for i, m in enumerate(draft.materials):
        path = f"materials[{i}]"
        _text(v, f"{path}.brand", m.brand, MAX_TEXT, required=True)
        _text(v, f"{path}.model", m.model, MAX_TEXT, required=True)
        _text(v, f"{path}.unit", m.unit, 20, required=True)
        if not 0 < m.quantity_milli <= MAX_QUANTITY_MILLI:
            v.append((f"{path}.quantity_milli", f"must be between 1 and {MAX_QUANTITY_MILLI}"))
        if not 0 <= m.unit_price_fen <= MAX_AMOUNT_FEN:
            v.append((f"{path}.unit_price_fen", f"must be between 0 and {MAX_AMOUNT_FEN}"))
    if v:
        raise InvalidField(v)


def entry_transfer(
    entry_id: str,
    compound_id: str,
    kind: str,
    category: str,
    amount_fen: int,
    description: str,
    occurred_on: str,
    by: str,
    cause: str,
    ticket_id: str = "",
    debit_account: str = "",
) -> Transfer:
    """The kernel transfer of one entry (`debit_account` overrides an income's source account: a
    building's maintenance fund)."""
    cash = cash_account(compound_id)
    other = category_account(compound_id, kind, category)
    debit, credit = (debit_account or other, cash) if kind == INCOME else (cash, other)
    user_data = {"kind": kind, "by": by[:128], "desc": description[:MAX_DESCRIPTION], "on": occurred_on}
    if ticket_id:
        user_data["ticket"] = ticket_id
    return Transfer(
        id=entry_id,
        debit_account_id=debit,
        credit_account_id=credit,
        amount=amount_fen,
        ledger=book(compound_id),
        code=category,
        cause=cause[:256],
        user_data=user_data,
    )


def refund_transfer(
    entry_id: str, compound_id: str, amount_fen: int, description: str, on: str, by: str, cause: str
) -> Transfer:
    """Fees paid back to a household: cash back to the fees account (negative fee income)."""
    return Transfer(
        id=entry_id,
        debit_account_id=cash_account(compound_id),
        credit_account_id=category_account(compound_id, INCOME, "fees"),
        amount=amount_fen,
        ledger=book(compound_id),
        code="fees",
        cause=cause[:256],
        user_data={"kind": INCOME, "by": by[:128], "desc": description[:MAX_DESCRIPTION], "on": on},
    )


def booked(draft: EntryDraft, entry_id: str, by: str, cause: str) -> tuple[Transfer, EntryDetails]:
    check(draft)
    transfer = entry_transfer(
        entry_id,
        draft.compound_id,
        draft.kind,
        draft.category,
        draft.amount_fen,
        draft.description.strip(),
        draft.occurred_on,
        by,
        cause,
        draft.ticket_id,
    )
    return transfer, EntryDetails(
        entry_id, draft.compound_id, tuple(draft.evidence_urls), tuple(draft.materials)
    )


def reversal_transfer(
    original: Transfer, reversal_id: str, reason: str, by: str, on: str, cause: str
) -> Transfer:
    """The transfer that undoes `original` (same amount, accounts swapped; the kernel refuses a
    second reversal of one transfer)."""
    v: list = []
    _text(v, "reason", reason, MAX_DESCRIPTION, required=True)
    if v:
        raise InvalidField(v)
    data = dict(original.user_data)
    if "reason" in data:  # a reversal: the kernel refuses to reverse it as it is no original's image
        raise InvalidField("entry_id", "is itself a reversal; record the entry again instead")
    data.update(by=by[:128], on=on, reason=reason.strip()[:MAX_DESCRIPTION])
    return reversal_of(original, reversal_id, original.code, cause[:256], data)


def recorder_of(transfer: Transfer) -> str:
    """Who booked a transfer: a staff member, or a firm's name and its person (名称·账号)."""
    return transfer.user_data.get("by", "")


def entry_of(transfer: Transfer, compound_id: str, details: EntryDetails | None = None) -> Entry:
    """The reader's view of a transfer that touches the compound's cash account."""
    data: Mapping[str, str] = transfer.user_data
    cash = cash_account(compound_id)
    signed = transfer.amount if transfer.credit_account_id == cash else -transfer.amount
    kind = data.get("kind", INCOME if signed > 0 else EXPENSE)
    return Entry(
        id=transfer.id,
        compound_id=compound_id,
        kind=kind,
        category=transfer.code,
        amount_fen=transfer.amount,
        signed_fen=signed,
        description=data.get("desc", ""),
        occurred_on=data.get("on", ""),
        recorded_by=data.get("by", ""),
        recorded_at=transfer.timestamp,
        ticket_id=data.get("ticket", ""),
        source=transfer.cause,
        reverses=transfer.reverses,
        reason=data.get("reason", ""),
        evidence_urls=details.evidence_urls if details else (),
        materials=details.materials if details else (),
    )


def touches_cash(transfer: Transfer, compound_id: str) -> bool:
    cash = cash_account(compound_id)
    return cash in (transfer.debit_account_id, transfer.credit_account_id)
