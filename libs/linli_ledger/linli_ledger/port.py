"""The port: a ledger store bound to one tenant (pure Python; adapters fill in the primitives).

The public methods hold the whole protocol — validation, the optimistic one-write submit, replay
detection by transfer id, retries after a lost race, expiry, the check — so the in-memory fake and
the Mongo adapter differ only in how they read and write entries, which the contract test proves.
"""

from __future__ import annotations

import itertools
import random
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime

from linli_platform.errors import Aborted, Conflict, FailedPrecondition, InvalidField, NotFound
from linli_platform.events import OutgoingEvent
from linli_platform.persistence import TenantScoped

from linli_ledger.model import (
    MAX_BATCH,
    Account,
    Balance,
    Transfer,
    TransferFlags,
    differing_field,
    validate_account,
    validate_batch,
)
from linli_ledger.rules import (
    Entry,
    Head,
    account_sums,
    build_entry,
    recompute,
    resolution_key,
    reversal_key,
)

ATTEMPTS = 16  # lost races on one account in a row before ABORTED


@dataclass(frozen=True)
class Submitted:
    transfers: tuple[Transfer, ...]
    created: bool  # False: every transfer existed already with the same fields (a replay)


@dataclass(frozen=True)
class TransferPage:
    transfers: tuple[Transfer, ...]
    next_cursor: str  # "" at the end


@dataclass(frozen=True)
class Mismatch:
    """What `check()` found: a kept figure that differs from the one recomputed from transfers."""

    account_id: str  # "" for a ledger-wide sum
    what: str  # "debits_posted", ..., "sequence", "sum:<ledger>"
    kept: int
    recomputed: int


def now_ms() -> datetime:
    """The kernel's clock: UTC to the millisecond (what BSON keeps), so a replay answers the same."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


_ORDER = itertools.count()
_PROCESS = uuid.uuid4().hex[:8]


def new_ref(at: datetime) -> str:
    """Sortable by time, and within a millisecond by this process's order of submits."""
    return f"{at.astimezone(UTC).strftime('%Y%m%d%H%M%S%f')}-{next(_ORDER):012d}-{_PROCESS}"


class Ledger(TenantScoped, ABC):
    """The books of one tenant. Open accounts, submit batches, read balances and history."""

    # -- accounts ------------------------------------------------------------------------------------
    def open(self, accounts: Sequence[Account]) -> list[Account]:
        """Open accounts idempotently: an id opened with the same ledger/code/flags is fine, with
        another definition a Conflict naming the field. Returns the stored definitions (balances
        zero, not read: cheap enough to call before every submit; use `accounts()` for balances)."""
        violations: list[tuple[str, str]] = []
        for i, account in enumerate(accounts):
            violations += validate_account(account, f"accounts[{i}]")
        if violations:
            raise InvalidField(violations)
        for i, account in enumerate(accounts):
            stored = self._definitions([account.id]).get(account.id)
            if stored is None and self._insert_account(self._defined(account)):
                continue
            stored = stored or self._definitions([account.id], fresh=True)[account.id]
            for name, asked, kept in zip(
                ("id", "ledger", "code", "flags"), account.definition(), stored.definition(), strict=True
            ):
                if asked != kept:
                    raise Conflict(f"account {account.id} exists with another {name} (accounts[{i}].{name})")
        # Definitions only: reading balances here would sum an unsequenced account's (the issuer's)
        # whole history on every open. Use accounts() for balances.
        defs = self._definitions([a.id for a in accounts])
        return [defs[a.id] for a in accounts]

    def accounts(self, ids: Iterable[str]) -> dict[str, Account]:
        """The named accounts that exist, with their current balances (unknown ids are left out)."""
        wanted = list(dict.fromkeys(ids))
        defs = self._definitions(wanted)
        heads = self._heads([i for i in wanted if i in defs and defs[i].sequenced], fresh=True)
        found = {}
        for account_id, account in defs.items():
            if account.sequenced:
                head = heads.get(account_id)
                balance = head.balance if head else Balance()
            else:
                balance = self._summed(account_id)
            found[account_id] = account.with_balance(balance)
        return found

    def account(self, account_id: str) -> Account:
        found = self.accounts([account_id]).get(account_id)
        if found is None:
            raise NotFound(f"account {account_id} not found")
        return found

    # -- transfers -----------------------------------------------------------------------------------
    def submit(
        self, transfers: Sequence[Transfer], events: Sequence[OutgoingEvent] = (), now: datetime | None = None
    ) -> Submitted:
        """Apply a batch all or nothing, in one write with the balances after it and `events` (the
        caller's outbox entries, published by the relay only if the batch is written).

        The same ids with the same fields answer the stored transfers (created=False, nothing
        written); an id used with other fields is a Conflict naming `transfers[i].<field>`."""
        batch = list(transfers)
        validate_batch(batch)
        at = now or now_ms()
        refs = [t.pending_id or t.reverses for t in batch if t.pending_id or t.reverses]
        referenced = self._stored([r for r in refs if r not in {t.id for t in batch}])
        named = {t.debit_account_id for t in batch} | {t.credit_account_id for t in batch}
        named |= {a for r in referenced.values() for a in (r.debit_account_id, r.credit_account_id)}
        named.discard("")
        resolved: set[str] = set()
        for attempt in range(ATTEMPTS):
            defs = self._definitions(sorted(named))
            sequenced = [a for a in sorted(named) if a in defs and defs[a].sequenced]
            refusal: InvalidField | FailedPrecondition | None = None
            with self._serialized(sequenced):
                heads = self._heads(sequenced, fresh=attempt > 0)
                try:
                    entry = build_entry(new_ref(at), batch, defs, heads, referenced, at, resolved)
                except (InvalidField, FailedPrecondition) as refused:
                    refusal = refused
                else:
                    if self._insert(entry, events):
                        return Submitted(entry.transfers, created=True)
            if refusal is not None:
                replay = self._replay(batch)  # a replay of a batch that could not be made now
                if replay is not None:
                    return replay
                self._refuse_resolved(batch)  # the truer reason, if there is one
                raise refusal
            taken = self._taken(entry.keys)
            if any(k.startswith("t:") for k in taken):
                replay = self._replay(batch)
                if replay is not None:
                    return replay
            resolved |= {k[2:] for k in taken if k.startswith("r:")}
            for key in taken:
                if key.startswith("v:"):
                    raise FailedPrecondition(f"transfer {key[2:]} is already reversed")
            # otherwise a sequence number was taken: another writer moved one of the accounts.
            time.sleep(random.random() * 0.001 * (attempt + 1))  # let the winner's peers spread out
        raise Aborted("ledger: the accounts kept changing concurrently; retry with the same ids")

    def _refuse_resolved(self, batch: list[Transfer]) -> None:
        claims = [resolution_key(t.pending_id) for t in batch if t.resolves]
        claims += [reversal_key(t.reverses) for t in batch if t.reverses]
        for key in sorted(self._taken(claims)) if claims else ():
            if key.startswith("r:"):
                raise FailedPrecondition(f"pending transfer {key[2:]} is already posted or voided")
            raise FailedPrecondition(f"transfer {key[2:]} is already reversed")

    def _replay(self, batch: list[Transfer]) -> Submitted | None:
        stored = self._stored([t.id for t in batch])
        if not stored:
            return None
        for i, t in enumerate(batch):
            kept = stored.get(t.id)
            if kept is None:
                raise Conflict(f"transfers[{i}].id: the other transfers of this batch exist, {t.id} does not")
            name = differing_field(t, kept)
            if name is not None:
                raise Conflict(f"transfer {t.id} exists with another {name} (transfers[{i}].{name})")
        return Submitted(tuple(stored[t.id] for t in batch), created=False)

    def transfer(self, transfer_id: str) -> Transfer:
        found = self._stored([transfer_id]).get(transfer_id)
        if found is None:
            raise NotFound(f"transfer {transfer_id} not found")
        return found

    def transfers(
        self,
        account_id: str,
        *,
        codes: Sequence[str] = (),
        since: datetime | None = None,
        until: datetime | None = None,
        cursor: str = "",
        limit: int = 50,
    ) -> TransferPage:
        """An account's transfers, oldest first, `since` ≤ timestamp < `until`, of the given codes.
        A page holds the transfers of up to `limit` entries; pass `next_cursor` for the next."""
        if not 1 <= limit <= 500:
            raise InvalidField("limit", "between 1 and 500")
        after = None
        if cursor:
            at, _, ref = cursor.partition("|")
            try:
                after = (datetime.fromisoformat(at), ref)
            except ValueError:
                raise InvalidField("cursor", "is not a cursor of this listing") from None
        entries = self._history(account_id, since, until, after, limit + 1)
        more = len(entries) > limit
        entries = entries[:limit]
        wanted = set(codes)
        items = tuple(
            t
            for e in entries
            for t in e.transfers
            if account_id in (t.debit_account_id, t.credit_account_id) and (not wanted or t.code in wanted)
        )
        last = entries[-1] if entries else None
        return TransferPage(items, f"{last.at.isoformat()}|{last.ref}" if more and last else "")

    # -- pending transfers ---------------------------------------------------------------------------
    def expired(self, now: datetime | None = None, limit: int = 100) -> list[Transfer]:
        """Pending transfers whose timeout has passed and that nobody posted or voided."""
        return self._due(now or now_ms(), limit)

    def expire(self, now: datetime | None = None, limit: int = 100) -> list[Transfer]:
        """The expiry sweep: void each expired pending transfer (id `expiry:<pending id>`, cause
        `ledger.expiry`). One that was posted or voided meanwhile is skipped. Returns the voids."""
        at = now or now_ms()
        voids = []
        for pending in self._due(at, limit):
            void = Transfer(
                id=f"expiry:{pending.id}"[:128],
                flags=TransferFlags.VOID_PENDING,
                pending_id=pending.id,
                cause="ledger.expiry",
            )
            try:
                voids.extend(self.submit([void], now=at).transfers)
            except FailedPrecondition:
                continue  # resolved meanwhile
        return voids

    # -- the check -----------------------------------------------------------------------------------
    def check(self) -> list[Mismatch]:
        """Recompute every balance from the transfers and compare: kept heads, dense sequence
        numbers, and each ledger's sum (zero). An empty list means the books agree."""
        entries = self._all_entries()
        transfers = [t for e in entries for t in e.transfers]
        recomputed = recompute(transfers)
        defs = self._definitions(sorted(recomputed), fresh=True)
        mismatches: list[Mismatch] = []
        latest: dict[str, Head] = {}
        seqs: dict[str, list[int]] = {}
        for e in entries:
            for h in e.heads:
                seqs.setdefault(h.account_id, []).append(h.seq)
                if h.account_id not in latest or h.seq > latest[h.account_id].seq:
                    latest[h.account_id] = h
        for account_id, balance in sorted(recomputed.items()):
            account = defs.get(account_id)
            if account is None:
                mismatches.append(Mismatch(account_id, "unknown account", 0, 1))
                continue
            if not account.sequenced:
                continue
            kept = latest[account_id].balance if account_id in latest else Balance()
            for name in ("debits_pending", "debits_posted", "credits_pending", "credits_posted"):
                if getattr(kept, name) != getattr(balance, name):
                    mismatches.append(Mismatch(account_id, name, getattr(kept, name), getattr(balance, name)))
            got = sorted(seqs.get(account_id, []))
            if got != list(range(1, len(got) + 1)):
                mismatches.append(Mismatch(account_id, "sequence", got[-1] if got else 0, len(got)))
        ledgers = {a: d.ledger for a, d in defs.items()}
        for ledger, (posted, pending) in sorted(account_sums(recomputed, ledgers).items()):
            if posted:
                mismatches.append(Mismatch("", f"sum:{ledger}:posted", posted, 0))
            if pending:
                mismatches.append(Mismatch("", f"sum:{ledger}:pending", pending, 0))
        return mismatches

    # -- primitives (adapters) -----------------------------------------------------------------------
    def _serialized(self, account_ids: Sequence[str]) -> AbstractContextManager:
        """Held while the heads are read and the entry written: an adapter queues this process's
        writers on the same account here instead of letting them collide in the database."""
        return nullcontext()

    def _defined(self, account: Account) -> Account:
        return Account(account.id, account.ledger, account.code, account.flags, tenant_id=self.tenant)

    @abstractmethod
    def _definitions(self, ids: Sequence[str], fresh: bool = False) -> dict[str, Account]:
        """Account definitions (immutable: an adapter may cache them), balances zero."""

    @abstractmethod
    def _insert_account(self, account: Account) -> bool:
        """Insert a definition; False when the id is taken."""

    @abstractmethod
    def _heads(self, account_ids: Sequence[str], fresh: bool) -> dict[str, Head]:
        """Latest heads of sequenced accounts. Not `fresh`: a cached head may do (a stale one makes
        the insert collide on its sequence key, and the submit retries fresh)."""

    @abstractmethod
    def _stored(self, transfer_ids: Sequence[str]) -> dict[str, Transfer]:
        """Stored transfers by id (immutable: an adapter may cache them)."""

    @abstractmethod
    def _insert(self, entry: Entry, events: Sequence[OutgoingEvent]) -> bool:
        """Write the entry (and events) in one write; False when any of its keys is taken."""

    @abstractmethod
    def _taken(self, keys: Sequence[str]) -> set[str]:
        """Which of these keys stored entries hold."""

    @abstractmethod
    def _summed(self, account_id: str) -> Balance:
        """The balance of an account that keeps none, from its transfers."""

    @abstractmethod
    def _history(
        self, account_id: str, since, until, after: tuple[datetime, str] | None, limit: int
    ) -> list[Entry]:
        """Entries touching the account ordered by (at, ref), after the cursor."""

    @abstractmethod
    def _due(self, now: datetime, limit: int) -> list[Transfer]:
        """Unresolved pending transfers with expires_at ≤ now, oldest expiry first."""

    @abstractmethod
    def _all_entries(self) -> list[Entry]:
        """Every entry of this tenant (the check)."""


__all__ = ["MAX_BATCH", "Ledger", "Mismatch", "Submitted", "TransferPage", "now_ms"]
