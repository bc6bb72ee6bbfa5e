"""In-memory fakes of the catalog's repositories (same behaviour, proven by tests/contract)."""

from __future__ import annotations

from linli_ledger.memory import MemoryBooks
from linli_platform.testing.fakes import FakeStore, InMemoryRepository

from linli_points.adapters.fakes import FakeGovernance, books_of
from linli_points.domain.catalog import CatalogItem
from linli_points.domain.order import Order
from linli_points.domain.tool import LENT, RESERVED, Tool
from linli_points.service_layer.catalog_unit_of_work import (
    CatalogUnitOfWork,
    CatalogUnitOfWorkFactory,
    Items,
    Orders,
    Tools,
)


class FakeItems(InMemoryRepository[CatalogItem], Items):
    table, label = "catalog_items", Items.label

    def page(self, kind, include_inactive, offset, limit):
        found = sorted(
            self._where(lambda i: (not kind or i.spec.kind == kind) and (include_inactive or i.active)),
            key=lambda i: i.id,
        )
        return [self._loaded(i) for i in found[offset : offset + limit]], len(found)


class FakeOrders(InMemoryRepository[Order], Orders):
    table, label = "orders", Orders.label

    def by_code(self, code):
        found = self._where(lambda o: o.code == code)
        return self._loaded(found[0]) if found else None

    def page(self, subject, org_id, status, offset, limit):
        found = self._where(
            lambda o: (
                (not subject or o.subject == subject)
                and (not org_id or o.org_id == org_id)
                and (not status or o.status == status)
            )
        )
        found.sort(key=lambda o: o.id)
        found.sort(key=lambda o: o.placed_at, reverse=True)
        return [self._loaded(o) for o in found[offset : offset + limit]], len(found)

    def due(self, now, stuck_before, limit):
        reserved = [o for o in self._where(lambda o: o.status == "reserved" and o.expires_at <= now)][:limit]
        stuck = [o for o in self._where(lambda o: o.status == "reserving" and o.placed_at <= stuck_before)][
            :limit
        ]
        return [self._loaded(o) for o in reserved + stuck]


class FakeTools(InMemoryRepository[Tool], Tools):
    table, label = "tools", Tools.label

    def page(self, status, compound_id, offset, limit):
        found = sorted(
            self._where(
                lambda t: (
                    (not status or t.status == status) and (not compound_id or t.compound_id == compound_id)
                )
            ),
            key=lambda t: t.id,
        )
        return [self._loaded(t) for t in found[offset : offset + limit]], len(found)

    def overdue(self, now, limit):
        found = self._where(
            lambda t: t.status == LENT and not t.overdue and t.due_at is not None and t.due_at < now
        )
        return [self._loaded(t) for t in found[:limit]]

    def unclaimed(self, now, limit):
        found = self._where(
            lambda t: t.status == RESERVED and t.reserved_until is not None and t.reserved_until < now
        )
        return [self._loaded(t) for t in found[:limit]]


def fake_catalog_unit_of_work(store: FakeStore, books: MemoryBooks | None = None) -> CatalogUnitOfWorkFactory:
    """Over the service's FakeStore; pass the points core's MemoryBooks to share one set of books."""
    shared = books or books_of(store)

    def make(tenant: str) -> CatalogUnitOfWork:
        return CatalogUnitOfWork(
            tenant,
            items=FakeItems(tenant, store),
            orders=FakeOrders(tenant, store),
            tools=FakeTools(tenant, store),
            ledger=shared.ledger(tenant),
            governance=FakeGovernance(tenant, store),
        )

    return make
