"""The in-memory ledger store: the fake for unit tests, with the Mongo adapter's behaviour.

`MemoryBooks` stands for one service's database (all tenants); `books.ledger(tenant)` is the
tenant-bound store. Given the service's `FakeStore`, entries count as one write each and their
events go to its outbox, exactly as the Mongo adapter writes them into the entry document.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime

from linli_platform.events import OutgoingEvent

from linli_ledger.model import Account, Balance, Transfer
from linli_ledger.port import Ledger
from linli_ledger.rules import Entry, Head, recompute


class MemoryBooks:
    def __init__(self, store=None):
        self.store = store  # a linli_platform.testing.fakes.FakeStore, or None
        self.lock = threading.RLock()
        self.accounts: dict[tuple[str, str], Account] = {}
        self.entries: dict[str, list[Entry]] = {}  # tenant → entries in write order
        self.keys: dict[tuple[str, str], Entry] = {}
        self.heads: dict[tuple[str, str], Head] = {}

    def ledger(self, tenant: str) -> MemoryLedger:
        return MemoryLedger(tenant, self)


class MemoryLedger(Ledger):
    def __init__(self, tenant: str, books: MemoryBooks):
        super().__init__(tenant)
        self.books = books

    def _definitions(self, ids: Sequence[str], fresh: bool = False) -> dict[str, Account]:
        rows = self.books.accounts
        return {i: rows[(self.tenant, i)] for i in ids if (self.tenant, i) in rows}

    def _insert_account(self, account: Account) -> bool:
        with self.books.lock:
            if (self.tenant, account.id) in self.books.accounts:
                return False
            self.books.accounts[(self.tenant, account.id)] = account
            return True

    def _heads(self, account_ids: Sequence[str], fresh: bool) -> dict[str, Head]:
        heads = self.books.heads
        return {a: heads[(self.tenant, a)] for a in account_ids if (self.tenant, a) in heads}

    def _stored(self, transfer_ids: Sequence[str]) -> dict[str, Transfer]:
        found = {}
        for transfer_id in transfer_ids:
            entry = self.books.keys.get((self.tenant, f"t:{transfer_id}"))
            if entry is not None:
                found[transfer_id] = next(t for t in entry.transfers if t.id == transfer_id)
        return found

    def _insert(self, entry: Entry, events: Sequence[OutgoingEvent]) -> bool:
        books = self.books
        with books.lock:
            if any((self.tenant, k) in books.keys for k in entry.keys):
                return False
            for head in entry.heads:  # what the unique sequence key guarantees in Mongo
                kept = books.heads.get((self.tenant, head.account_id))
                if (kept.seq if kept else 0) != head.seq - 1:
                    return False
            for key in entry.keys:
                books.keys[(self.tenant, key)] = entry
            for head in entry.heads:
                books.heads[(self.tenant, head.account_id)] = head
            books.entries.setdefault(self.tenant, []).append(entry)
            if books.store is not None:
                books.store.writes += 1
                books.store.outbox.extend(events)
            return True

    def _taken(self, keys: Sequence[str]) -> set[str]:
        return {k for k in keys if (self.tenant, k) in self.books.keys}

    def _entries(self) -> list[Entry]:
        with self.books.lock:
            return list(self.books.entries.get(self.tenant, []))

    def _summed(self, account_id: str) -> Balance:
        # A post or void touches the accounts of its pending transfer: that one is among these too.
        transfers = [t for e in self._entries() if account_id in e.accounts for t in e.transfers]
        return recompute(transfers).get(account_id, Balance())

    def _history(self, account_id: str, since, until, after, limit: int) -> list[Entry]:
        found = [
            e
            for e in self._entries()
            if account_id in e.accounts
            and (since is None or e.at >= since)
            and (until is None or e.at < until)
            and (after is None or (e.at, e.ref) > after)
        ]
        return sorted(found, key=lambda e: (e.at, e.ref))[:limit]

    def _due(self, now: datetime, limit: int) -> list[Transfer]:
        due = [
            t
            for e in self._entries()
            for t in e.transfers
            if t.is_pending
            and t.expires_at is not None
            and t.expires_at <= now
            and (self.tenant, f"r:{t.id}") not in self.books.keys
        ]
        return sorted(due, key=lambda t: (t.expires_at, t.id))[:limit]

    def _all_entries(self) -> list[Entry]:
        return self._entries()
