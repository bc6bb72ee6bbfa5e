"""In-memory fakes of the tickets repositories, with the behaviour of the MongoDB adapters (proven
by tests/contract). Use-case tests run on them: `fake_unit_of_work(store)` is a unit-of-work factory.
"""

from __future__ import annotations

import itertools
from datetime import datetime

from linli_governance.testing import WithGovernanceCache
from linli_platform.dates import in_force
from linli_platform.testing.fakes import FakeScoped, FakeStore, InMemoryRepository

from linli_tickets.adapters.copies import (
    BuildingKeeping,
    CompoundKeeping,
    ContractKeeping,
    HouseholdKeeping,
    TeamKeeping,
    live,
    menu_item,
    today,
)
from linli_tickets.adapters.governance import GovernanceReads
from linli_tickets.domain.copies import TEAM_KINDS, Compound, MenuItem
from linli_tickets.domain.dispatch import Contract, Team
from linli_tickets.domain.model import CANCELLED, CONFIRMED
from linli_tickets.domain.queries import TicketFilter, Visibility
from linli_tickets.domain.ticket import Ticket
from linli_tickets.service_layer.unit_of_work import TicketsUnitOfWork, UnitOfWorkFactory


class TicketsStore(WithGovernanceCache, FakeStore):
    """The tickets service's database in memory, with its governance cache (no TTL: always fresh)."""

    def tenants(self) -> list[str]:
        """The directory of districts (those with compounds), as adapters.tenants.known_tenants."""
        return sorted({tenant for tenant, _ in self.tables["compounds"]})


def newest_first(tickets: list[Ticket]) -> list[Ticket]:
    by_id = sorted(tickets, key=lambda t: t.id)
    return sorted(by_id, key=lambda t: t.created_at, reverse=True)


class FakeTickets(InMemoryRepository[Ticket]):
    table, label = "tickets", "ticket"

    def view(self, ticket_id: str) -> Ticket | None:
        return self._get_row(ticket_id)

    def page(
        self,
        scope: Visibility | None,
        flt: TicketFilter,
        offset: int,
        limit: int,
        with_timeline: bool,
        skip_total: bool = False,
    ) -> tuple[list[Ticket], int]:
        found = newest_first(self._where(lambda t: (scope is None or scope.matches(t)) and flt.matches(t)))
        if skip_total:
            window = found[offset : offset + limit + 1]
            return window[:limit], offset + len(window)
        return found[offset : offset + limit], len(found)

    def on_board(self, compound_id: str, since: datetime | None, until: datetime | None) -> list[Ticket]:
        return self._where(
            lambda t: (
                t.compound_id == compound_id
                and t.status != CANCELLED
                and (since is None or t.created_at >= since)
                and (until is None or t.created_at < until)
            )
        )

    def due_for_sla(self, now: datetime, limit: int) -> list[Ticket]:
        due = sorted(
            self._where(lambda t: t.next_sla_at is not None and t.next_sla_at <= now),
            key=lambda t: t.next_sla_at,
        )
        return [self._loaded(t) for t in due[:limit]]

    def rated_until(self, confirmed_until: datetime, limit: int) -> list[Ticket]:
        rated = self._where(
            lambda t: (
                t.status == CONFIRMED and t.confirmed_at is not None and t.confirmed_at <= confirmed_until
            )
        )
        return [self._loaded(t) for t in rated[:limit]]


class FakeCopies(FakeScoped):
    """Rows as dicts keyed by the copy's key fields; an older or replayed version changes nothing."""

    def _keep(self, version: int, key: dict, fields: dict) -> None:
        row_key = "\x1f".join(key.values())
        stored = self._get_row(row_key)
        held = stored.get("version") if stored else None
        if version and held is not None and held >= version:
            return
        self._put_row(row_key, {**(stored or {}), **key, **fields, "version": version})


class FakeCompounds(CompoundKeeping, FakeCopies):
    table = "compounds"

    def get(self, compound_id: str) -> Compound:
        row = self._get_row(compound_id)
        found = None if row is None else Compound(**{k: v for k, v in row.items() if k != "version"})
        return live(found, compound_id)


class FakeBuildings(BuildingKeeping, FakeCopies):
    table = "buildings"

    def led_by(self, subject: str) -> list[tuple[str, str]]:
        led = self._where(lambda b: b["leader_subject"] == subject and not b["archived"])
        return [(b["compound_id"], b["building_id"]) for b in led]


class FakeContracts(ContractKeeping, FakeCopies):
    table = "contracts"

    def _active(self, **equal) -> list[dict]:
        day = today()
        return self._where(
            lambda c: (
                c["active"]
                and all(c[k] == v for k, v in equal.items())
                and in_force(c["starts_on"], c["ends_on"], day)
            )
        )

    def in_force(self, compound_id: str) -> list[Contract]:
        return [
            Contract(c["org_id"], c["compound_id"], tuple(c["services"]))
            for c in self._active(compound_id=compound_id)
        ]

    def compounds_of(self, org_id: str) -> list[str]:
        return [c["compound_id"] for c in self._active(org_id=org_id)]


class FakeTeams(TeamKeeping, FakeCopies):
    table = "teams"

    def serving(self) -> list[Team]:
        return [
            Team(
                t["team_id"],
                tuple(t["specialties"]),
                tuple(t["members"]),
                tuple(t["compound_ids"]),
                t["community_id"],
            )
            for t in self._where(lambda t: not t["archived"] and t["kind"] in TEAM_KINDS)
        ]

    def of_member(self, subject: str) -> list[str]:
        return [t["team_id"] for t in self._where(lambda t: subject in t["members"] and not t["archived"])]


class FakeHouseholds(HouseholdKeeping, FakeCopies):
    table = "households"

    def care_tags(self, compound_id: str, household_id: str) -> list[str]:
        row = self._get_row(f"{compound_id}\x1f{household_id}") if household_id else None
        return list(row["care_tags"]) if row else []


class FakeGovernance(GovernanceReads, FakeCopies):
    table = "governance"

    def __init__(self, tenant: str, store: TicketsStore):
        super().__init__(tenant, store)
        self.cache = store.governance

    def keep(self, version: int, document_json: str, compound_communities: dict[str, str]) -> None:
        fields = {"document_json": document_json, "compound_communities": dict(compound_communities)}
        self._keep(version, {}, fields)
        self.cache.clear(self.tenant)


class FakeCursors(FakeScoped):
    table = "cursors"

    def next_turn(self, key: str) -> int:
        turn = self._get_row(key) or 0
        self._put_row(key, turn + 1)
        return turn


class FakeMenu(FakeScoped):
    table = "menu"

    def find(self, compound_id: str, item_id: str, active_only: bool = False) -> MenuItem | None:
        row = self._get_row(f"{compound_id}\x1f{item_id}")
        return menu_item(self.tenant, row) if row and (row["active"] or not active_only) else None

    def put(self, item: MenuItem) -> None:
        row = {k: v for k, v in vars(item).items() if k != "tenant_id"}
        self._put_row(f"{item.compound_id}\x1f{item.item_id}", row)

    def page(
        self, compound_id: str, include_inactive: bool, offset: int, limit: int
    ) -> tuple[list[MenuItem], int]:
        rows = sorted(
            self._where(lambda r: r["compound_id"] == compound_id and (include_inactive or r["active"])),
            key=lambda r: r["item_id"],
        )
        return [menu_item(self.tenant, r) for r in itertools.islice(rows, offset, offset + limit)], len(rows)


def fake_unit_of_work(store: TicketsStore) -> UnitOfWorkFactory:
    """A unit-of-work factory over one in-memory store (every district's, as one database)."""

    def uow(tenant: str) -> TicketsUnitOfWork:
        return TicketsUnitOfWork(
            tenant,
            tickets=FakeTickets(tenant, store),
            compounds=FakeCompounds(tenant, store),
            buildings=FakeBuildings(tenant, store),
            contracts=FakeContracts(tenant, store),
            teams=FakeTeams(tenant, store),
            households=FakeHouseholds(tenant, store),
            governance=FakeGovernance(tenant, store),
            cursors=FakeCursors(tenant, store),
            menu=FakeMenu(tenant, store),
        )

    return uow
