"""Bulk household writes straight through pymongo: one read and one bulk write per batch.

mongoengine would build a Python object per row; at 100 000 rows that alone costs more than
the database. The documents written here are the same shape HouseholdDoc reads.
"""

from __future__ import annotations

from datetime import UTC, datetime

from linli_platform.errors import Aborted
from linli_platform.events import OutgoingEvent
from pymongo import InsertOne, UpdateOne
from pymongo.errors import BulkWriteError

from linli_communities.adapters.documents import BuildingDoc, HouseholdDoc

COMPARED = ("building_id", "label", "area_centi_m2", "residents", "archived")


def known_buildings(tenant_id: str, compound_ids: set[str]) -> set[tuple[str, str]]:
    cursor = BuildingDoc._get_collection().find(
        {"tenant_id": tenant_id, "compound_id": {"$in": sorted(compound_ids)}, "archived": False},
        {"compound_id": 1, "building_id": 1, "_id": 0},
    )
    return {(d["compound_id"], d["building_id"]) for d in cursor}


def existing_households(tenant_id: str, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    by_compound: dict[str, list[str]] = {}
    for compound_id, household_id in keys:
        by_compound.setdefault(compound_id, []).append(household_id)
    found: dict[tuple[str, str], dict] = {}
    projection = {field: 1 for field in (*COMPARED, "compound_id", "household_id", "version", "care_tags")}
    for compound_id, ids in by_compound.items():
        for doc in HouseholdDoc._get_collection().find(
            {"tenant_id": tenant_id, "compound_id": compound_id, "household_id": {"$in": ids}}, projection
        ):
            found[(doc["compound_id"], doc["household_id"])] = doc
    return found


def differs(stored: dict, values: dict) -> bool:
    return any(
        stored.get(field, False if field == "archived" else None) != values[field] for field in COMPARED
    )


def pending(event: OutgoingEvent) -> dict:
    return {
        "event_id": event.event_id,
        "topic": event.topic,
        "key": event.key,
        "type": event.type,
        "value": event.value,
        "created_at": datetime.now(UTC),
    }


def insert_op(tenant_id: str, values: dict, event: OutgoingEvent) -> InsertOne:
    return InsertOne(
        {
            "tenant_id": tenant_id,
            **values,
            "care_tags": [],
            "care_notes": "",
            "care_updated_by": "",
            "version": 1,
            "outbox": [pending(event)],
        }
    )


def update_op(tenant_id: str, stored: dict, values: dict, event: OutgoingEvent) -> UpdateOne:
    return UpdateOne(
        {
            "tenant_id": tenant_id,
            "compound_id": values["compound_id"],
            "household_id": values["household_id"],
            "version": stored["version"],
        },
        {"$set": {**values, "version": stored["version"] + 1}, "$push": {"outbox": pending(event)}},
    )


def write(ops: list) -> set[int]:
    """Apply the batch (unordered); the indexes of operations that lost a race to a concurrent writer.

    An insert that hits the unique key lost to a writer that created the same household; an
    update whose version no longer matches lost to one that changed it. Either way re-running the
    batch judges those rows again against what is stored now.
    """
    if not ops:
        return set()
    updates = sum(1 for op in ops if isinstance(op, UpdateOne))
    try:
        result = HouseholdDoc._get_collection().bulk_write(ops, ordered=False)
    except BulkWriteError as err:
        errors = err.details.get("writeErrors", [])
        if any(e.get("code") != 11000 for e in errors):
            raise
        lost = {e["index"] for e in errors}
        if err.details.get("nMatched", updates) != updates:
            raise Aborted("households changed concurrently; retry the batch") from err
        return lost
    if result.matched_count != updates:
        raise Aborted("households changed concurrently; retry the batch")
    return set()
