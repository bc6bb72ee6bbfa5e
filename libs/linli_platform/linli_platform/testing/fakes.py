"""In-memory fakes of the persistence kit, with the behaviour of the MongoDB adapters.

One `FakeStore` stands for a service's database: repositories of any tenant are made over it, so
a test can prove that one tenant never sees another's aggregates. Aggregates are kept as deep
copies (what a caller changes is not stored until the unit of work commits), versions guard every
write, and pending events are kept per aggregate until `take_events()` (the relay) takes them.
Proven equal to the MongoDB adapters by libs/linli_platform/tests/contract/.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Generic

from linli_platform.errors import Aborted
from linli_platform.events import OutgoingEvent
from linli_platform.persistence import A, AlreadyStored, Repository, TenantScoped


class FakeStore:
    """What the fakes of one service hold: tables of (tenant, key) → value, and the outbox."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[tuple[str, str], object]] = defaultdict(dict)
        self.outbox: list[OutgoingEvent] = []
        self.writes = 0  # document writes, as the database would count them

    def take_events(self) -> list[OutgoingEvent]:
        """The pending events in write order, removed (what the relay publishes)."""
        taken, self.outbox = self.outbox, []
        return taken


class FakeScoped(TenantScoped):
    """A tenant's rows of one table of the store."""

    table: str

    def __init__(self, tenant: str, store: FakeStore):
        super().__init__(tenant)
        self.store = store

    @property
    def _rows(self) -> dict[tuple[str, str], object]:
        return self.store.tables[self.table]

    def _all(self) -> Iterator:
        """This tenant's values (copies: changing one changes nothing stored)."""
        for (tenant, _key), value in list(self._rows.items()):
            if tenant == self.tenant:
                yield copy.deepcopy(value)

    def _where(self, predicate: Callable[[object], bool]) -> list:
        return [value for value in self._all() if predicate(value)]

    def _get_row(self, key: str):
        found = self._rows.get((self.tenant, key))
        return copy.deepcopy(found) if found is not None else None

    def _put_row(self, key: str, value: object) -> None:
        self._rows[(self.tenant, key)] = copy.deepcopy(value)
        self.store.writes += 1

    def _drop_row(self, key: str) -> bool:
        self.store.writes += 1
        return self._rows.pop((self.tenant, key), None) is not None


class InMemoryRepository(FakeScoped, Repository[A], Generic[A]):
    """The fake of a MongoRepository: same ids, same version guard, same events."""

    def __init__(self, tenant: str, store: FakeStore):
        Repository.__init__(self, tenant)
        self.store = store

    def _load(self, id: str) -> A | None:
        return self._get_row(id)

    def _loaded(self, aggregate: A) -> A:
        """An aggregate found by a finder, remembered for the unit of work's commit."""
        self.seen[aggregate.id] = aggregate
        return aggregate

    def _stored_copy(self, aggregate: A) -> A:
        kept = copy.deepcopy(aggregate)
        kept.read_version, kept.pending = aggregate.version, []
        return kept

    def _insert(self, aggregate: A) -> None:
        if (self.tenant, aggregate.id) in self._rows:
            raise AlreadyStored(f"{self.label} {aggregate.id} exists")
        self._put_row(aggregate.id, self._stored_copy(aggregate))
        self.store.outbox.extend(aggregate.pending)

    def _update(self, aggregate: A) -> None:
        stored = self._rows.get((self.tenant, aggregate.id))
        if stored is None or stored.version != aggregate.read_version:
            raise Aborted(f"{self.label} {aggregate.id} changed concurrently; retry")
        self._put_row(aggregate.id, self._stored_copy(aggregate))
        self.store.outbox.extend(aggregate.pending)
