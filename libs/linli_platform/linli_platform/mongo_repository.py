"""The persistence kit on MongoDB: tenant-scoped queries and the one guarded write of an aggregate.

Subclasses name the mongoengine document (its collection and indexes), the field holding the
aggregate's id, and the mapping between the aggregate and its stored dict. Every read goes through
`_query()`, which puts the tenant into the filter; there is no other way to reach the collection
from a repository. Pending events are written in the same document write as the state (the
outbox, published by the worker's relay), appended with `$push` so that events the relay has not
published yet are never overwritten.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Generic

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from linli_platform.aggregate import Aggregate
from linli_platform.errors import Aborted
from linli_platform.events import OutgoingEvent
from linli_platform.persistence import A, AlreadyStored, Repository, TenantScoped

OUTBOX = "outbox"


def outbox_entries(events: Iterable[OutgoingEvent], now: datetime | None = None) -> list[dict]:
    """Pending events as stored in a document's outbox (the shape of outbox.PendingEvent)."""
    at = now or datetime.now(UTC)
    return [
        {
            "event_id": e.event_id,
            "topic": e.topic,
            "key": e.key,
            "type": e.type,
            "value": e.value,
            "created_at": at,
        }
        for e in events
    ]


class MongoScoped(TenantScoped):
    """Tenant-scoped access to one collection: every filter gets `tenant_id`."""

    document: type  # a linli_platform.mongo.TenantDocument subclass (collection name and indexes)

    def _collection(self) -> Collection:
        return self.document._get_collection()

    def _scope(self, conditions: dict | None = None) -> dict:
        return {**(conditions or {}), "tenant_id": self.tenant}

    def _find_one(self, conditions: dict, projection: dict | None = None) -> dict | None:
        return self._collection().find_one(self._scope(conditions), projection)

    def _find(
        self,
        conditions: dict | None = None,
        projection: dict | None = None,
        sort: list[tuple[str, int]] | None = None,
        skip: int = 0,
        limit: int = 0,
    ) -> list[dict]:
        cursor = self._collection().find(self._scope(conditions), projection)
        if sort:
            cursor = cursor.sort(sort)
        return list(cursor.skip(skip).limit(limit))

    def _count(self, conditions: dict | None = None) -> int:
        return self._collection().count_documents(self._scope(conditions))

    def _update_one(self, conditions: dict, update: dict, upsert: bool = False):
        return self._collection().update_one(self._scope(conditions), update, upsert=upsert)

    def _find_one_and_update(self, conditions: dict, update: dict, **options) -> dict | None:
        """One atomic read-modify-write (a counter, a lease) on a document of this tenant."""
        return self._collection().find_one_and_update(self._scope(conditions), update, **options)

    def _update_many(self, conditions: dict, update: dict):
        return self._collection().update_many(self._scope(conditions), update)

    def _insert_stored(self, stored: dict) -> bool:
        """Insert one document of this tenant; False when a unique key is taken."""
        try:
            self._collection().insert_one({**stored, "tenant_id": self.tenant})
        except DuplicateKeyError:
            return False
        return True

    def _delete_one(self, conditions: dict) -> int:
        return self._collection().delete_one(self._scope(conditions)).deleted_count


class MongoRepository(MongoScoped, Repository[A], Generic[A]):
    """Aggregates stored one per document, keyed by (`tenant_id`, `key`) under a unique index."""

    key: str  # the field holding the aggregate's id, e.g. "ticket_id"

    def __init__(self, tenant: str):
        super().__init__(tenant)
        self._snapshots: dict[str, dict] = {}
        self._unversioned: set[str] = set()  # stored before the document kept a version

    # -- mapping (subclasses) ------------------------------------------------------------------
    @abstractmethod
    def to_stored(self, aggregate: A) -> dict[str, Any]: ...

    @abstractmethod
    def from_stored(self, stored: dict[str, Any]) -> A: ...

    # -- the port --------------------------------------------------------------------------------
    def _load(self, id: str) -> A | None:
        stored = self._find_one({self.key: id}, {OUTBOX: 0})
        if stored is None:
            return None
        return self._loaded(stored)

    def _loaded(self, stored: dict) -> A:
        """An aggregate from a stored document read by a finder (remembered for its guarded save)."""
        stored.pop(OUTBOX, None)
        unversioned = "version" not in stored  # written before versions were kept
        if unversioned:
            stored["version"] = 1  # as version 1, its write guarded by the field's absence
        aggregate = self.from_stored(stored)
        if unversioned:
            self._unversioned.add(aggregate.id)
        self._snapshots[aggregate.id] = self._state(aggregate)
        self.seen[aggregate.id] = aggregate
        return aggregate

    def _state(self, aggregate: Aggregate) -> dict:
        state = self.to_stored(aggregate)
        state.update({"tenant_id": self.tenant, self.key: aggregate.id, "version": aggregate.version})
        return state

    def _insert(self, aggregate: A) -> None:
        state = self._state(aggregate)
        pending = {OUTBOX: outbox_entries(aggregate.pending)} if aggregate.pending else {}
        if not self._insert_stored({**state, **pending}):
            raise AlreadyStored(f"{self.label} {aggregate.id} exists")
        self._snapshots[aggregate.id] = state

    def _update(self, aggregate: A) -> None:
        state = self._state(aggregate)
        before = self._snapshots.get(aggregate.id, {})
        sets = {k: v for k, v in state.items() if k not in before or before[k] != v}
        unsets = {k: "" for k in before if k not in state}
        update: dict = {"$set": sets}
        if unsets:
            update["$unset"] = unsets
        if aggregate.pending:
            update["$push"] = {OUTBOX: {"$each": outbox_entries(aggregate.pending)}}
        if aggregate.id in self._unversioned:
            guard = {"version": {"$exists": False}}
            sets.setdefault("version", aggregate.version)
        else:
            guard = {"version": aggregate.read_version}
        result = self._update_one({self.key: aggregate.id, **guard}, update)
        if result.matched_count == 0:
            raise Aborted(f"{self.label} {aggregate.id} changed concurrently; retry")
        self._snapshots[aggregate.id] = state
        self._unversioned.discard(aggregate.id)
