"""The unit of work on MongoDB (the entrypoints' default)."""

from __future__ import annotations

from linli_points.adapters.repository import MongoAccounts
from linli_points.service_layer.unit_of_work import PointsUnitOfWork


def mongo_unit_of_work(tenant: str) -> PointsUnitOfWork:
    return PointsUnitOfWork(tenant, accounts=MongoAccounts(tenant))
