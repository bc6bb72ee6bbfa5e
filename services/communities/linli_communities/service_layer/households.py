"""Use cases of households: upsert one, import a batch of CSV rows, get, list."""

from __future__ import annotations

from dataclasses import asdict

from linli_platform.errors import InvalidField, NotFound

from linli_communities.adapters import household_store as store
from linli_communities.adapters.documents import HouseholdDoc, ResidentDoc
from linli_communities.domain.households import HouseholdRecord, record_problem
from linli_communities.service_layer import events
from linli_communities.service_layer.upsert import CREATED, UNCHANGED, UPDATED, save_versioned

REJECTED = "rejected"


def values_of(record: HouseholdRecord, archived: bool = False) -> dict:
    return {
        "compound_id": record.compound_id,
        "building_id": record.building_id,
        "household_id": record.household_id,
        "label": record.label.strip(),
        "area_centi_m2": record.area_centi_m2,
        "residents": [asdict(r) for r in record.residents],
        "archived": archived,
    }


def import_rows(
    tenant_id: str, rows: list[tuple[int, HouseholdRecord]], dry_run: bool, planned: frozenset = frozenset()
) -> list[tuple[int, str, str]]:
    """Judge every row on its own and write the good ones in one bulk write: (line, outcome, reason).

    `planned`: (compound, building) pairs a dry run may assume exist (the file would create them first).
    """
    buildings = store.known_buildings(tenant_id, {r.compound_id for _, r in rows})
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
    stored = store.existing_households(tenant_id, [(r.compound_id, r.household_id) for _, r in good])
    ops, op_lines = [], []
    for line, record in good:
        values = values_of(record)
        before = stored.get((record.compound_id, record.household_id))
        if before is None:
            outcomes[line] = (CREATED, "")
            if not dry_run:
                ops.append(
                    store.insert_op(tenant_id, values, events.household_upserted(tenant_id, values, 1))
                )
                op_lines.append(line)
        elif store.differs(before, values):
            outcomes[line] = (UPDATED, "")
            if not dry_run:
                event = events.household_upserted(
                    tenant_id, {**values, "care_tags": before.get("care_tags", [])}, before["version"] + 1
                )
                ops.append(store.update_op(tenant_id, before, values, event))
                op_lines.append(line)
        else:
            outcomes[line] = (UNCHANGED, "")
    for index in store.write(ops):
        outcomes[op_lines[index]] = (UNCHANGED, "")  # a concurrent run wrote the same household first
    return [(line, *outcomes[line]) for line, _ in rows]


def upsert_household(tenant_id: str, record: HouseholdRecord, archived: bool) -> tuple[HouseholdDoc, str]:
    buildings = store.known_buildings(tenant_id, {record.compound_id})
    found = record_problem(record, buildings)
    if found and found[0] == "building_id":
        raise NotFound(f"building {record.compound_id}/{record.building_id} not found")
    if found:
        raise InvalidField(*found)
    values = values_of(record, archived)
    existing = (
        HouseholdDoc.scoped(tenant_id)
        .filter(compound_id=record.compound_id, household_id=record.household_id)
        .first()
    )
    if existing is not None and not store.differs(existing.to_mongo().to_dict(), values):
        return existing, UNCHANGED
    version = 1 if existing is None else existing.version + 1
    doc = existing or HouseholdDoc(tenant_id=tenant_id)
    care_tags = list(doc.care_tags)
    previous = doc.version
    for field, value in values.items():
        setattr(doc, field, [ResidentDoc(**r) for r in value] if field == "residents" else value)
    doc.version = version
    doc.record(events.household_upserted(tenant_id, {**values, "care_tags": care_tags}, version))
    save_versioned(doc, existing is None, previous)
    return doc, CREATED if existing is None else UPDATED


def get_household(tenant_id: str, compound_id: str, household_id: str) -> HouseholdDoc:
    doc = HouseholdDoc.scoped(tenant_id).filter(compound_id=compound_id, household_id=household_id).first()
    if doc is None:
        raise NotFound(f"household {compound_id}/{household_id} not found")
    return doc


def list_households(
    tenant_id: str, compound_id: str, building_id: str, include_archived: bool, offset: int, limit: int
) -> tuple[list[HouseholdDoc], int]:
    query = HouseholdDoc.scoped(tenant_id)
    if compound_id:
        query = query.filter(compound_id=compound_id)
    if building_id:
        query = query.filter(building_id=building_id)
    if not include_archived:
        query = query.filter(archived=False)
    query = query.order_by("compound_id", "household_id")
    return list(query.skip(offset).limit(limit)), query.count()
