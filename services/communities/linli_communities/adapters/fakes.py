"""In-memory fakes of this service's repositories, with the behaviour of the MongoDB ones
(tests/contract/test_repositories.py runs the same tests against both), and the fake unit of work.

`fake_unit_of_work(store)` is the factory servicers and use cases take in unit tests; one FakeStore
stands for the service's database, so tests can seed it and look into it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Generic, TypeVar

from linli_platform.errors import Aborted
from linli_platform.persistence import AlreadyStored, Repository, TenantScoped, UnitOfWork
from linli_platform.testing.fakes import FakeScoped, FakeStore, InMemoryRepository

from linli_communities.adapters.hierarchy_reader import RosterEntry
from linli_communities.domain.care import AuditEntry
from linli_communities.domain.config import DistrictConfig
from linli_communities.domain.deliberation import VOTING
from linli_communities.domain.meeting import Meeting
from linli_communities.domain.model import District
from linli_communities.domain.organisations import PropertyFirm, RoleGrant
from linli_communities.domain.proposal import Ballot, Proposal
from linli_communities.domain.records import (
    Building,
    Community,
    Compound,
    Contract,
    Household,
    Organisation,
    Record,
)
from linli_communities.domain.voting import Household as Voter

R = TypeVar("R", bound=Record)
T = TypeVar("T")


def ordered(items: Iterable[T], order: Iterable[tuple[Callable[[T], Any], int]]) -> list[T]:
    """Sorted by several keys, each ascending (1) or descending (-1), as a database sorts."""
    result = list(items)
    for key, direction in reversed(list(order)):
        result.sort(key=key, reverse=direction < 0)
    return result


def window(items: list[T], offset: int, limit: int) -> list[T]:
    return items[offset : offset + limit] if limit else items[offset:]


class FakeRecords(InMemoryRepository[R], Generic[R]):
    record: type[R]

    def get_by(self, *keys: str) -> R:
        return self.get(self.record.key_of(*keys))

    def find_by(self, *keys: str) -> R | None:
        return self.find(self.record.key_of(*keys))

    def _matching(self, where: dict[str, Any]) -> list[R]:
        return self._where(lambda r: all(getattr(r, k) == v for k, v in where.items()))

    def page(self, offset: int, limit: int, order: tuple[str, ...], **where: Any) -> tuple[list[R], int]:
        rows = self._matching(where)
        rows = ordered(rows, [((lambda r, f=f: getattr(r, f)), 1) for f in order])
        return window(rows, offset, limit), len(rows)

    def exists(self, **where: Any) -> bool:
        return bool(self._matching(where))


class FakeCommunities(FakeRecords[Community]):
    table, record, label = "communities", Community, "community"

    def live_ids(self) -> set[str]:
        return {c.community_id for c in self._all() if not c.archived}


class FakeCompounds(FakeRecords[Compound]):
    table, record, label = "compounds", Compound, "compound"

    def community_map(self) -> dict[str, str]:
        return {c.compound_id: c.community_id or c.community for c in self._all() if not c.archived}


class FakeBuildings(FakeRecords[Building]):
    table, record, label = "buildings", Building, "building"

    def live_keys(self, compound_ids: set[str]) -> set[tuple[str, str]]:
        return {
            (b.compound_id, b.building_id)
            for b in self._all()
            if b.compound_id in compound_ids and not b.archived
        }


class FakeOrganisations(FakeRecords[Organisation]):
    table, record, label = "organisations", Organisation, "organisation"


class FakeContracts(FakeRecords[Contract]):
    table, record, label = "property_contracts", Contract, "property contract"


class FakeHouseholds(FakeRecords[Household]):
    table, record, label = "households", Household, "household"

    def existing(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Household]:
        found = (self._get_row(Household.key_of(*key)) for key in keys)
        return {(h.compound_id, h.household_id): h for h in found if h is not None}

    def write_batch(self, batch: list[Household]) -> set[int]:
        lost, aborted = set(), False
        for index, household in enumerate(batch):
            stored = self._rows.get((self.tenant, household.id))
            if household.is_new and stored is not None:
                lost.add(index)
                continue
            if not household.is_new and (stored is None or stored.version != household.read_version):
                aborted = True
                continue
            self._put_row(household.id, self._stored_copy(household))
            self.store.outbox.extend(household.pending)
            household.stored()
        if aborted:
            raise Aborted("households changed concurrently; retry the batch")
        return lost


class FakeProposals(InMemoryRepository[Proposal]):
    table, label = "proposals", "proposal"

    def listing(self, compound_id: str, status: str, offset: int, limit: int) -> tuple[list[Proposal], int]:
        rows = self._where(
            lambda p: (not compound_id or p.compound_id == compound_id) and (not status or p.status == status)
        )
        rows = ordered(rows, [(lambda p: p.created_at, -1), (lambda p: p.id, 1)])
        return window(rows, offset, limit), len(rows)

    def voting_due(self, now: datetime, limit: int) -> list[str]:
        due = [p.id for p in self._all() if p.status == VOTING and p.closes_at and p.closes_at <= now]
        return window(due, 0, limit)


class FakeBallots(FakeScoped):
    table = "ballots"

    def cast(self, proposal_id: str, household_id: str, choice: str, by: str, at: datetime) -> Ballot:
        key = f"{proposal_id}/{household_id}"
        before = self._get_row(key)
        ballot = Ballot(proposal_id, household_id, choice, by, at, (before.revision if before else 0) + 1)
        self._put_row(key, ballot)
        return ballot

    def choices(self, proposal_id: str) -> dict[str, str]:
        return {b.household_id: b.choice for b in self._all() if b.proposal_id == proposal_id}

    def page(self, proposal_id: str, choice: str, offset: int, limit: int) -> tuple[list[Ballot], int]:
        rows = self._where(lambda b: b.proposal_id == proposal_id and (not choice or b.choice == choice))
        rows = ordered(rows, [(lambda b: b.household_id, 1)])
        return window(rows, offset, limit), len(rows)


class FakeMeetings(InMemoryRepository[Meeting]):
    table, label = "meetings", "meeting"

    def listing(self, compound_id: str, offset: int, limit: int) -> tuple[list[Meeting], int]:
        rows = self._where(lambda m: not compound_id or m.compound_id == compound_id)
        rows = ordered(rows, [(lambda m: m.scheduled_at, -1), (lambda m: m.id, 1)])
        return window(rows, offset, limit), len(rows)


class FakeConfigs(FakeScoped, Repository[DistrictConfig]):
    table, label = "governance_configs", "configuration"

    def __init__(self, tenant: str, store: FakeStore):
        Repository.__init__(self, tenant)
        self.store = store

    def head(self) -> DistrictConfig | None:
        return self.find(self.tenant)

    def version(self, version: int) -> DistrictConfig | None:
        return self._get_row(str(version))

    def history(self, offset: int, limit: int) -> tuple[list[DistrictConfig], int]:
        rows = ordered(self._all(), [(lambda c: c.version, -1)])
        for row in rows:
            row.document, row.source_yaml = None, ""
        return window(rows, offset, limit), len(rows)

    def _load(self, id: str) -> DistrictConfig | None:
        rows = ordered(self._all(), [(lambda c: c.version, -1)])
        return rows[0] if rows else None

    def _insert(self, config: DistrictConfig) -> None:
        if self._get_row(str(config.version)) is not None:
            raise Aborted("another change to the configuration was applied first; reload and retry")
        self._put_row(str(config.version), self._kept(config))
        self.store.outbox.extend(config.pending)

    _update = _insert

    @staticmethod
    def _kept(config: DistrictConfig) -> DistrictConfig:
        """The stored state: no pending events, no cached model."""
        return DistrictConfig(
            config.tenant_id,
            config.version,
            document=config.document,
            source_yaml=config.source_yaml,
            changed_by=config.changed_by,
            changed_by_role=config.changed_by_role,
            changed_at=config.changed_at,
            diff=config.diff,
            comment=config.comment,
        )


class FakeDistricts(InMemoryRepository[District]):
    table, label = "districts", "tenant"

    def _insert(self, district: District) -> None:
        try:
            super()._insert(district)
        except AlreadyStored as exc:
            raise AlreadyStored(f"tenant {district.id} already exists") from exc


def fake_district_ids(store: FakeStore) -> list[str]:
    return sorted({tenant for tenant, _ in store.tables["districts"]})


class FakeFirms(TenantScoped):
    """Global, as the MongoDB one: every tenant's repository sees the same firms."""

    def __init__(self, tenant: str, store: FakeStore):
        super().__init__(tenant)
        self.rows = store.tables["property_firms"]

    def find(self, org_id: str) -> PropertyFirm | None:
        return self.rows.get(("", org_id))

    def put(self, firm: PropertyFirm) -> None:
        self.rows[("", firm.org_id)] = firm


class FakeGrants(FakeScoped):
    table = "role_grants"

    def find(self, subject: str, role: str, org_id: str) -> RoleGrant | None:
        return self._get_row(f"{subject}|{role}|{org_id}")

    def put(self, grant: RoleGrant) -> None:
        self._put_row(f"{grant.subject}|{grant.role}|{grant.org_id}", grant)

    def page(self, offset: int, limit: int, **where: str) -> tuple[list[RoleGrant], int]:
        rows = self._where(lambda g: all(getattr(g, k) == v for k, v in where.items()))
        rows = ordered(rows, [(lambda g: g.subject, 1), (lambda g: g.role, 1)])
        return window(rows, offset, limit), len(rows)


class FakeCareAudit(FakeScoped):
    table = "care_audit"
    _numbers = itertools.count()

    def add(self, entry: AuditEntry) -> None:
        self._put_row(str(next(self._numbers)), entry)

    def page(self, offset: int, limit: int, **where: str) -> tuple[list[AuditEntry], int]:
        rows = self._where(lambda e: all(getattr(e, k) == v for k, v in where.items()))
        rows = ordered(rows, [(lambda e: e.at, -1)])
        return window(rows, offset, limit), len(rows)


class StoreRoster:
    """The Roster over the fake store's households (as MongoRoster reads the households collection)."""

    def __init__(self, store: FakeStore):
        self.store = store

    def _live(self, tenant_id: str, compound_id: str) -> list[Household]:
        return [
            h
            for (tenant, _), h in self.store.tables["households"].items()
            if tenant == tenant_id and h.compound_id == compound_id and not h.archived
        ]

    @staticmethod
    def _entry(h: Household) -> RosterEntry:
        owners = frozenset(r.subject for r in h.residents if r.tenure == "owner" and r.subject)
        voter = Voter(h.household_id, h.area_centi_m2, h.building_id)
        return RosterEntry(voter, owners, h.building_id, h.label)

    def entries(self, tenant_id: str, compound_id: str) -> list[RosterEntry]:
        return [self._entry(h) for h in self._live(tenant_id, compound_id)]

    def entries_of(self, tenant_id: str, compound_id: str, household_ids: list[str]) -> list[RosterEntry]:
        wanted = set(household_ids)
        return [self._entry(h) for h in self._live(tenant_id, compound_id) if h.household_id in wanted]

    def is_owner(self, tenant_id: str, compound_id: str, subject: str) -> bool:
        return bool(subject) and any(subject in e.owners for e in self.entries(tenant_id, compound_id))

    def entry(self, tenant_id: str, compound_id: str, household_id: str) -> RosterEntry | None:
        return next(iter(self.entries_of(tenant_id, compound_id, [household_id])), None)


def fake_unit_of_work(store: FakeStore) -> Callable[[str], UnitOfWork]:
    """The unit-of-work factory over one fake store (what servicers take as `uow`)."""

    def make(tenant: str) -> UnitOfWork:
        return UnitOfWork(
            tenant,
            districts=FakeDistricts(tenant, store),
            communities=FakeCommunities(tenant, store),
            compounds=FakeCompounds(tenant, store),
            buildings=FakeBuildings(tenant, store),
            households=FakeHouseholds(tenant, store),
            organisations=FakeOrganisations(tenant, store),
            contracts=FakeContracts(tenant, store),
            firms=FakeFirms(tenant, store),
            grants=FakeGrants(tenant, store),
            care_audit=FakeCareAudit(tenant, store),
            configs=FakeConfigs(tenant, store),
            proposals=FakeProposals(tenant, store),
            meetings=FakeMeetings(tenant, store),
            ballots=FakeBallots(tenant, store),
        )

    return make
