"""The fees repositories on MongoDB (tenant-scoped through the kit: every filter names the tenant)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import date, datetime

from linli_governance.cache import GovernanceCache, StoredCopy
from linli_governance.fees import FeesConfig
from linli_platform.errors import Aborted
from linli_platform.mongo import on_connect, upsert_newer
from linli_platform.mongo_repository import OUTBOX, MongoRepository, MongoScoped, outbox_entries
from linli_platform.persistence import AlreadyStored
from pymongo.errors import BulkWriteError

from linli_fees.adapters import mapping
from linli_fees.adapters.documents import (
    AccountDoc,
    BillDoc,
    GovernanceCopy,
    KnownCompound,
    KnownHousehold,
    RunDoc,
)
from linli_fees.domain.account import FeeAccount
from linli_fees.domain.bill import Bill
from linli_fees.domain.charges import Household
from linli_fees.domain.collection import DueBill
from linli_fees.domain.periods import parse_period
from linli_fees.domain.run import BillingRun
from linli_fees.service_layer import unit_of_work as ports

HOUSEHOLD_FIELDS = {"outbox": 0, "_id": 0}
# Per-process caches of the payment path: a bill never changes once issued (kept until the process
# reconnects); a household's copy is read again after HOUSEHOLD_TTL_SECONDS.
BILL_CACHE_SIZE = 50_000
HOUSEHOLD_TTL_SECONDS = 10.0
# An account as this process last wrote or read it, reused for ACCOUNT_TTL_SECONDS: its write is
# guarded by the version it holds, so a copy another process has made stale fails that guard (ABORTED),
# is dropped, and the use case's retry reads the account again. A payment is then one write.
ACCOUNT_TTL_SECONDS = 5.0
_accounts: dict[tuple[str, str], tuple[float, dict]] = {}
on_connect(_accounts.clear)
_bills: dict[tuple[str, str], dict] = {}
_households: dict[tuple[str, str, str], tuple[float, dict | None]] = {}
on_connect(_bills.clear)
on_connect(_households.clear)


class MongoHouseholds(MongoScoped, ports.Households):
    document = KnownHousehold

    def keep(self, household: Household, version: int) -> None:
        key = self._scope({"compound_id": household.compound_id, "household_id": household.household_id})
        fields = {
            **mapping.household_stored(household),
            "shard": mapping.shard_of(household.compound_id, household.household_id),
        }
        upsert_newer(self._collection(), key, version, fields)

    def find(self, compound_id: str, household_id: str) -> Household | None:
        key, now = (self.tenant, compound_id, household_id), time.monotonic()
        hit = _households.get(key)
        if hit is not None and now - hit[0] < HOUSEHOLD_TTL_SECONDS:
            row = hit[1]
        else:
            row = self._find_one({"compound_id": compound_id, "household_id": household_id}, HOUSEHOLD_FIELDS)
            if len(_households) > BILL_CACHE_SIZE:
                _households.clear()
            _households[key] = (now, row)
        return mapping.household_of(row) if row else None

    def in_shard(self, compound_id: str, shard: int) -> list[Household]:
        conditions = {"compound_id": compound_id, "shard": shard} if compound_id else {"shard": shard}
        rows = self._find(conditions, HOUSEHOLD_FIELDS)
        return sorted((mapping.household_of(r) for r in rows), key=lambda h: h.key)

    def count(self, compound_id: str) -> int:
        return self._count(
            {"compound_id": compound_id, "archived": False} if compound_id else {"archived": False}
        )


class MongoCompounds(MongoScoped, ports.Compounds):
    document = KnownCompound

    def keep(self, compound: ports.KnownCompound, version: int) -> None:
        fields = {"name": compound.name, "community_id": compound.community_id, "archived": compound.archived}
        upsert_newer(self._collection(), self._scope({"compound_id": compound.compound_id}), version, fields)

    def find(self, compound_id: str) -> ports.KnownCompound | None:
        row = self._find_one({"compound_id": compound_id})
        if row is None:
            return None
        return ports.KnownCompound(
            row["compound_id"], row.get("name", ""), row.get("community_id", ""), row.get("archived", False)
        )


def _stored_copy(tenant: str) -> StoredCopy | None:
    return MongoGovernance(tenant).stored()


CACHE = GovernanceCache(_stored_copy)
on_connect(CACHE.clear)


class GovernanceReads:
    cache: GovernanceCache
    tenant: str

    def fees(self, compound_id: str) -> FeesConfig:
        return self.cache.sections(self.tenant, compound_id).fees

    def version(self) -> int:
        return self.cache.version(self.tenant)

    def timezone(self) -> str:
        return self.cache.timezone(self.tenant)

    def names_compound(self, compound_id: str) -> bool:
        return compound_id in self.cache.load(self.tenant).compound_communities


class MongoGovernance(GovernanceReads, MongoScoped, ports.Governance):
    document = GovernanceCopy
    cache = CACHE

    def stored(self) -> StoredCopy | None:
        row = self._find_one({}, {"version": 1, "document_json": 1, "compound_communities": 1})
        if row is None:
            return None
        return StoredCopy(row["version"], row["document_json"], dict(row.get("compound_communities") or {}))

    def keep(self, version: int, document_json: str, compound_communities: dict[str, str]) -> None:
        fields = {"document_json": document_json, "compound_communities": compound_communities}
        upsert_newer(self._collection(), self._scope(), version, fields)
        self.cache.clear(self.tenant)


class MongoBills(MongoRepository[Bill], ports.Bills):
    document, key, label = BillDoc, "bill_id", ports.Bills.label

    def to_stored(self, bill: Bill) -> dict:
        return mapping.bill_stored(bill)

    def from_stored(self, stored: dict) -> Bill:
        return mapping.bill_of(self.tenant, stored)

    def _load(self, id: str) -> Bill | None:
        """A bill is never changed once issued: one read per process."""
        key = (self.tenant, id)
        row = _bills.get(key)
        if row is None:
            row = self._find_one({self.key: id}, {OUTBOX: 0})
            if row is None:
                return None
            if len(_bills) >= BILL_CACHE_SIZE:
                _bills.clear()
            _bills[key] = row
        return self._loaded(dict(row))

    def insert_new(self, bills: Iterable[Bill]) -> set[str]:
        bills = list(bills)
        if not bills:
            return set()
        docs = []
        for bill in bills:
            self._check_tenant(bill)
            state = self._state(bill)
            docs.append({**state, OUTBOX: outbox_entries(bill.pending)} if bill.pending else state)
        ids = [bill.id for bill in bills]
        try:
            self._collection().insert_many(docs, ordered=False)
            taken: set[int] = set()
        except BulkWriteError as err:
            problems = err.details.get("writeErrors", [])
            if any(p.get("code") != 11000 for p in problems):
                raise
            taken = {p["index"] for p in problems}
        for bill in bills:
            bill.stored()
        return {ids[i] for i in range(len(ids)) if i not in taken}

    def existing(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        # one read per compound and period beats an $in over thousands of ids on the dev server
        wanted = set(ids)
        found: set[str] = set()
        for compound_id, period in {(i.split("/", 1)[0], i.rsplit("/", 1)[1]) for i in ids}:
            rows = self._find({"compound_id": compound_id, "period": period}, {"bill_id": 1, "_id": 0})
            found |= {r["bill_id"] for r in rows if r["bill_id"] in wanted}
        return found

    def any_of(self, compound_id: str, periods: Iterable[str]) -> bool:
        conditions: dict = {"period": {"$in": list(periods)}}
        if compound_id:
            conditions["compound_id"] = compound_id
        return self._find_one(conditions, {"_id": 1}) is not None

    def months_billed(
        self, compound_id: str, periods: Iterable[str], household_ids: Iterable[str]
    ) -> dict[tuple[str, str], set[str]]:
        conditions: dict = {"period": {"$in": list(periods)}, "household_id": {"$in": list(household_ids)}}
        if compound_id:
            conditions["compound_id"] = compound_id
        found: dict[tuple[str, str], set[str]] = {}
        fields = {"compound_id": 1, "household_id": 1, "item": 1, "period": 1, "_id": 0}
        for r in self._find(conditions, fields):
            key = (f"{r['compound_id']}/{r['household_id']}", r["item"])
            found.setdefault(key, set()).update(parse_period(r["period"]).months)
        return found

    def of_household(self, compound_id: str, household_id: str) -> list[Bill]:
        rows = self._find({"compound_id": compound_id, "household_id": household_id}, {OUTBOX: 0})
        bills = [self._loaded(r) for r in rows]
        return sorted(bills, key=lambda b: (mapping.first_month(b.facts.period), b.facts.item))

    def page(self, compound_id: str, household_id: str, period: str, offset: int, limit: int):
        conditions = {"compound_id": compound_id}
        if household_id:
            conditions["household_id"] = household_id
        if period:
            conditions["period"] = period
        rows = self._find(conditions, {OUTBOX: 0}, sort=[("bill_id", 1)], skip=offset, limit=limit)
        return [self._loaded(r) for r in rows], self._count(conditions)

    def _aggregate(self, pipeline: list[dict]) -> list[dict]:
        return list(
            self._collection().aggregate([{"$match": self._scope(pipeline[0]["$match"])}, *pipeline[1:]])
        )

    def receivable_by_household(self, compound_id: str, period: str) -> dict[str, int]:
        rows = self._aggregate(
            [
                {"$match": {"compound_id": compound_id, "period": period}},
                {"$group": {"_id": "$household_id", "fen": {"$sum": "$amount_fen"}}},
            ]
        )
        return {f"{compound_id}/{r['_id']}": r["fen"] for r in rows}

    def receivable_before(self, compound_id: str, first_month: str) -> int:
        rows = self._aggregate(
            [
                {"$match": {"compound_id": compound_id, "first_month": {"$lt": first_month}}},
                {"$group": {"_id": None, "fen": {"$sum": "$amount_fen"}}},
            ]
        )
        return rows[0]["fen"] if rows else 0

    def due_bills(self, compound_id: str) -> list[DueBill]:
        rows = self._find(
            {"compound_id": compound_id},
            {"bill_id": 1, "household_id": 1, "amount_fen": 1, "due_on": 1, "period": 1, "_id": 0},
        )
        return [
            DueBill(
                r["bill_id"],
                f"{compound_id}/{r['household_id']}",
                r["amount_fen"],
                date.fromisoformat(r["due_on"]),
                r["period"],
            )
            for r in rows
        ]


class MongoAccounts(MongoRepository[FeeAccount], ports.Accounts):
    document, key, label = AccountDoc, "account_id", ports.Accounts.label

    def to_stored(self, account: FeeAccount) -> dict:
        return mapping.account_stored(account)

    def from_stored(self, stored: dict) -> FeeAccount:
        return mapping.account_of(self.tenant, stored)

    def _load(self, id: str) -> FeeAccount | None:
        key, now = (self.tenant, id), time.monotonic()
        hit = _accounts.get(key)
        if hit is not None and now - hit[0] < ACCOUNT_TTL_SECONDS:
            return self._loaded(dict(hit[1]))
        return super()._load(id)

    def _loaded(self, stored: dict) -> FeeAccount:
        account = super()._loaded(stored)
        self._remember(account)
        return account

    def _remember(self, account: FeeAccount) -> None:
        if len(_accounts) >= BILL_CACHE_SIZE:
            _accounts.clear()
        _accounts[(self.tenant, account.id)] = (time.monotonic(), self._snapshots[account.id])

    def _insert(self, account: FeeAccount) -> None:
        try:
            super()._insert(account)
        except AlreadyStored:
            _accounts.pop((self.tenant, account.id), None)
            raise
        self._remember(account)

    def _update(self, account: FeeAccount) -> None:
        try:
            super()._update(account)
        except Aborted:
            _accounts.pop((self.tenant, account.id), None)  # stale: the retry reads it again
            raise
        self._remember(account)

    def with_prepaid(self, compound_id: str) -> list[FeeAccount]:
        conditions = (
            {"compound_id": compound_id, "has_prepaid": True} if compound_id else {"has_prepaid": True}
        )
        return [self._loaded(r) for r in self._find(conditions, {OUTBOX: 0})]

    def of_compound(self, compound_id: str) -> list[FeeAccount]:
        return [self._loaded(r) for r in self._find({"compound_id": compound_id}, {OUTBOX: 0})]

    def issuing(self, compound_id: str) -> list[FeeAccount]:
        conditions = (
            {"compound_id": compound_id, "has_issuing": True} if compound_id else {"has_issuing": True}
        )
        return [self._loaded(r) for r in self._find(conditions, {OUTBOX: 0})]

    def _sum(self, compound_id: str, match: dict, by_household: bool = False):
        pipeline = [
            {"$match": self._scope({"compound_id": compound_id})},
            {"$project": {"household_id": 1, "allocs": 1}},
            {"$unwind": "$allocs"},
            {"$match": match},
            {"$group": {"_id": "$household_id" if by_household else None, "fen": {"$sum": "$allocs.f"}}},
        ]
        return list(self._collection().aggregate(pipeline))

    def received_by_household(self, compound_id: str, period: str) -> dict[str, int]:
        rows = self._sum(compound_id, {"allocs.p": period}, by_household=True)
        return {f"{compound_id}/{r['_id']}": r["fen"] for r in rows}

    def paid_before(self, compound_id: str, first_month: str, until: datetime) -> int:
        rows = self._sum(compound_id, {"allocs.m": {"$lt": first_month}, "allocs.t": {"$lt": until}})
        return rows[0]["fen"] if rows else 0

    def recovered(self, compound_id: str, first_month: str, since: datetime, until: datetime) -> int:
        rows = self._sum(
            compound_id, {"allocs.m": {"$lt": first_month}, "allocs.t": {"$gte": since, "$lt": until}}
        )
        return rows[0]["fen"] if rows else 0

    def paid_by_bill(self, compound_id: str) -> dict[str, int]:
        pipeline = [
            {"$match": self._scope({"compound_id": compound_id})},
            {"$project": {"allocs": 1}},
            {"$unwind": "$allocs"},
            {"$group": {"_id": "$allocs.b", "fen": {"$sum": "$allocs.f"}}},
        ]
        return {r["_id"]: r["fen"] for r in self._collection().aggregate(pipeline)}


class MongoRuns(MongoRepository[BillingRun], ports.Runs):
    document, key, label = RunDoc, "run_id", ports.Runs.label

    def to_stored(self, run: BillingRun) -> dict:
        return mapping.run_stored(run)

    def from_stored(self, stored: dict) -> BillingRun:
        return mapping.run_of(self.tenant, stored)

    def active(self, scope_key: str) -> BillingRun | None:
        row = self._find_one({"active_key": scope_key})
        return self._loaded(row) if row else None
