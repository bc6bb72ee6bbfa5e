"""In-memory fakes of the points adapters (same behaviour, proven by tests/contract)."""

from __future__ import annotations

from linli_platform.testing.fakes import FakeStore, InMemoryRepository

from linli_points.domain.account import Account
from linli_points.service_layer.unit_of_work import PointsUnitOfWork, UnitOfWorkFactory


class FakeAccounts(InMemoryRepository[Account]):
    table, label = "accounts", "account"


def fake_unit_of_work(store: FakeStore) -> UnitOfWorkFactory:
    """Units of work over one in-memory store, for any tenant."""
    return lambda tenant: PointsUnitOfWork(tenant, accounts=FakeAccounts(tenant, store))
