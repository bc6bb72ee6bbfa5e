"""Use cases of households: upsert one, import a batch of CSV rows, get, list."""

from __future__ import annotations

from linli_platform.errors import InvalidField, NotFound
from linli_platform.persistence import UnitOfWork

from linli_communities.domain.households import HouseholdRecord, record_problem
from linli_communities.domain.records import Household
from linli_communities.service_layer.hierarchy import live
from linli_communities.service_layer.upsert import CREATED, UNCHANGED, UPDATED, commit, upsert

REJECTED = "rejected"


def import_rows(
    uow: UnitOfWork, rows: list[tuple[int, HouseholdRecord]], dry_run: bool, planned: frozenset = frozenset()
) -> list[tuple[int, str, str]]:
    """Judge every row on its own and write the good ones in one bulk write: (line, outcome, reason).

    `planned`: (compound, building) pairs a dry run may assume exist (the file would create them first).
    """
    buildings = uow.buildings.live_keys({r.compound_id for _, r in rows})
    if dry_run:
        buildings |= planned
    outcomes: dict[int, tuple[str, str]] = {}
    first_line: dict[tuple[str, str], int] = {}
    good: list[tuple[int, HouseholdRecord]] = []
    for line, record in rows:
        key = (record.compound_id, record.household_id)
        found = record_problem(record, buildings)
        problem = found[1] if found else None
        if problem is None and key in first_line:
            problem = f"重复的住户：与第 {first_line[key]} 行相同（小区 {key[0]}，户号 {key[1]}）"
        if problem:
            outcomes[line] = (REJECTED, problem)
            continue
        first_line[key] = line
        good.append((line, record))
    stored = uow.households.existing([(r.compound_id, r.household_id) for _, r in good])
    batch: list[Household] = []
    batch_lines: list[int] = []
    for line, record in good:
        values = Household.values_of(record)
        household = stored.get((record.compound_id, record.household_id)) or Household.of(uow.tenant, record)
        if not household.differs(values):
            outcomes[line] = (UNCHANGED, "")
            continue
        outcomes[line] = (CREATED if household.is_new else UPDATED, "")
        if not dry_run:
            household.upsert(**values)
            batch.append(household)
            batch_lines.append(line)
    for index in uow.households.write_batch(batch):
        outcomes[batch_lines[index]] = (UNCHANGED, "")  # a concurrent run wrote the same household first
    return [(line, *outcomes[line]) for line, _ in rows]


def upsert_household(uow: UnitOfWork, record: HouseholdRecord, archived: bool) -> tuple[Household, str]:
    buildings = uow.buildings.live_keys({record.compound_id})
    found = record_problem(record, buildings)
    if found and found[0] == "building_id":
        raise NotFound(f"building {record.compound_id}/{record.building_id} not found")
    if found:
        raise InvalidField(*found)
    with uow:
        household, outcome = upsert(
            uow.households,
            uow.households.find_by(record.compound_id, record.household_id),
            lambda: Household.of(uow.tenant, record),
            **Household.values_of(record, archived),
        )
        commit(uow)
    return household, outcome


def get_household(uow: UnitOfWork, compound_id: str, household_id: str) -> Household:
    return uow.households.get_by(compound_id, household_id)


def list_households(
    uow: UnitOfWork, compound_id: str, building_id: str, include_archived: bool, offset: int, limit: int
) -> tuple[list[Household], int]:
    where = {k: v for k, v in (("compound_id", compound_id), ("building_id", building_id)) if v}
    order = ("compound_id", "household_id")
    return uow.households.page(offset, limit, order, **where, **live(include_archived))
