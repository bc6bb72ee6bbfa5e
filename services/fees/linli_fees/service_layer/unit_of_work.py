"""What a use case of the fees service works with: the repositories of one tenant."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable

from linli_platform.persistence import Repository, UnitOfWork

from linli_fees.domain.schedule import FeeSchedule


class Schedules(Repository[FeeSchedule]):
    label = "fee schedule of compound"

    @abstractmethod
    def all(self) -> list[FeeSchedule]:
        """The tenant's schedules, in one read."""


class FeesUnitOfWork(UnitOfWork):
    schedules: Schedules

    def __init__(self, tenant: str, schedules: Schedules):
        super().__init__(tenant, schedules=schedules)


UnitOfWorkFactory = Callable[[str], FeesUnitOfWork]  # tenant → unit of work
