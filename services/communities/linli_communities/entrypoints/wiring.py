"""What every servicer of this service is given: the unit-of-work factory (MongoDB unless a test
passes the fakes') and the idempotency store of `@idempotent` (MongoDB unless given)."""

from __future__ import annotations

from collections.abc import Callable

from linli_platform.context import current_principal
from linli_platform.idempotency import IdempotencyStore
from linli_platform.persistence import UnitOfWork

from linli_communities.adapters.unit_of_work import district_ids, mongo_unit_of_work

UnitOfWorkFactory = Callable[[str], UnitOfWork]


class Wired:
    def __init__(
        self,
        uow: UnitOfWorkFactory | None = None,
        idempotency: IdempotencyStore | None = None,
        tenants: Callable[[], list[str]] | None = None,
    ):
        self.uow_for: UnitOfWorkFactory = uow or mongo_unit_of_work
        self.district_ids: Callable[[], list[str]] = tenants or district_ids  # every district (operators)
        if idempotency is not None:
            self.idempotency = idempotency

    def uow(self) -> UnitOfWork:
        """The unit of work of the calling principal's district."""
        return self.uow_for(current_principal().tenant)
