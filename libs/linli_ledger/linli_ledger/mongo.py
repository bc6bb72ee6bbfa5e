"""The ledger store on MongoDB: one immutable document per submitted batch.

Uses mongoengine's default connection, i.e. the calling service's own database. Account
definitions and stored transfers never change, and an account's head is guarded by its unique
sequence key, so all three are cached per process: a submit on accounts this process wrote last
is a single `insert_one`. A stale head collides on its sequence key and is read again.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager, ExitStack
from datetime import datetime, timedelta

from linli_platform.events import OutgoingEvent
from linli_platform.mongo import TenantDocument, on_connect
from linli_platform.mongo_repository import outbox_entries
from linli_platform.outbox import OutboxMixin
from mongoengine import DateTimeField, IntField, ListField, StringField
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from linli_ledger.model import Account, AccountFlags, Balance, Transfer, TransferFlags
from linli_ledger.port import Ledger
from linli_ledger.rules import (
    Entry,
    Head,
    expiry_stamp,
    recompute,
    resolution_key,
    sequence_key,
    transfer_key,
)

CACHE_LIMIT = 200_000  # entries per cache before it is dropped whole (they refill on use)


class LedgerAccountDoc(TenantDocument):
    account_id = StringField(required=True)
    ledger = StringField(required=True)
    code = StringField()
    flags = IntField()
    meta = {
        "collection": "ledger_accounts",
        "strict": False,
        "indexes": [{"fields": ["tenant_id", "account_id"], "unique": True}],
    }


class LedgerEntryDoc(OutboxMixin, TenantDocument):
    """One submitted batch. `_id` is its sortable ref; `keys` hold every unique fact it claims."""

    ref = StringField(primary_key=True)
    keys = ListField(StringField())
    accounts = ListField(StringField())
    at = DateTimeField()
    expires = ListField(DateTimeField())
    meta = {
        "collection": "ledger_entries",
        "strict": False,
        "indexes": [
            {"fields": ["tenant_id", "keys"], "unique": True, "name": "ledger_unique_keys"},
        ],
    }


class _Caches:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.indexed: set[str] = set()
        self.definitions: dict[tuple, Account] = {}
        self.heads: dict[tuple, Head] = {}
        self.transfers: dict[tuple, Transfer] = {}
        self.swept: dict[tuple, datetime] = {}  # (db, tenant, "") → expiry watermark of the sweep

    def clear(self) -> None:
        with self.lock:
            self.indexed.clear()
            self.definitions.clear()
            self.heads.clear()
            self.transfers.clear()
            self.swept.clear()

    @staticmethod
    def put(cache: dict, key: tuple, value) -> None:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        cache[key] = value


_CACHES = _Caches()
_STRIPES = [threading.Lock() for _ in range(64)]  # this process's writers on one account queue
on_connect(_CACHES.clear)  # what they held came from the previous database


class MongoBooks:
    """The ledgers of the service's database; `ledger(tenant)` is one tenant's store."""

    def ledger(self, tenant: str) -> MongoLedger:
        return MongoLedger(tenant)


class MongoLedger(Ledger):
    def __init__(self, tenant: str):
        super().__init__(tenant)
        self._entries_col = _collection(LedgerEntryDoc)
        self._accounts_col = _collection(LedgerAccountDoc)
        self._db = self._entries_col.database.name

    def _key(self, name: str) -> tuple:
        return (self._db, self.tenant, name)

    def _serialized(self, account_ids: Sequence[str]) -> AbstractContextManager:
        stack = ExitStack()
        for stripe in sorted({hash(self._key(a)) % len(_STRIPES) for a in account_ids}):
            stack.enter_context(_STRIPES[stripe])  # in order: two batches never wait on each other
        return stack

    # -- accounts --------------------------------------------------------------------------------------
    def _definitions(self, ids: Sequence[str], fresh: bool = False) -> dict[str, Account]:
        found: dict[str, Account] = {}
        missing = []
        for account_id in ids:
            cached = None if fresh else _CACHES.definitions.get(self._key(account_id))
            if cached is not None:
                found[account_id] = cached
            else:
                missing.append(account_id)
        if missing:
            query = {"tenant_id": self.tenant, "account_id": {"$in": missing}}
            for doc in self._accounts_col.find(query):
                account = Account(
                    doc["account_id"],
                    doc["ledger"],
                    doc.get("code", ""),
                    AccountFlags(doc.get("flags", 0)),
                    tenant_id=self.tenant,
                )
                _Caches.put(_CACHES.definitions, self._key(account.id), account)
                found[account.id] = account
        return found

    def _insert_account(self, account: Account) -> bool:
        doc = {
            "tenant_id": self.tenant,
            "account_id": account.id,
            "ledger": account.ledger,
            "code": account.code,
            "flags": int(account.flags),
        }
        try:
            self._accounts_col.insert_one(doc)
        except DuplicateKeyError:
            return False
        return True

    # -- heads -----------------------------------------------------------------------------------------
    def _heads(self, account_ids: Sequence[str], fresh: bool) -> dict[str, Head]:
        heads = {}
        for account_id in account_ids:
            cached = _CACHES.heads.get(self._key(account_id))
            head = cached if cached is not None and not fresh else self._latest(account_id, cached)
            if head is not None:
                heads[account_id] = head
        return heads

    def _probe(self, account_id: str, seq: int) -> Head | None:
        doc = self._entries_col.find_one(
            {"tenant_id": self.tenant, "keys": sequence_key(account_id, seq)}, {"heads": 1}
        )
        if doc is None:
            return None
        return next(_head(h) for h in doc["heads"] if h["a"] == account_id)

    def _latest(self, account_id: str, known: Head | None) -> Head | None:
        """Sequence numbers are dense (each entry claims head + 1), so the newest head is found by
        equality reads: from the last one known, double the step until a number is free, then halve
        back (one read when the cache is current)."""
        low, low_head = (known.seq, known) if known else (0, None)
        step = 1
        while True:
            probed = self._probe(account_id, low + step)
            if probed is None:
                high = low + step
                break
            low, low_head, step = low + step, probed, step * 2
        while high - low > 1:
            middle = (low + high) // 2
            probed = self._probe(account_id, middle)
            if probed is None:
                high = middle
            else:
                low, low_head = middle, probed
        if low_head is not None:
            _Caches.put(_CACHES.heads, self._key(account_id), low_head)
        return low_head

    # -- entries ---------------------------------------------------------------------------------------
    def _stored(self, transfer_ids: Sequence[str]) -> dict[str, Transfer]:
        found: dict[str, Transfer] = {}
        missing = []
        for transfer_id in transfer_ids:
            cached = _CACHES.transfers.get(self._key(transfer_id))
            if cached is not None:
                found[transfer_id] = cached
            else:
                missing.append(transfer_id)
        if missing:
            wanted = set(missing)
            query = {"tenant_id": self.tenant, "keys": {"$in": [transfer_key(i) for i in missing]}}
            for doc in self._entries_col.find(query, {"transfers": 1, "at": 1}):
                for stored in doc["transfers"]:
                    if stored["id"] in wanted:
                        transfer = _transfer(stored, doc["at"])
                        _Caches.put(_CACHES.transfers, self._key(transfer.id), transfer)
                        found[transfer.id] = transfer
        return found

    def _insert(self, entry: Entry, events: Sequence[OutgoingEvent]) -> bool:
        doc = {
            "_id": entry.ref,
            "tenant_id": self.tenant,
            "keys": list(entry.keys),
            "accounts": list(entry.accounts),
            "at": entry.at,
            "transfers": [_stored(t) for t in entry.transfers],
            "heads": [_stored_head(h) for h in entry.heads],
        }
        if entry.expires:
            doc["expires"] = list(entry.expires)
        if events:
            doc["outbox"] = outbox_entries(events)
        try:
            self._entries_col.insert_one(doc)
        except DuplicateKeyError:
            return False  # a cached head may be stale: the retry reads on from it (a lower bound)
        for head in entry.heads:
            _Caches.put(_CACHES.heads, self._key(head.account_id), head)
        for transfer in entry.transfers:
            _Caches.put(_CACHES.transfers, self._key(transfer.id), transfer)
        return True

    def _taken(self, keys: Sequence[str]) -> set[str]:
        wanted = set(keys)
        query = {"tenant_id": self.tenant, "keys": {"$in": list(keys)}}
        return {k for doc in self._entries_col.find(query, {"keys": 1}) for k in doc["keys"] if k in wanted}

    def _touching(
        self, account_id: str, since=None, until=None, after: str = "", projection=None
    ) -> list[dict]:
        """Entries in the account's history (its `a:` keys, a range of the one unique index), by time."""
        prefix = f"a:{account_id}#"
        window: dict = {"$gte": prefix + (expiry_stamp(since) if since else ""), "$lt": f"a:{account_id}$"}
        if until is not None:
            window["$lt"] = prefix + expiry_stamp(until)
        if after:
            window.pop("$gte")
            window["$gt"] = prefix + after
        docs = self._entries_col.find({"tenant_id": self.tenant, "keys": window}, projection or {"outbox": 0})
        # another account's id may start with this one's and '#': keep the entries of this one
        found = [d for d in docs if account_id in d.get("accounts", ())]
        return sorted(found, key=lambda d: d["_id"])

    def _summed(self, account_id: str) -> Balance:
        # A post or void touches the accounts of its pending transfer: that one is among these too.
        docs = self._touching(account_id, projection={"transfers": 1, "at": 1, "accounts": 1})
        transfers = [_transfer(t, d["at"]) for d in docs for t in d["transfers"]]
        return recompute(transfers).get(account_id, Balance())

    def _history(self, account_id: str, since, until, after, limit: int) -> list[Entry]:
        docs = self._touching(account_id, since, until, after[1] if after else "")
        return [_entry(d) for d in docs[:limit]]

    def _due(self, now: datetime, limit: int) -> list[Transfer]:
        # Pending transfers that expired before the watermark were all found resolved by an earlier
        # sweep of this process (entries never change, so they stay resolved): look only past it.
        since = _CACHES.swept.get(self._key(""))
        window = {"$gt": f"x:{expiry_stamp(since)}" if since else "x:", "$lt": f"x:{expiry_stamp(now)}$"}
        query = {
            "tenant_id": self.tenant,
            "keys": window,
        }  # '$' sorts after '#': the keys expiring at `now` too
        docs = self._entries_col.find(query, {"transfers": 1, "at": 1})
        candidates = [
            _transfer(t, d["at"])
            for d in docs
            for t in d["transfers"]
            if t.get("flags", 0) & TransferFlags.PENDING and t.get("expires_at") and t["expires_at"] <= now
        ]
        done = self._taken([resolution_key(t.id) for t in candidates]) if candidates else set()
        due = sorted(
            (t for t in candidates if resolution_key(t.id) not in done), key=lambda t: (t.expires_at, t.id)
        )
        # Up to just before the first one still open (or up to now): everything there is resolved.
        mark = due[0].expires_at - timedelta(milliseconds=1) if due else now
        if since is None or mark > since:
            _Caches.put(_CACHES.swept, self._key(""), mark)
        return due[:limit]

    def _all_entries(self) -> list[Entry]:
        return [_entry(d) for d in self._entries_col.find({"tenant_id": self.tenant}, {"outbox": 0})]


# -- mapping ---------------------------------------------------------------------------------------------
def _collection(document: type) -> Collection:
    collection = document._get_collection()
    if collection.full_name not in _CACHES.indexed:
        document.ensure_indexes()
        _CACHES.indexed.add(collection.full_name)
    return collection


def _stored(t: Transfer) -> dict:
    doc = {
        "id": t.id,
        "dr": t.debit_account_id,
        "cr": t.credit_account_id,
        "amount": t.amount,
        "ledger": t.ledger,
        "code": t.code,
    }
    optional = {
        "cause": t.cause,
        "flags": int(t.flags),
        "pending_id": t.pending_id,
        "timeout": t.timeout,
        "reverses": t.reverses,
        "user_data": dict(t.user_data),
        "expires_at": t.expires_at,
    }
    doc.update({k: v for k, v in optional.items() if v})
    return doc


def _transfer(doc: dict, at: datetime) -> Transfer:
    return Transfer(
        id=doc["id"],
        debit_account_id=doc["dr"],
        credit_account_id=doc["cr"],
        amount=doc["amount"],
        ledger=doc["ledger"],
        code=doc["code"],
        cause=doc.get("cause", ""),
        flags=TransferFlags(doc.get("flags", 0)),
        pending_id=doc.get("pending_id", ""),
        timeout=doc.get("timeout", 0),
        reverses=doc.get("reverses", ""),
        user_data=dict(doc.get("user_data", {})),
        timestamp=at,
        expires_at=doc.get("expires_at"),
    )


def _stored_head(h: Head) -> dict:
    b = h.balance
    return {
        "a": h.account_id,
        "s": h.seq,
        "dp": b.debits_pending,
        "dpo": b.debits_posted,
        "cp": b.credits_pending,
        "cpo": b.credits_posted,
    }


def _head(doc: dict) -> Head:
    return Head(doc["a"], doc["s"], Balance(doc["dp"], doc["dpo"], doc["cp"], doc["cpo"]))


def _entry(doc: dict) -> Entry:
    return Entry(
        ref=doc["_id"],
        at=doc["at"],
        transfers=tuple(_transfer(t, doc["at"]) for t in doc["transfers"]),
        heads=tuple(_head(h) for h in doc.get("heads", [])),
        accounts=tuple(doc.get("accounts", [])),
        keys=tuple(doc.get("keys", [])),
        expires=tuple(doc.get("expires", [])),
    )
