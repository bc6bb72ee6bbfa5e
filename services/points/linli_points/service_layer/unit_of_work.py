"""What a use case of the points service works with: the repositories of one tenant."""

from __future__ import annotations

from collections.abc import Callable

from linli_platform.persistence import Repository, UnitOfWork

from linli_points.domain.account import Account


class PointsUnitOfWork(UnitOfWork):
    accounts: Repository[Account]

    def __init__(self, tenant: str, accounts: Repository[Account]):
        super().__init__(tenant, accounts=accounts)


UnitOfWorkFactory = Callable[[str], PointsUnitOfWork]  # tenant → unit of work
