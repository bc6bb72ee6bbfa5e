"""The ports the use cases work through: one district's repositories in a unit of work.

Implemented on MongoDB by `adapters.unit_of_work.mongo_unit_of_work` and in memory by
`adapters.fakes.fake_unit_of_work`; the contract test (tests/contract) proves them alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from linli_platform.persistence import UnitOfWork

from linli_tickets.domain.copies import Compound, MenuItem
from linli_tickets.domain.dispatch import Contract, Team
from linli_tickets.domain.queries import TicketFilter, Visibility
from linli_tickets.domain.ticket import Ticket

# A ticket as read for display only (GetTicket, lists, the board): the ticket's attributes, no methods.
TicketView = Any


class Tickets(Protocol):
    """A linli_platform.persistence.Repository of tickets, with the finders below."""

    seen: dict[str, Ticket]

    def get(self, ticket_id: str) -> Ticket: ...

    def find(self, ticket_id: str) -> Ticket | None: ...

    def add(self, ticket: Ticket) -> None: ...

    def view(self, ticket_id: str) -> TicketView | None: ...

    def page(
        self,
        scope: Visibility | None,
        flt: TicketFilter,
        offset: int,
        limit: int,
        with_timeline: bool,
        skip_total: bool = False,
    ) -> tuple[list[TicketView], int]:
        """Newest first; with skip_total the total is a lower bound (one document more is read)."""

    def on_board(self, compound_id: str, since: datetime | None, until: datetime | None) -> list[TicketView]:
        """The compound's tickets (not cancelled) created in [since, until), their timing and ratings."""

    def due_for_sla(self, now: datetime, limit: int) -> list[Ticket]: ...

    def rated_until(self, confirmed_until: datetime, limit: int) -> list[Ticket]: ...


class Compounds(Protocol):
    def get(self, compound_id: str) -> Compound:
        """A live compound (NotFound when unknown or archived)."""

    def keep(self, compound: Compound, version: int) -> None: ...


class Buildings(Protocol):
    def led_by(self, subject: str) -> list[tuple[str, str]]:
        """(compound_id, building_id) of the buildings the subject leads (楼栋长)."""

    def keep(
        self, compound_id: str, building_id: str, version: int, leader_subject: str, archived: bool
    ) -> None: ...


class Contracts(Protocol):
    def in_force(self, compound_id: str) -> list[Contract]: ...

    def compounds_of(self, org_id: str) -> list[str]: ...

    def keep(self, org_id: str, compound_id: str, version: int, **fields) -> None: ...


class Teams(Protocol):
    def serving(self) -> list[Team]:
        """Teams that take work: volunteer and self-management teams not archived."""

    def of_member(self, subject: str) -> list[str]: ...

    def keep(self, team_id: str, version: int, **fields) -> None: ...


class Households(Protocol):
    def care_tags(self, compound_id: str, household_id: str) -> list[str]: ...

    def keep(
        self, compound_id: str, household_id: str, version: int, care_tags: list[str], residents: list[str]
    ) -> None: ...


class Governance(Protocol):
    def tickets(self, compound_id: str = ""): ...

    def care_priorities(self, compound_id: str = "") -> dict[str, int]: ...

    def timezone(self) -> str: ...

    def community_of(self, compound_id: str) -> str: ...

    def keep(self, version: int, document_json: str, compound_communities: dict[str, str]) -> None: ...


class Cursors(Protocol):
    def next_turn(self, key: str) -> int:
        """Atomically take the next round-robin turn (0, 1, 2 …)."""


class Menu(Protocol):
    def find(self, compound_id: str, item_id: str, active_only: bool = False) -> MenuItem | None: ...

    def put(self, item: MenuItem) -> None: ...

    def page(
        self, compound_id: str, include_inactive: bool, offset: int, limit: int
    ) -> tuple[list[MenuItem], int]: ...


class TicketsUnitOfWork(UnitOfWork):
    """A district's repositories for one command; `commit()` writes the changed tickets."""

    tickets: Tickets
    compounds: Compounds
    buildings: Buildings
    contracts: Contracts
    teams: Teams
    households: Households
    governance: Governance
    cursors: Cursors
    menu: Menu


UnitOfWorkFactory = Callable[[str], TicketsUnitOfWork]
# The districts a sweep visits (an adapter's directory: the one read across tenants).
TenantDirectory = Callable[[], list[str]]
