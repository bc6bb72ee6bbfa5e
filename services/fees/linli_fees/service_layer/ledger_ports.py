"""What the public ledger's and the maintenance fund's use cases work with: the kernel's books of one
tenant, the statements and applications (aggregates), entry details, decisions copied from
communities, and the directory (names and residents copied from communities' events)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from linli_ledger import Ledger
from linli_platform.persistence import Repository, TenantScoped, UnitOfWork

from linli_fees.domain.fund_application import Decision, FundApplication
from linli_fees.domain.public_ledger import EntryDetails
from linli_fees.domain.statement_record import PublishedStatement

DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class CompoundCopy:
    compound_id: str
    name: str
    community_id: str = ""
    archived: bool = False


class EntryDetailsStore(TenantScoped, ABC):
    @abstractmethod
    def put(self, details: EntryDetails) -> None:
        """Keep the details of an entry (written once: a retry finds them and keeps the first)."""

    @abstractmethod
    def get_many(self, entry_ids: Iterable[str]) -> dict[str, EntryDetails]: ...


class Statements(Repository[PublishedStatement]):
    label = "statement"

    @abstractmethod
    def chain(self, compound_id: str) -> list[PublishedStatement]:
        """A compound's published statements, oldest first."""

    @abstractmethod
    def latest(self, compound_id: str) -> PublishedStatement | None: ...


class Applications(Repository[FundApplication]):
    label = "maintenance-fund application"

    @abstractmethod
    def of_proposal(self, proposal_id: str) -> list[FundApplication]: ...

    @abstractmethod
    def page(self, compound_id: str, offset: int, limit: int) -> tuple[list[FundApplication], int]:
        """A compound's applications, newest first, and how many there are."""


class Decisions(TenantScoped, ABC):
    """ProposalDecided facts kept by proposal (a proposal is decided once: the first copy stays)."""

    @abstractmethod
    def keep(self, decision: Decision) -> bool: ...

    @abstractmethod
    def find(self, proposal_id: str) -> Decision | None: ...


class Directory(TenantScoped, ABC):
    """Compounds, buildings and who lives where, copied from communities' events (by version)."""

    @abstractmethod
    def compound(self, compound_id: str) -> CompoundCopy | None: ...

    @abstractmethod
    def buildings(self, compound_id: str) -> dict[str, str]:
        """building_id → name of the compound's buildings."""

    @abstractmethod
    def is_resident(self, subject: str, compound_id: str) -> bool: ...

    @abstractmethod
    def serving_firm(self, org_id: str, compound_id: str, today: str) -> str | None:
        """The property firm's name when it holds a contract for the compound in force on `today`
        (YYYY-MM-DD, the district's date); None otherwise."""

    @abstractmethod
    def timezone(self) -> str: ...

    @abstractmethod
    def keep_compound(self, compound: CompoundCopy, version: int) -> None: ...

    @abstractmethod
    def keep_building(
        self, compound_id: str, building_id: str, name: str, archived: bool, version: int
    ) -> None: ...

    @abstractmethod
    def keep_household(
        self, compound_id: str, household_id: str, subjects: list[str], archived: bool, version: int
    ) -> None:
        """Who lives there. A household with nobody named is not copied (a district's onboarding of
        100 000 rooms costs no write here); one copied before loses its people."""

    @abstractmethod
    def keep_contract(
        self,
        org_id: str,
        org_name: str,
        compound_id: str,
        in_force: tuple[bool, str, str],
        version: int,
    ) -> None:
        """A property firm's contract for a compound: (active, starts_on, ends_on)."""

    @abstractmethod
    def keep_timezone(self, timezone: str, version: int) -> None: ...

    @abstractmethod
    def keep_config(self, version: int, document_json: str, compound_communities: dict[str, str]) -> None:
        """The district's governance document in force (the fund's rules come from it)."""

    @abstractmethod
    def config(self) -> tuple[str, dict[str, str]] | None:
        """(document JSON, compound → community) of the newest configuration kept, if any."""


class LedgerUnitOfWork(UnitOfWork):
    ledger: Ledger
    details: EntryDetailsStore
    statements: Statements
    applications: Applications
    decisions: Decisions
    directory: Directory

    def __init__(
        self,
        tenant: str,
        *,
        ledger: Ledger,
        details: EntryDetailsStore,
        statements: Statements,
        applications: Applications,
        decisions: Decisions,
        directory: Directory,
    ):
        super().__init__(
            tenant,
            ledger=ledger,
            details=details,
            statements=statements,
            applications=applications,
            decisions=decisions,
            directory=directory,
        )


LedgerUnitOfWorkFactory = Callable[[str], LedgerUnitOfWork]
