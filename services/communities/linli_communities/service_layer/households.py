"""Use cases of households: upsert one, import a batch of CSV rows, get, list."""

from __future__ import annotations

from dataclasses import dataclass

from linli_platform.errors import InvalidField, NotFound
from linli_platform.persistence import UnitOfWork

from linli_communities.adapters import metrics
from linli_communities.domain.households import HouseholdRecord, record_problem
from linli_communities.domain.onboarding import ARCHIVED, removals, shown
from linli_communities.domain.records import Household
from linli_communities.service_layer.hierarchy import live
from linli_communities.service_layer.upsert import CREATED, UNCHANGED, UPDATED, commit, upsert

REJECTED = "rejected"


@dataclass(frozen=True)
class RowJudged:
    line: int
    outcome: str  # created | updated | unchanged | archived | rejected
    reason: str = ""
    changes: tuple[tuple[str, str, str], ...] = ()  # (field, before, after) of an updated row
    removes: str = ""  # what the row removes (Chinese), if anything


def import_rows(
    uow: UnitOfWork, rows: list[tuple[int, HouseholdRecord]], dry_run: bool, planned: frozenset = frozenset()
) -> list[tuple[int, str, str]]:
    """(line, outcome, reason) of every row (see judge_rows), removals allowed."""
    judged = judge_rows(uow, [(line, r, False) for line, r in rows], dry_run, planned, allow_removals=True)
    return [(j.line, j.outcome, j.reason) for j in judged]


def judge_rows(
    uow: UnitOfWork,
    rows: list[tuple[int, HouseholdRecord, bool]],
    dry_run: bool,
    planned: frozenset = frozenset(),
    allow_removals: bool = False,
    withdrawn: frozenset = frozenset(),
) -> list[RowJudged]:
    """Judge every row (line, record, archive?) on its own and write the good ones in one bulk write.

    `planned` / `withdrawn`: (compound, building) pairs a dry run may assume the same file creates /
    archives first. A row that removes data (archives the household, drops a resident's login link)
    is rejected unless `allow_removals`.
    """
    buildings = uow.buildings.live_keys({r.compound_id for _, r, _ in rows})
    if dry_run:
        buildings = (buildings | planned) - withdrawn
    outcomes: dict[int, RowJudged] = {}
    first_line: dict[tuple[str, str], int] = {}
    good: list[tuple[int, HouseholdRecord, bool]] = []
    for line, record, archive in rows:
        key = (record.compound_id, record.household_id)
        found = None if archive else record_problem(record, buildings)
        problem = found[1] if found else None
        if problem is None and key in first_line:
            problem = f"重复的住户：与第 {first_line[key]} 行相同（小区 {key[0]}，户号 {key[1]}）"
        if problem:
            outcomes[line] = RowJudged(line, REJECTED, problem)
            continue
        first_line[key] = line
        good.append((line, record, archive))
    stored = uow.households.existing([(r.compound_id, r.household_id) for _, r, _ in good])
    batch: list[Household] = []
    batch_lines: list[int] = []
    for line, record, archive in good:
        household = stored.get((record.compound_id, record.household_id))
        if archive and household is None:
            outcomes[line] = RowJudged(
                line, REJECTED, f"没有可归档的住户：小区 {record.compound_id} 户号 {record.household_id}"
            )
            continue
        if household is None:
            household = Household.of(uow.tenant, record)
        values = archived_values(household) if archive else Household.values_of(record, household.archived)
        if not household.differs(values):
            outcomes[line] = RowJudged(line, UNCHANGED)
            continue
        removes = "；".join(removals("household", household, values)) if not household.is_new else ""
        if removes and not allow_removals:
            why = f"将删除：{removes}（确认删除请加 --allow-removals）"
            outcomes[line] = RowJudged(line, REJECTED, why, removes=removes)
            continue
        outcome = ARCHIVED if archive else CREATED if household.is_new else UPDATED
        changes = () if household.is_new else changed_fields(household, values)
        outcomes[line] = RowJudged(line, outcome, changes=changes, removes=removes)
        if not dry_run:
            household.upsert(**values)
            batch.append(household)
            batch_lines.append(line)
    for index in uow.households.write_batch(batch):
        outcomes[batch_lines[index]] = RowJudged(
            batch_lines[index], UNCHANGED
        )  # a concurrent run wrote it first
    created = sum(outcomes[line].outcome == CREATED for line in batch_lines)
    metrics.onboarded(uow.tenant, "household", CREATED, created)
    return [outcomes[line] for line, _, _ in rows]


def archived_values(household: Household) -> dict:
    return {"archived": True}


def changed_fields(household: Household, values: dict) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (f, shown(getattr(household, f)), shown(v)) for f, v in values.items() if getattr(household, f) != v
    )


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
    metrics.onboarded(uow.tenant, "household", outcome)
    return household, outcome


def get_household(uow: UnitOfWork, compound_id: str, household_id: str) -> Household:
    return uow.households.get_by(compound_id, household_id)


def list_households(
    uow: UnitOfWork, compound_id: str, building_id: str, include_archived: bool, offset: int, limit: int
) -> tuple[list[Household], int]:
    where = {k: v for k, v in (("compound_id", compound_id), ("building_id", building_id)) if v}
    order = ("compound_id", "household_id")
    return uow.households.page(offset, limit, order, **where, **live(include_archived))
