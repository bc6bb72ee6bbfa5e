"""What a use case of the fees service works with: the repositories of one tenant.

Local copies of communities' facts (households with their areas, compounds, the governance
configuration) are kept from its events, so a billing run never calls communities; bills, household
accounts and billing runs are this service's own aggregates.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from linli_governance.fees import FeesConfig
from linli_platform.persistence import Repository, TenantScoped, UnitOfWork

from linli_fees.domain.account import FeeAccount
from linli_fees.domain.bill import Bill
from linli_fees.domain.charges import Household
from linli_fees.domain.collection import DueBill
from linli_fees.domain.run import BillingRun


@dataclass(frozen=True)
class KnownCompound:
    compound_id: str
    name: str
    community_id: str
    archived: bool = False


class Households(TenantScoped, ABC):
    """The households copy (from communities.household.v1)."""

    @abstractmethod
    def keep(self, household: Household, version: int) -> None: ...

    @abstractmethod
    def find(self, compound_id: str, household_id: str) -> Household | None: ...

    @abstractmethod
    def in_shard(self, compound_id: str, shard: int) -> list[Household]:
        """The live and archived households of one shard (of a compound; "" = the district)."""

    @abstractmethod
    def count(self, compound_id: str) -> int:
        """Live households of a compound ("" = the district)."""


class Compounds(TenantScoped, ABC):
    @abstractmethod
    def keep(self, compound: KnownCompound, version: int) -> None: ...

    @abstractmethod
    def find(self, compound_id: str) -> KnownCompound | None: ...


class Governance(TenantScoped, ABC):
    @abstractmethod
    def keep(self, version: int, document_json: str, compound_communities: dict[str, str]) -> None: ...

    @abstractmethod
    def fees(self, compound_id: str) -> FeesConfig:
        """The compound's effective fees section (the schema's defaults before any configuration)."""

    @abstractmethod
    def version(self) -> int: ...

    @abstractmethod
    def timezone(self) -> str: ...

    @abstractmethod
    def names_compound(self, compound_id: str) -> bool:
        """Whether the configuration in force knows the compound (its compound → community map)."""


class Bills(Repository[Bill]):
    label = "bill"

    @abstractmethod
    def insert_new(self, bills: Iterable[Bill]) -> set[str]:
        """Insert the bills not issued yet (one batch write); the ids inserted. A bill whose
        (household, item, period) exists is left as it is (the database's unique index)."""

    @abstractmethod
    def existing(self, ids: Iterable[str]) -> set[str]: ...

    @abstractmethod
    def any_of(self, compound_id: str, periods: Iterable[str]) -> bool:
        """Whether a bill of these periods exists (of a compound; "" = the district)."""

    @abstractmethod
    def months_billed(
        self, compound_id: str, periods: Iterable[str], household_ids: Iterable[str]
    ) -> dict[tuple[str, str], set[str]]:
        """(household key, item) → the months the bills of these periods of these households
        cover (of a compound; "" = the district): what a period of another cycle billed already
        (domain/periods.py)."""

    @abstractmethod
    def of_household(self, compound_id: str, household_id: str) -> list[Bill]:
        """Oldest period first."""

    @abstractmethod
    def page(
        self, compound_id: str, household_id: str, period: str, offset: int, limit: int
    ) -> tuple[list[Bill], int]: ...

    @abstractmethod
    def receivable_by_household(self, compound_id: str, period: str) -> dict[str, int]:
        """household key → the sum of its bills of the period."""

    @abstractmethod
    def receivable_before(self, compound_id: str, first_month: str) -> int:
        """The sum of the compound's bills of periods starting before `first_month`."""

    @abstractmethod
    def due_bills(self, compound_id: str) -> list[DueBill]: ...


class Accounts(Repository[FeeAccount]):
    label = "household account"

    @abstractmethod
    def with_prepaid(self, compound_id: str) -> list[FeeAccount]:
        """Accounts holding a prepaid balance (of a compound; "" = the district)."""

    @abstractmethod
    def of_compound(self, compound_id: str) -> list[FeeAccount]: ...

    @abstractmethod
    def issuing(self, compound_id: str) -> list[FeeAccount]:
        """Accounts holding bills of a prepayment not in the bills collection yet (of a compound;
        "" = the district; prepay.py)."""

    @abstractmethod
    def received_by_household(self, compound_id: str, period: str) -> dict[str, int]:
        """household key → paid so far towards its bills of the period."""

    @abstractmethod
    def paid_before(self, compound_id: str, first_month: str, until: datetime) -> int:
        """Paid before `until` towards bills of periods starting before `first_month`."""

    @abstractmethod
    def recovered(self, compound_id: str, first_month: str, since: datetime, until: datetime) -> int:
        """Paid in [since, until) towards bills of periods starting before `first_month`."""

    @abstractmethod
    def paid_by_bill(self, compound_id: str) -> dict[str, int]: ...


class Runs(Repository[BillingRun]):
    label = "billing run"

    @abstractmethod
    def active(self, scope_key: str) -> BillingRun | None:
        """The unfinished real run of a scope and period, if any."""


class FeesUnitOfWork(UnitOfWork):
    households: Households
    compounds: Compounds
    governance: Governance
    bills: Bills
    accounts: Accounts
    runs: Runs

    def __init__(self, tenant: str, **repositories: TenantScoped):
        super().__init__(tenant, **repositories)


UnitOfWorkFactory = Callable[[str], FeesUnitOfWork]  # tenant → unit of work
