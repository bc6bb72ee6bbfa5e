"""In-memory fakes of the public ledger's and the fund's adapters (proven equal to the Mongo ones by
tests/contract/test_ledger_repositories.py). The kernel's own fake (linli_ledger.memory) keeps the books."""

from __future__ import annotations

from collections.abc import Iterable

from linli_ledger.memory import MemoryBooks
from linli_platform.dates import in_force
from linli_platform.testing.fakes import FakeScoped, FakeStore, InMemoryRepository

from linli_fees.domain.fund_application import Decision, FundApplication
from linli_fees.domain.public_ledger import EntryDetails
from linli_fees.domain.statement_record import PublishedStatement
from linli_fees.service_layer.ledger_ports import (
    DEFAULT_TIMEZONE,
    Applications,
    CompoundCopy,
    Decisions,
    Directory,
    EntryDetailsStore,
    LedgerUnitOfWork,
    LedgerUnitOfWorkFactory,
    Statements,
)


class FakeEntryDetails(FakeScoped, EntryDetailsStore):
    table = "ledger_entry_details"

    def put(self, details: EntryDetails) -> None:
        if self._get_row(details.entry_id) is None:
            self._put_row(details.entry_id, details)

    def get_many(self, entry_ids: Iterable[str]) -> dict[str, EntryDetails]:
        found = {}
        for entry_id in entry_ids:
            row = self._get_row(entry_id)
            if row is not None:
                found[entry_id] = row
        return found


class FakeStatements(InMemoryRepository[PublishedStatement], Statements):
    table, label = "ledger_statements", Statements.label

    def chain(self, compound_id: str) -> list[PublishedStatement]:
        found = self._where(lambda s: s.compound_id == compound_id)
        return [self._loaded(s) for s in sorted(found, key=lambda s: s.content.sequence)]

    def latest(self, compound_id: str) -> PublishedStatement | None:
        chain = self.chain(compound_id)
        return chain[-1] if chain else None


class FakeApplications(InMemoryRepository[FundApplication], Applications):
    table, label = "fund_applications", Applications.label

    def of_proposal(self, proposal_id: str) -> list[FundApplication]:
        return [self._loaded(a) for a in self._where(lambda a: a.proposal_id == proposal_id)]

    def page(self, compound_id: str, offset: int, limit: int) -> tuple[list[FundApplication], int]:
        found = self._where(lambda a: a.compound_id == compound_id)
        found.sort(key=lambda a: (a.created_at, a.id), reverse=True)
        return [self._loaded(a) for a in found[offset : offset + limit]], len(found)


class FakeDecisions(FakeScoped, Decisions):
    table = "fund_decisions"

    def keep(self, decision: Decision) -> bool:
        if self._get_row(decision.proposal_id) is not None:
            return False
        self._put_row(decision.proposal_id, decision)
        return True

    def find(self, proposal_id: str) -> Decision | None:
        return self._get_row(proposal_id)


class FakeDirectory(FakeScoped, Directory):
    table = "ledger_directory"

    def _kept(self, key: str, value, version: int) -> None:
        held = self._get_row(key)
        if held is not None and version and held[0] >= version:
            return
        self._put_row(key, (version, value))

    def _value(self, key: str):
        held = self._get_row(key)
        return held[1] if held is not None else None

    def compound(self, compound_id: str) -> CompoundCopy | None:
        found = self._value(f"compound/{compound_id}")
        return found if found is not None and not found.archived else None

    def buildings(self, compound_id: str) -> dict[str, str]:
        prefix = f"building/{compound_id}/"
        found = {}
        for (tenant, key), (_, value) in self._rows.items():
            if tenant == self.tenant and key.startswith(prefix) and not value[1]:
                found[key[len(prefix) :]] = value[0]
        return found

    def is_resident(self, subject: str, compound_id: str) -> bool:
        prefix = f"household/{compound_id}/"
        return any(
            tenant == self.tenant and key.startswith(prefix) and not value[1] and subject in value[0]
            for (tenant, key), (_, value) in self._rows.items()
        )

    def serving_firm(self, org_id: str, compound_id: str, today: str) -> str | None:
        found = self._value(f"contract/{compound_id}/{org_id}")
        if found is None:
            return None
        name, (active, starts_on, ends_on) = found
        return name if active and in_force(starts_on, ends_on, today) else None

    def keep_contract(
        self, org_id: str, org_name: str, compound_id: str, in_force: tuple[bool, str, str], version: int
    ) -> None:
        self._kept(f"contract/{compound_id}/{org_id}", (org_name, in_force), version)

    def timezone(self) -> str:
        return self._value("timezone") or DEFAULT_TIMEZONE

    def keep_compound(self, compound: CompoundCopy, version: int) -> None:
        self._kept(f"compound/{compound.compound_id}", compound, version)

    def keep_building(
        self, compound_id: str, building_id: str, name: str, archived: bool, version: int
    ) -> None:
        self._kept(f"building/{compound_id}/{building_id}", (name, archived), version)

    def keep_household(
        self, compound_id: str, household_id: str, subjects: list[str], archived: bool, version: int
    ) -> None:
        if not subjects and self._get_row(f"household/{compound_id}/{household_id}") is None:
            return  # nobody to know: nothing is copied
        self._kept(f"household/{compound_id}/{household_id}", (sorted(set(subjects)), archived), version)

    def keep_timezone(self, timezone: str, version: int) -> None:
        self._kept("timezone", timezone, version)

    def keep_config(self, version: int, document_json: str, compound_communities: dict[str, str]) -> None:
        self._kept("config", (document_json, dict(compound_communities)), version)

    def config(self) -> tuple[str, dict[str, str]] | None:
        return self._value("config")


def books_of(store: FakeStore) -> MemoryBooks:
    """The kernel's in-memory books of this store (one per store, events into its outbox)."""
    books = getattr(store, "ledger_books", None)
    if books is None:
        books = store.ledger_books = MemoryBooks(store)
    return books


def fake_ledger_unit_of_work(store: FakeStore) -> LedgerUnitOfWorkFactory:
    return lambda tenant: LedgerUnitOfWork(
        tenant,
        ledger=books_of(store).ledger(tenant),
        details=FakeEntryDetails(tenant, store),
        statements=FakeStatements(tenant, store),
        applications=FakeApplications(tenant, store),
        decisions=FakeDecisions(tenant, store),
        directory=FakeDirectory(tenant, store),
    )
