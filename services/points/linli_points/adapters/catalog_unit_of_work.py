"""The catalog's unit of work on MongoDB (the entrypoints' default)."""

from __future__ import annotations

from linli_ledger.mongo import MongoBooks

from linli_points.adapters.catalog_repositories import MongoItems, MongoOrders, MongoTools
from linli_points.adapters.repositories import MongoGovernance
from linli_points.service_layer.catalog_unit_of_work import CatalogUnitOfWork

BOOKS = MongoBooks()


def mongo_catalog_unit_of_work(tenant: str) -> CatalogUnitOfWork:
    return CatalogUnitOfWork(
        tenant,
        items=MongoItems(tenant),
        orders=MongoOrders(tenant),
        tools=MongoTools(tenant),
        ledger=BOOKS.ledger(tenant),
        governance=MongoGovernance(tenant),
    )
