"""What the catalog's, orders' and tool library's use cases work with: their repositories and the
points books of one tenant (a unit of work of their own, beside the points core's)."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from datetime import datetime

from linli_ledger import Ledger
from linli_platform.persistence import Repository, UnitOfWork

from linli_points.domain.catalog import CatalogItem
from linli_points.domain.order import Order
from linli_points.domain.tool import Tool
from linli_points.service_layer.unit_of_work import GovernanceVersions


class Items(Repository[CatalogItem]):
    label = "catalog item"

    @abstractmethod
    def page(
        self, kind: str, include_inactive: bool, offset: int, limit: int
    ) -> tuple[list[CatalogItem], int]:
        """By item id; and how many match."""


class Orders(Repository[Order]):
    label = "order"

    @abstractmethod
    def by_code(self, code: str) -> Order | None: ...

    @abstractmethod
    def page(
        self, subject: str, org_id: str, status: str, offset: int, limit: int
    ) -> tuple[list[Order], int]:
        """Newest first; empty filters match all."""

    @abstractmethod
    def due(self, now: datetime, stuck_before: datetime, limit: int) -> list[Order]:
        """Reserved orders whose expiry passed, and reserving ones placed before `stuck_before`."""


class Tools(Repository[Tool]):
    label = "tool"

    @abstractmethod
    def page(self, status: str, compound_id: str, offset: int, limit: int) -> tuple[list[Tool], int]:
        """By tool id; empty filters match all."""

    @abstractmethod
    def overdue(self, now: datetime, limit: int) -> list[Tool]:
        """Lent tools past their due date whose borrower was not reminded yet."""

    @abstractmethod
    def unclaimed(self, now: datetime, limit: int) -> list[Tool]:
        """Reserved tools whose borrower did not pick them up before `reserved_until`."""


class CatalogUnitOfWork(UnitOfWork):
    items: Items
    orders: Orders
    tools: Tools
    ledger: Ledger
    governance: GovernanceVersions  # the district's config versions (its time zone), kept by the points core

    def __init__(
        self,
        tenant: str,
        *,
        items: Items,
        orders: Orders,
        tools: Tools,
        ledger: Ledger,
        governance: GovernanceVersions,
    ):
        super().__init__(
            tenant, items=items, orders=orders, tools=tools, ledger=ledger, governance=governance
        )


CatalogUnitOfWorkFactory = Callable[[str], CatalogUnitOfWork]
