"""The ledger's rules as pure functions: what a batch of transfers does to the balances.

`build_entry` turns a validated batch, the accounts it names, their current heads (balance and
sequence number of each sequenced account) and the stored transfers it refers to (pending ones it
posts or voids, ones it reverses) into one journal `Entry`: the filled-in transfers, the balances
after them, and the unique keys whose collision in the store tells a replay, a lost race or a second
resolution apart. `recompute` derives every balance from transfers alone (the check).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from linli_platform.errors import FailedPrecondition, InvalidField

from linli_ledger.model import Account, AccountFlags, Balance, Transfer, TransferFlags


@dataclass(frozen=True)
class Head:
    """An account's kept balance after its `seq`-th entry (seq 0: never moved)."""

    account_id: str
    seq: int
    balance: Balance


@dataclass(frozen=True)
class Entry:
    """One submitted batch as the store keeps it: written once, never changed."""

    ref: str  # sortable, unique: the entry's id in the store
    at: datetime
    transfers: tuple[Transfer, ...]
    heads: tuple[Head, ...]
    accounts: tuple[str, ...]
    keys: tuple[str, ...]
    expires: tuple[datetime, ...] = ()


def transfer_key(transfer_id: str) -> str:
    return f"t:{transfer_id}"


def resolution_key(pending_id: str) -> str:
    return f"r:{pending_id}"


def reversal_key(transfer_id: str) -> str:
    return f"v:{transfer_id}"


def sequence_key(account_id: str, seq: int) -> str:
    return f"s:{account_id}#{seq}"


def history_key(account_id: str, ref: str) -> str:
    """An entry's place in an account's history (refs sort by time): read by range."""
    return f"a:{account_id}#{ref}"


def expiry_stamp(at: datetime) -> str:
    """Sortable text of an expiry (UTC, to the microsecond)."""
    return at.astimezone(UTC).strftime("%Y%m%d%H%M%S%f")


def expiry_key(expires_at: datetime, transfer_id: str) -> str:
    """A pending transfer's expiry, in the unique keys: the expiry sweep reads a range of them
    (one index serves every lookup of an entry, so a submit maintains one index, not three)."""
    return f"x:{expiry_stamp(expires_at)}#{transfer_id}"


def effects(t: Transfer, pending: Transfer | None = None) -> list[tuple[str, Balance]]:
    """What one (filled-in) transfer adds to its two accounts' balances."""
    a = t.amount
    if t.flags & TransferFlags.PENDING:
        return [
            (t.debit_account_id, Balance(debits_pending=a)),
            (t.credit_account_id, Balance(credits_pending=a)),
        ]
    if t.flags & (TransferFlags.POST_PENDING | TransferFlags.VOID_PENDING):
        held = pending.amount if pending is not None else 0
        posted = a if t.flags & TransferFlags.POST_PENDING else 0
        return [
            (t.debit_account_id, Balance(debits_pending=-held, debits_posted=posted)),
            (t.credit_account_id, Balance(credits_pending=-held, credits_posted=posted)),
        ]
    return [(t.debit_account_id, Balance(debits_posted=a)), (t.credit_account_id, Balance(credits_posted=a))]


def recompute(transfers: Iterable[Transfer]) -> dict[str, Balance]:
    """Every account's balance from the transfers alone (order does not matter)."""
    all_transfers = list(transfers)
    by_id = {t.id: t for t in all_transfers}
    balances: dict[str, Balance] = {}
    for t in all_transfers:
        for account_id, delta in effects(t, by_id.get(t.pending_id) if t.pending_id else None):
            balances[account_id] = balances.get(account_id, Balance()).plus(delta)
    return balances


def _refusal(account: Account, balance: Balance) -> str:
    if account.flags & AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS and (
        balance.debits_pending + balance.debits_posted > balance.credits_posted
    ):
        short = balance.debits_pending + balance.debits_posted - balance.credits_posted
        return (
            f"account {account.id}: insufficient balance (short by {short}; debits must not exceed credits)"
        )
    short = balance.credits_pending + balance.credits_posted - balance.debits_posted
    return f"account {account.id}: credits would exceed debits by {short}"


def build_entry(
    ref: str,
    batch: Sequence[Transfer],
    accounts: Mapping[str, Account],
    heads: Mapping[str, Head],
    referenced: Mapping[str, Transfer],
    now: datetime,
    resolved: Iterable[str] = (),
) -> Entry:
    """The entry for a validated batch, or the refusal: InvalidField naming `transfers[i].<field>`
    for a reference to nothing (unknown account, pending or reversed transfer, another ledger),
    FailedPrecondition for a state that forbids it (insufficient balance, resolved or expired
    pending, a transfer reversed already)."""
    running: dict[str, tuple[int, Balance]] = {}
    in_batch: dict[str, Transfer] = {}
    resolved_now: set[str] = set(resolved)
    reversed_now: set[str] = set()
    keys: list[str] = []
    filled: list[Transfer] = []
    touched: list[str] = []
    expires: list[datetime] = []
    for i, t in enumerate(batch):
        path = f"transfers[{i}]"
        pending = None
        if t.resolves:
            pending = in_batch.get(t.pending_id) or referenced.get(t.pending_id)
            t = _resolve(path, t, pending, now, resolved_now)
            resolved_now.add(t.pending_id)
            keys.append(resolution_key(t.pending_id))
        elif t.reverses:
            _check_reversal(path, t, in_batch.get(t.reverses) or referenced.get(t.reverses), reversed_now)
            reversed_now.add(t.reverses)
            keys.append(reversal_key(t.reverses))
        expires_at = now + timedelta(seconds=t.timeout) if t.is_pending and t.timeout else None
        t = replace(t, timestamp=now, expires_at=expires_at, user_data=dict(t.user_data))
        if expires_at is not None:
            expires.append(expires_at)
            keys.append(expiry_key(expires_at, t.id))
        for side in ("debit_account_id", "credit_account_id"):
            account = accounts.get(getattr(t, side))
            if account is None:
                raise InvalidField(f"{path}.{side}", f"unknown account {getattr(t, side)}")
            if account.ledger != t.ledger:
                raise InvalidField(f"{path}.ledger", f"account {account.id} is in ledger {account.ledger}")
        for account_id, delta in effects(t, pending):
            if account_id not in touched:
                touched.append(account_id)
            account = accounts[account_id]
            if not account.sequenced:
                continue
            head = heads.get(account_id) or Head(account_id, 0, Balance())
            seq, balance = running.get(account_id, (head.seq + 1, head.balance))
            balance = balance.plus(delta)
            if balance.violates(account.flags):
                raise FailedPrecondition(_refusal(account, balance))
            running[account_id] = (seq, balance)
        in_batch[t.id] = t
        filled.append(t)
        keys.append(transfer_key(t.id))
    new_heads = tuple(Head(a, seq, b) for a, (seq, b) in running.items())
    keys += [sequence_key(h.account_id, h.seq) for h in new_heads]
    keys += [history_key(account_id, ref) for account_id in touched]
    return Entry(ref, now, tuple(filled), new_heads, tuple(touched), tuple(keys), tuple(expires))


def _resolve(path: str, t: Transfer, pending: Transfer | None, now: datetime, resolved: set[str]) -> Transfer:
    if pending is None:
        raise InvalidField(f"{path}.pending_id", f"no transfer {t.pending_id}")
    if not pending.is_pending:
        raise InvalidField(f"{path}.pending_id", f"transfer {t.pending_id} is not pending")
    if t.pending_id in resolved:
        raise FailedPrecondition(f"pending transfer {t.pending_id} is already posted or voided")
    for name in ("debit_account_id", "credit_account_id", "ledger"):
        if getattr(t, name) and getattr(t, name) != getattr(pending, name):
            raise InvalidField(f"{path}.{name}", f"must be the pending transfer's ({getattr(pending, name)})")
    posting = bool(t.flags & TransferFlags.POST_PENDING)
    amount = t.amount or pending.amount
    if posting and amount > pending.amount:
        raise InvalidField(f"{path}.amount", f"more than the pending {pending.amount}")
    if not posting and amount != pending.amount:
        raise InvalidField(f"{path}.amount", f"a void releases the whole pending {pending.amount}")
    if posting and pending.expires_at is not None and now >= pending.expires_at:
        raise FailedPrecondition(
            f"pending transfer {t.pending_id} expired at {pending.expires_at.isoformat()}"
        )
    return replace(
        t,
        debit_account_id=pending.debit_account_id,
        credit_account_id=pending.credit_account_id,
        ledger=pending.ledger,
        code=t.code or pending.code,
        amount=amount,
    )


def _check_reversal(path: str, t: Transfer, original: Transfer | None, reversed_now: set[str]) -> None:
    if original is None:
        raise InvalidField(f"{path}.reverses", f"no transfer {t.reverses}")
    if original.flags & (TransferFlags.PENDING | TransferFlags.VOID_PENDING):
        raise InvalidField(f"{path}.reverses", "only a posted transfer can be reversed (void a pending one)")
    if t.reverses in reversed_now:
        raise FailedPrecondition(f"transfer {t.reverses} is already reversed")
    expected = {
        "debit_account_id": original.credit_account_id,
        "credit_account_id": original.debit_account_id,
        "amount": original.amount,
        "ledger": original.ledger,
    }
    for name, value in expected.items():
        if getattr(t, name) != value:
            raise InvalidField(f"{path}.{name}", f"a reversal of {original.id} must have {name} {value}")


def account_sums(balances: Mapping[str, Balance], ledger_of: Mapping[str, str]) -> dict[str, tuple[int, int]]:
    """Per ledger: (Σ debits_posted − credits_posted, Σ debits_pending − credits_pending) — both zero."""
    sums: dict[str, tuple[int, int]] = {}
    for account_id, b in balances.items():
        posted, pending = sums.get(ledger_of.get(account_id, ""), (0, 0))
        sums[ledger_of.get(account_id, "")] = (
            posted + b.debits_posted - b.credits_posted,
            pending + b.debits_pending - b.credits_pending,
        )
    return sums
