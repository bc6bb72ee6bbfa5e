"""The ledger's values: accounts, transfers, balances, and the checks of their shape (pure Python).

After TigerBeetle: an account never changes except through transfers, and a transfer is never
updated or deleted. Amounts are integers in the user's unit (points, fen) and bounded, so that a
sum over a district's transfers never leaves the range every store and client represents exactly.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from linli_platform.errors import InvalidField

MAX_AMOUNT = 10**15  # one transfer; 10^18 is refused (sums stay below 2^63 and exact in a double)
MAX_ID = 128  # account and transfer ids
MAX_NAME = 64  # ledger and code
MAX_CAUSE = 256
MAX_USER_DATA = 16  # entries
MAX_USER_KEY, MAX_USER_VALUE = 64, 512
MAX_BATCH = 32  # transfers in one submit
MAX_TIMEOUT = 366 * 24 * 3600  # seconds a pending transfer may wait
_PRINTABLE = re.compile(r"^[^\x00-\x20\x7f]+$")  # no spaces or control characters in ids


class AccountFlags(enum.IntFlag):
    NONE = 0
    DEBITS_MUST_NOT_EXCEED_CREDITS = 1  # e.g. a person's points: never below zero
    CREDITS_MUST_NOT_EXCEED_DEBITS = 2
    KEEP_BALANCE = 4  # keep the balance with every entry (implied by the two above)


SEQUENCED = (
    AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
    | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS
    | AccountFlags.KEEP_BALANCE
)


class TransferFlags(enum.IntFlag):
    NONE = 0
    PENDING = 1  # reserve: counts in *_pending until posted, voided or expired
    POST_PENDING = 2  # settle the pending transfer `pending_id` (its amount or less)
    VOID_PENDING = 4  # release the pending transfer `pending_id`


@dataclass(frozen=True)
class Account:
    """An account of one ledger (book). Balances are filled in by the store; open it with zeros."""

    id: str
    ledger: str
    code: str = ""  # its kind, e.g. "person", "issuer", "sink", "firm"
    flags: AccountFlags = AccountFlags.NONE
    tenant_id: str = ""
    debits_pending: int = 0
    debits_posted: int = 0
    credits_pending: int = 0
    credits_posted: int = 0

    @property
    def sequenced(self) -> bool:
        """Its balance is kept with each entry (one indexed read), and concurrent writers queue."""
        return bool(self.flags & SEQUENCED)

    @property
    def balance(self) -> int:
        """Posted credits minus posted debits (a person's points; negative for the issuer)."""
        return self.credits_posted - self.debits_posted

    @property
    def available(self) -> int:
        """What a credit-normal account can still spend: the balance minus what is reserved."""
        return self.credits_posted - self.debits_posted - self.debits_pending

    def with_balance(self, b: Balance) -> Account:
        return replace(
            self,
            debits_pending=b.debits_pending,
            debits_posted=b.debits_posted,
            credits_pending=b.credits_pending,
            credits_posted=b.credits_posted,
        )

    def definition(self) -> tuple:
        """What opening compares: the same id with another definition is a conflict."""
        return (self.id, self.ledger, self.code, int(self.flags))


@dataclass(frozen=True)
class Balance:
    debits_pending: int = 0
    debits_posted: int = 0
    credits_pending: int = 0
    credits_posted: int = 0

    def plus(self, other: Balance) -> Balance:
        return Balance(
            self.debits_pending + other.debits_pending,
            self.debits_posted + other.debits_posted,
            self.credits_pending + other.credits_pending,
            self.credits_posted + other.credits_posted,
        )

    def violates(self, flags: AccountFlags) -> bool:
        debits = self.debits_pending + self.debits_posted
        credits = self.credits_pending + self.credits_posted
        return bool(
            (flags & AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS and debits > self.credits_posted)
            or (flags & AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS and credits > self.debits_posted)
        )


@dataclass(frozen=True)
class Transfer:
    """An immutable movement of `amount` from the debit account to the credit account.

    For POST_PENDING and VOID_PENDING, empty debit/credit/ledger/code (and amount 0) mean "as the
    pending transfer"; the stored transfer has them filled in. `timestamp` and `expires_at` are set
    by the kernel.
    """

    id: str
    debit_account_id: str = ""
    credit_account_id: str = ""
    amount: int = 0
    ledger: str = ""
    code: str = ""
    cause: str = ""
    flags: TransferFlags = TransferFlags.NONE
    pending_id: str = ""
    timeout: int = 0  # seconds, PENDING only
    reverses: str = ""
    user_data: Mapping[str, str] = field(default_factory=dict)
    timestamp: datetime | None = None
    expires_at: datetime | None = None

    @property
    def is_pending(self) -> bool:
        return bool(self.flags & TransferFlags.PENDING)

    @property
    def resolves(self) -> bool:
        return bool(self.flags & (TransferFlags.POST_PENDING | TransferFlags.VOID_PENDING))


def reversal_of(
    original: Transfer, id: str, code: str, cause: str = "", user_data: Mapping[str, str] | None = None
) -> Transfer:
    """The transfer that corrects `original`: its amount moved back (debit = the original's credit
    account, credit = its debit account, same ledger), naming it in `reverses` (the kernel accepts
    it once per original, for a posted transfer only)."""
    return Transfer(
        id=id,
        debit_account_id=original.credit_account_id,
        credit_account_id=original.debit_account_id,
        amount=original.amount,
        ledger=original.ledger,
        code=code,
        cause=cause,
        reverses=original.id,
        user_data=dict(user_data or {}),
    )


COMPARED = (
    "debit_account_id",
    "credit_account_id",
    "amount",
    "ledger",
    "code",
    "cause",
    "flags",
    "pending_id",
    "timeout",
    "reverses",
    "user_data",
)
_FILLED_BY_PENDING = {"debit_account_id", "credit_account_id", "ledger", "code", "amount"}


def differing_field(request: Transfer, stored: Transfer) -> str | None:
    """The first field in which a retried transfer differs from the stored one (None: the same)."""
    for name in COMPARED:
        asked, kept = getattr(request, name), getattr(stored, name)
        if request.resolves and name in _FILLED_BY_PENDING and asked in ("", 0):
            continue  # left to the pending transfer's value when it was first submitted
        if name == "user_data":
            asked, kept = dict(asked), dict(kept)
        if asked != kept:
            return name
    return None


# -- shape checks (before any read or write) ----------------------------------------------------------
def _text(violations: list, path: str, value, limit: int, required: bool, ident: bool = False) -> None:
    if not isinstance(value, str):
        violations.append((path, "must be a string"))
    elif not value:
        if required:
            violations.append((path, "is required"))
    elif len(value) > limit:
        violations.append((path, f"is longer than {limit} characters"))
    elif ident and not _PRINTABLE.match(value):
        violations.append((path, "must not contain spaces or control characters"))


def _amount(violations: list, path: str, value, allow_zero: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        violations.append((path, "must be an integer"))
    elif value < 0 or (value == 0 and not allow_zero):
        violations.append((path, "must be positive"))
    elif value > MAX_AMOUNT:
        violations.append((path, f"must be at most {MAX_AMOUNT}"))


def validate_account(account: Account, path: str = "account") -> list[tuple[str, str]]:
    v: list[tuple[str, str]] = []
    _text(v, f"{path}.id", account.id, MAX_ID, True, ident=True)
    _text(v, f"{path}.ledger", account.ledger, MAX_NAME, True, ident=True)
    _text(v, f"{path}.code", account.code, MAX_NAME, False)
    if not isinstance(account.flags, int) or int(account.flags) & ~int(SEQUENCED):
        v.append((f"{path}.flags", "unknown flags"))
    if (account.debits_pending, account.debits_posted, account.credits_pending, account.credits_posted) != (
        0,
        0,
        0,
        0,
    ):
        v.append((f"{path}.balance", "an account is opened with zero balances"))
    return v


def validate_transfer(t: Transfer, path: str = "transfer") -> list[tuple[str, str]]:
    v: list[tuple[str, str]] = []
    _text(v, f"{path}.id", t.id, MAX_ID, True, ident=True)
    flags = t.flags
    if not isinstance(flags, int) or int(flags) & ~7 or bin(int(flags)).count("1") > 1:
        v.append((f"{path}.flags", "one of PENDING, POST_PENDING, VOID_PENDING or none"))
        return v
    resolves = bool(flags & (TransferFlags.POST_PENDING | TransferFlags.VOID_PENDING))
    _text(v, f"{path}.debit_account_id", t.debit_account_id, MAX_ID, not resolves, ident=True)
    _text(v, f"{path}.credit_account_id", t.credit_account_id, MAX_ID, not resolves, ident=True)
    _text(v, f"{path}.ledger", t.ledger, MAX_NAME, not resolves, ident=True)
    _text(v, f"{path}.code", t.code, MAX_NAME, not resolves)
    _text(v, f"{path}.cause", t.cause, MAX_CAUSE, False)
    _amount(v, f"{path}.amount", t.amount, allow_zero=resolves)
    if t.debit_account_id and t.debit_account_id == t.credit_account_id:
        v.append((f"{path}.credit_account_id", "must differ from the debit account"))
    if resolves:
        _text(v, f"{path}.pending_id", t.pending_id, MAX_ID, True, ident=True)
    elif t.pending_id:
        v.append((f"{path}.pending_id", "only with POST_PENDING or VOID_PENDING"))
    if isinstance(t.timeout, bool) or not isinstance(t.timeout, int) or not 0 <= t.timeout <= MAX_TIMEOUT:
        v.append((f"{path}.timeout", f"seconds between 0 and {MAX_TIMEOUT}"))
    elif t.timeout and not flags & TransferFlags.PENDING:
        v.append((f"{path}.timeout", "only with PENDING"))
    if t.reverses:
        _text(v, f"{path}.reverses", t.reverses, MAX_ID, True, ident=True)
        if flags:
            v.append((f"{path}.reverses", "a reversal is a plain transfer (no pending flags)"))
    if not isinstance(t.user_data, Mapping) or len(t.user_data) > MAX_USER_DATA:
        v.append((f"{path}.user_data", f"at most {MAX_USER_DATA} entries"))
    else:
        for key, value in t.user_data.items():
            if not isinstance(key, str) or not key or len(key) > MAX_USER_KEY or key.startswith("$"):
                v.append((f"{path}.user_data", f"keys are 1..{MAX_USER_KEY} characters"))
            elif not isinstance(value, str) or len(value) > MAX_USER_VALUE:
                v.append((f"{path}.user_data[{key}]", f"at most {MAX_USER_VALUE} characters"))
    return v


def validate_batch(transfers: Sequence[Transfer]) -> None:
    """InvalidField naming every bad field (`transfers[i].amount`), before anything is read."""
    if not transfers:
        raise InvalidField("transfers", "at least one transfer")
    if len(transfers) > MAX_BATCH:
        raise InvalidField("transfers", f"at most {MAX_BATCH} in one batch")
    violations: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, t in enumerate(transfers):
        violations += validate_transfer(t, f"transfers[{i}]")
        if t.id in seen:
            violations.append((f"transfers[{i}].id", "repeats an id of this batch"))
        seen.add(t.id)
    if violations:
        raise InvalidField(violations)
