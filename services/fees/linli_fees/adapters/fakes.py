"""In-memory fakes of the fees adapters (same behaviour, proven by tests/contract)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from linli_governance.testing import WithGovernanceCache
from linli_platform.testing.fakes import FakeScoped, FakeStore, InMemoryRepository

from linli_fees.adapters.mapping import first_month, shard_of
from linli_fees.adapters.repository import GovernanceReads
from linli_fees.domain.account import FeeAccount
from linli_fees.domain.bill import Bill
from linli_fees.domain.charges import Household
from linli_fees.domain.collection import DueBill
from linli_fees.domain.periods import parse_period
from linli_fees.domain.run import BillingRun
from linli_fees.service_layer import unit_of_work as ports


class FeesStore(WithGovernanceCache, FakeStore):
    """The fees database in memory, with its governance cache (no TTL: always fresh)."""


class _Copies(FakeScoped):
    def _keep(self, key: str, version: int, value: dict) -> None:
        held = self._get_row(key)
        if held is not None and version and held["version"] >= version:
            return
        self._put_row(key, {**value, "version": version})


class FakeHouseholds(_Copies, ports.Households):
    table = "households"

    def keep(self, household: Household, version: int) -> None:
        self._keep(
            household.key,
            version,
            {"household": household, "shard": shard_of(household.compound_id, household.household_id)},
        )

    def find(self, compound_id: str, household_id: str) -> Household | None:
        row = self._get_row(f"{compound_id}/{household_id}")
        return row["household"] if row else None

    def in_shard(self, compound_id: str, shard: int) -> list[Household]:
        rows = self._where(
            lambda r: r["shard"] == shard and (not compound_id or r["household"].compound_id == compound_id)
        )
        return sorted((r["household"] for r in rows), key=lambda h: h.key)

    def count(self, compound_id: str) -> int:
        return len(
            self._where(
                lambda r: (
                    not r["household"].archived
                    and (not compound_id or r["household"].compound_id == compound_id)
                )
            )
        )


class FakeCompounds(_Copies, ports.Compounds):
    table = "compounds"

    def keep(self, compound: ports.KnownCompound, version: int) -> None:
        self._keep(compound.compound_id, version, {"compound": compound})

    def find(self, compound_id: str) -> ports.KnownCompound | None:
        row = self._get_row(compound_id)
        return row["compound"] if row else None


class FakeGovernance(GovernanceReads, _Copies, ports.Governance):
    table = "governance"

    def __init__(self, tenant: str, store: FeesStore):
        super().__init__(tenant, store)
        self.cache = store.governance

    def keep(self, version: int, document_json: str, compound_communities: dict[str, str]) -> None:
        self._keep(
            "", version, {"document_json": document_json, "compound_communities": compound_communities}
        )


class FakeBills(InMemoryRepository[Bill], ports.Bills):
    table, label = "bills", ports.Bills.label

    def any_of(self, compound_id: str, periods: Iterable[str]) -> bool:
        return bool(self.months_billed(compound_id, periods, None))

    def months_billed(
        self, compound_id: str, periods: Iterable[str], household_ids: Iterable[str] | None
    ) -> dict[tuple[str, str], set[str]]:
        wanted, households = set(periods), None if household_ids is None else set(household_ids)
        found: dict[tuple[str, str], set[str]] = {}
        for b in self._where(
            lambda b: (
                b.facts.period in wanted
                and (not compound_id or b.facts.compound_id == compound_id)
                and (households is None or b.facts.household_id in households)
            )
        ):
            found.setdefault((b.household_key, b.facts.item), set()).update(
                parse_period(b.facts.period).months
            )
        return found

    def insert_new(self, bills: Iterable[Bill]) -> set[str]:
        inserted = set()
        taken = {
            (b.facts.compound_id, b.facts.household_id, b.facts.item, b.facts.period) for b in self._all()
        }
        for bill in bills:
            self._check_tenant(bill)
            natural = (bill.facts.compound_id, bill.facts.household_id, bill.facts.item, bill.facts.period)
            if natural in taken or (self.tenant, bill.id) in self._rows:
                continue
            self._put_row(bill.id, self._stored_copy(bill))
            self.store.outbox.extend(bill.pending)
            taken.add(natural)
            inserted.add(bill.id)
        for bill in bills:
            bill.stored()
        return inserted

    def existing(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if (self.tenant, i) in self._rows}

    def of_household(self, compound_id: str, household_id: str) -> list[Bill]:
        found = self._where(
            lambda b: b.facts.compound_id == compound_id and b.facts.household_id == household_id
        )
        return sorted(
            (self._loaded(b) for b in found), key=lambda b: (first_month(b.facts.period), b.facts.item)
        )

    def page(self, compound_id: str, household_id: str, period: str, offset: int, limit: int):
        found = sorted(
            self._where(
                lambda b: (
                    b.facts.compound_id == compound_id
                    and (not household_id or b.facts.household_id == household_id)
                    and (not period or b.facts.period == period)
                )
            ),
            key=lambda b: b.id,
        )
        return [self._loaded(b) for b in found[offset : offset + limit]], len(found)

    def receivable_by_household(self, compound_id: str, period: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for b in self._where(lambda b: b.facts.compound_id == compound_id and b.facts.period == period):
            found[b.household_key] = found.get(b.household_key, 0) + b.amount_fen
        return found

    def receivable_before(self, compound_id: str, month: str) -> int:
        return sum(
            b.amount_fen
            for b in self._where(
                lambda b: b.facts.compound_id == compound_id and first_month(b.facts.period) < month
            )
        )

    def due_bills(self, compound_id: str) -> list[DueBill]:
        return [
            DueBill(b.id, b.household_key, b.amount_fen, date.fromisoformat(b.facts.due_on), b.facts.period)
            for b in self._where(lambda b: b.facts.compound_id == compound_id)
        ]


class FakeAccounts(InMemoryRepository[FeeAccount], ports.Accounts):
    table, label = "accounts", ports.Accounts.label

    def with_prepaid(self, compound_id: str) -> list[FeeAccount]:
        return [
            self._loaded(a)
            for a in self._where(
                lambda a: a.prepaid_fen > 0 and (not compound_id or a.compound_id == compound_id)
            )
        ]

    def of_compound(self, compound_id: str) -> list[FeeAccount]:
        return [self._loaded(a) for a in self._where(lambda a: a.compound_id == compound_id)]

    def issuing(self, compound_id: str) -> list[FeeAccount]:
        return [
            self._loaded(a)
            for a in self._where(lambda a: a.issuing and (not compound_id or a.compound_id == compound_id))
        ]

    def _allocs(self, compound_id: str):
        for account in self._where(lambda a: a.compound_id == compound_id):
            for a in account.allocations():
                yield account.id, a

    def received_by_household(self, compound_id: str, period: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for key, a in self._allocs(compound_id):
            if a.period == period:
                found[key] = found.get(key, 0) + a.amount_fen
        return found

    def paid_before(self, compound_id: str, month: str, until: datetime) -> int:
        return sum(
            a.amount_fen
            for _, a in self._allocs(compound_id)
            if first_month(a.period) < month and a.at < until
        )

    def recovered(self, compound_id: str, month: str, since: datetime, until: datetime) -> int:
        return sum(
            a.amount_fen
            for _, a in self._allocs(compound_id)
            if first_month(a.period) < month and since <= a.at < until
        )

    def paid_by_bill(self, compound_id: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for _, a in self._allocs(compound_id):
            found[a.bill_id] = found.get(a.bill_id, 0) + a.amount_fen
        return found


class FakeRuns(InMemoryRepository[BillingRun], ports.Runs):
    table, label = "runs", ports.Runs.label

    def _insert(self, run: BillingRun) -> None:
        if not run.done and not run.dry_run and self.active(run.scope_key) is not None:
            from linli_platform.persistence import AlreadyStored  # noqa: PLC0415

            raise AlreadyStored(f"{self.label} for {run.scope_key} exists")
        super()._insert(run)

    def active(self, scope_key: str) -> BillingRun | None:
        found = self._where(lambda r: not r.done and not r.dry_run and r.scope_key == scope_key)
        return self._loaded(found[0]) if found else None


def fake_unit_of_work(store: FeesStore) -> ports.UnitOfWorkFactory:
    """Units of work over one in-memory store, for any tenant."""
    return lambda tenant: ports.FeesUnitOfWork(
        tenant,
        households=FakeHouseholds(tenant, store),
        compounds=FakeCompounds(tenant, store),
        governance=FakeGovernance(tenant, store),
        bills=FakeBills(tenant, store),
        accounts=FakeAccounts(tenant, store),
        runs=FakeRuns(tenant, store),
    )
