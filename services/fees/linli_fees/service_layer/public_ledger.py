"""Use cases of the public ledger (收支公示): book and reverse entries, read them, publish a month's
statement, and verify the chain of statements. Money moves only through the kernel's `submit`."""

from __future__ import annotations

import hashlib
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from linli_ledger import Account, Transfer
from linli_platform.auth import PEOPLE_ROLES, STAFF_OR_PLATFORM, Principal, Role
from linli_platform.errors import Conflict, FailedPrecondition, InvalidField, NotFound, PermissionDenied

from linli_fees.domain import public_ledger as pl
from linli_fees.domain import statement as st
from linli_fees.domain.statement_record import PublishedStatement, statement_id
from linli_fees.service_layer.ledger_ports import CompoundCopy, LedgerUnitOfWork

PAGE = 500  # transfers read per kernel page while summing a month
RECORDED = "pl-entry:"  # ids of entries recorded by hand (RecordEntry); payments' are "pl-payment:"


def derived_id(prefix: str, request_id: str) -> str:
    """A kernel id that follows from the request (so a retried request finds what it wrote)."""
    return f"{prefix}:{hashlib.sha256(request_id.encode()).hexdigest()[:24]}"


# -- who may see what -------------------------------------------------------------------------------
def known_compound(uow: LedgerUnitOfWork, compound_id: str) -> CompoundCopy:
    """The compound in this district; NotFound for an unknown one or another district's."""
    found = uow.directory.compound(compound_id)
    if found is None:
        raise NotFound(f"compound {compound_id} not found")
    return found


def serving_firm(uow: LedgerUnitOfWork, principal: Principal, compound_id: str) -> str | None:
    """The name of the caller's property firm when it serves the compound today (its contract)."""
    if principal.role != Role.PROPERTY_FIRM or not principal.org:
        return None
    today = datetime.now(UTC).astimezone(ZoneInfo(uow.directory.timezone())).date().isoformat()
    return uow.directory.serving_firm(principal.org, compound_id, today)


def check_reader(uow: LedgerUnitOfWork, principal: Principal, compound_id: str) -> CompoundCopy:
    """Staff read every compound's ledger; residents (and council members, volunteers) their own;
    a property firm the books of the compounds it serves."""
    compound = known_compound(uow, compound_id)
    if principal.role in STAFF_OR_PLATFORM:
        return compound
    if principal.role in PEOPLE_ROLES and uow.directory.is_resident(principal.subject, compound_id):
        return compound
    if serving_firm(uow, principal, compound_id) is not None:
        return compound
    raise PermissionDenied("只有本小区居民、社区工作人员和服务本小区的物业可以查看本小区的收支公示")


def check_keeper(uow: LedgerUnitOfWork, principal: Principal, compound_id: str) -> str:
    """Who may book, correct and publish a compound's ledger: staff, and the property firm serving
    it (seed 001: the firm publishes its 收支账单). Answers how the entry names its recorder: the
    staff member, or the firm's name and its person."""
    compound = known_compound(uow, compound_id)
    if principal.role in STAFF_OR_PLATFORM:
        return principal.subject
    firm = serving_firm(uow, principal, compound.compound_id)
    if firm is None:
        raise PermissionDenied("只有社区工作人员和服务本小区的物业可以记账和发布本小区的收支公示")
    return f"{firm}·{principal.subject}"


_opened: set[tuple[str, str]] = set()  # (tenant, account) opened on the database in this process
_opened_in: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # the same per in-memory books


def open_accounts(uow: LedgerUnitOfWork, accounts: list[Account]) -> None:
    """Open (idempotently) what a write needs, once per process and books."""
    books = getattr(uow.ledger, "books", None)
    opened = _opened if books is None else _opened_in.setdefault(books, set())
    wanted = [a for a in accounts if (uow.tenant, a.id) not in opened]
    if wanted:
        uow.ledger.open(wanted)
        opened.update((uow.tenant, a.id) for a in wanted)


def forget_opened() -> None:
    """Tests that drop the database start over."""
    _opened.clear()


# -- entries ----------------------------------------------------------------------------------------
def kernel_time(at: datetime | None) -> datetime | None:
    """A booking time as the kernel keeps it (UTC, milliseconds); None: the kernel's clock."""
    if at is None:
        return None
    at = at.astimezone(UTC)
    return at.replace(microsecond=at.microsecond // 1000 * 1000)


def record_entry(
    uow: LedgerUnitOfWork,
    principal: Principal,
    draft: pl.EntryDraft,
    request_id: str,
    at: datetime | None = None,
) -> pl.Entry:
    pl.check(draft)  # every field before anything is read or written
    recorder = check_keeper(uow, principal, draft.compound_id)
    if at is not None:
        check_import(uow, draft.compound_id, at)
    entry_id = derived_id(RECORDED.rstrip(":"), request_id)
    transfer, details = pl.booked(draft, entry_id, recorder, f"rpc:{request_id}")
    return book(uow, transfer, details, at)


def check_import(uow: LedgerUnitOfWork, compound_id: str, at: datetime, now: datetime | None = None) -> None:
    """An entry booked in the past (a paper ledger imported, 补录) goes only into a month that has ended
    and that no statement covers yet: a published month never changes."""
    now = now or datetime.now(UTC)
    zone = uow.directory.timezone()
    period = st.period_of(at, zone)
    if at > now or st.period_bounds(period, zone)[1] > now:
        raise InvalidField(
            "booked_at", "must be in a month that has ended (use no booked_at for today's entries)"
        )
    latest = uow.statements.latest(compound_id)
    if latest is not None and period <= latest.period:
        raise FailedPrecondition(
            f"the statement of {latest.period} is published; entries of {period} can no longer be imported"
        )


def book(
    uow: LedgerUnitOfWork,
    transfer: Transfer,
    details: pl.EntryDetails | None = None,
    at: datetime | None = None,
) -> pl.Entry:
    """Details first (never shown without their transfer), then the one kernel write."""
    compound_id = details.compound_id if details else transfer.ledger.removeprefix("compound:")
    open_accounts(uow, pl.public_accounts(compound_id))
    if details is not None and (details.evidence_urls or details.materials):
        uow.details.put(details)
    stored = uow.ledger.submit([transfer], now=kernel_time(at)).transfers[0]
    return pl.entry_of(stored, compound_id, details)


def reverse_entry(
    uow: LedgerUnitOfWork,
    principal: Principal,
    compound_id: str,
    entry_id: str,
    reason: str,
    request_id: str,
    at: datetime | None = None,
    reversible: tuple[str, ...] = (RECORDED,),
) -> pl.Entry:
    """Reverse an entry once. By hand only entries recorded by hand: a payment's income is reversed
    by the payment's own reversal (fees.account.v1), a disbursement's entries never alone (the fund's
    allowance and the buildings' shares move with them)."""
    if not reason.strip():
        raise InvalidField("reason", "is required")
    recorder = check_keeper(uow, principal, compound_id)
    original = _transfer(uow, entry_id)
    if (
        original is None
        or original.ledger != pl.book(compound_id)
        or not pl.touches_cash(original, compound_id)
    ):
        raise NotFound(f"entry {entry_id} not found in compound {compound_id}")
    if not original.id.startswith(reversible):
        raise FailedPrecondition(
            f"entry {entry_id} was booked by the service (a payment or a fund disbursement); "
            "correct it where it came from（由缴费或维修资金拨付自动记账，请在原业务中更正）"
        )
    if principal.role not in STAFF_OR_PLATFORM and pl.recorder_of(original) != recorder:
        raise PermissionDenied("物业只能更正自己记的账；其他更正请联系社区工作人员")
    today = (at or datetime.now(UTC)).astimezone(ZoneInfo(uow.directory.timezone())).date().isoformat()
    reversal = pl.reversal_transfer(
        original, derived_id("pl-reversal", request_id), reason, recorder, today, f"rpc:{request_id}"
    )
    stored = uow.ledger.submit([reversal], now=kernel_time(at)).transfers[0]
    return pl.entry_of(stored, compound_id)


def _transfer(uow: LedgerUnitOfWork, transfer_id: str) -> Transfer | None:
    try:
        return uow.ledger.transfer(transfer_id)
    except NotFound:
        return None


def entries_between(
    uow: LedgerUnitOfWork, compound_id: str, since: datetime | None, until: datetime
) -> list[Transfer]:
    """Every transfer of the compound's cash account booked in [since, until)."""
    cash = pl.cash_account(compound_id)
    found: list[Transfer] = []
    cursor = ""
    while True:
        page = uow.ledger.transfers(cash, since=since, until=until, cursor=cursor, limit=PAGE)
        found.extend(page.transfers)
        if not page.next_cursor:
            return found
        cursor = page.next_cursor


@dataclass(frozen=True)
class EntryPage:
    entries: list[pl.Entry]
    reversed_by: dict[str, str]  # entry id → the reversal's id, for entries of this page reversed in it
    total: int
    next_offset: int  # 0 at the end


def list_entries(
    uow: LedgerUnitOfWork, principal: Principal, compound_id: str, period: str, offset: int, limit: int
) -> EntryPage:
    st.parse_period(period)
    check_reader(uow, principal, compound_id)
    since, until = st.period_bounds(period, uow.directory.timezone())
    transfers = entries_between(uow, compound_id, since, until)
    reversed_by = {t.reverses: t.id for t in transfers if t.reverses}
    page = transfers[offset : offset + limit]
    details = uow.details.get_many([t.id for t in page])
    entries = [pl.entry_of(t, compound_id, details.get(t.id)) for t in page]
    more = offset + limit < len(transfers)
    return EntryPage(entries, reversed_by, len(transfers), offset + limit if more else 0)


@dataclass(frozen=True)
class Balance:
    compound: CompoundCopy
    balance_fen: int
    income: dict[str, int]
    expenses: dict[str, int]


def balance(uow: LedgerUnitOfWork, principal: Principal, compound_id: str) -> Balance:
    """The cash balance and what made it, by category, since the ledger began (kept balances only)."""
    compound = check_reader(uow, principal, compound_id)
    ids = [a.id for a in pl.public_accounts(compound_id)]
    accounts = uow.ledger.accounts(ids)
    cash = accounts.get(pl.cash_account(compound_id))
    cash_fen = cash.balance if cash else 0
    income, expenses = {}, {}
    for category in pl.CATEGORIES[pl.INCOME]:
        account = accounts.get(pl.category_account(compound_id, pl.INCOME, category))
        if account is not None and account.balance:
            income[category] = -account.balance
    for category in pl.CATEGORIES[pl.EXPENSE]:
        account = accounts.get(pl.category_account(compound_id, pl.EXPENSE, category))
        if account is not None and account.balance:
            expenses[category] = account.balance
    # The fund pays into cash from building accounts: what cash holds beyond the other incomes.
    from_fund = cash_fen - sum(income.values()) + sum(expenses.values())
    if from_fund:
        income["maintenance_fund"] = from_fund
    return Balance(compound, cash_fen, income, expenses)


# -- statements -------------------------------------------------------------------------------------
def compute_statement(
    uow: LedgerUnitOfWork, compound_id: str, period: str, previous: st.StatementContent | None
) -> st.StatementContent:
    zone = uow.directory.timezone()
    since, until = st.period_bounds(period, zone)
    month = [pl.entry_of(t, compound_id) for t in entries_between(uow, compound_id, since, until)]
    if previous is not None:
        opening = previous.closing_balance_fen
    else:
        opening = sum(
            pl.entry_of(t, compound_id).signed_fen for t in entries_between(uow, compound_id, None, since)
        )
    return st.compute(uow.tenant, compound_id, period, month, opening, previous)


def publish_statement(
    uow: LedgerUnitOfWork, principal: Principal, compound_id: str, period: str, now: datetime | None = None
) -> PublishedStatement:
    """Publish an ended month (the next after the last published); the same month again answers the
    statement already published."""
    st.parse_period(period)
    publisher = check_keeper(uow, principal, compound_id)
    now = now or datetime.now(UTC)
    with uow:
        existing = uow.statements.find(statement_id(compound_id, period))
        if existing is not None:
            return existing
        latest = uow.statements.latest(compound_id)
        previous = latest.content if latest else None
        st.check_publishable(period, previous, now, uow.directory.timezone())
        content = compute_statement(uow, compound_id, period, previous)
        statement = PublishedStatement.publish(content, publisher, now)
        uow.statements.add(statement)
        try:
            uow.commit()
        except Conflict:  # published concurrently: that one stands
            return uow.statements.get(statement.id)
    return statement


def get_statement(
    uow: LedgerUnitOfWork, principal: Principal, compound_id: str, period: str
) -> PublishedStatement:
    st.parse_period(period)
    check_reader(uow, principal, compound_id)
    found = uow.statements.find(statement_id(compound_id, period))
    if found is None:
        raise NotFound(f"no statement of {period} has been published for compound {compound_id}")
    return found


def list_statements(
    uow: LedgerUnitOfWork, principal: Principal, compound_id: str, offset: int, limit: int
) -> tuple[list[PublishedStatement], int]:
    check_reader(uow, principal, compound_id)
    chain = uow.statements.chain(compound_id)
    newest_first = list(reversed(chain))
    return newest_first[offset : offset + limit], len(chain)


def verify(uow: LedgerUnitOfWork, principal: Principal, compound_id: str) -> tuple[list[st.Verdict], str]:
    """Each published statement against its hash, the month before and the ledger's entries today."""
    check_reader(uow, principal, compound_id)
    chain = uow.statements.chain(compound_id)
    recomputed = []
    previous = None
    for statement in chain:
        recomputed.append(compute_statement(uow, compound_id, statement.period, previous))
        previous = statement.content
    verdicts = st.verify([(s.content, s.hash) for s in chain], recomputed)
    return verdicts, chain[-1].hash if chain else ""
