"""In-memory fakes of the fees adapters (same behaviour, proven by tests/contract)."""

from __future__ import annotations

from linli_platform.testing.fakes import FakeStore, InMemoryRepository

from linli_fees.domain.schedule import FeeSchedule
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork, Schedules, UnitOfWorkFactory


class FakeSchedules(InMemoryRepository[FeeSchedule], Schedules):
    table, label = "fee_schedules", Schedules.label

    def all(self) -> list[FeeSchedule]:
        return [self._loaded(schedule) for schedule in self._all()]


def fake_unit_of_work(store: FakeStore) -> UnitOfWorkFactory:
    """Units of work over one in-memory store, for any tenant."""
    return lambda tenant: FeesUnitOfWork(tenant, schedules=FakeSchedules(tenant, store))
