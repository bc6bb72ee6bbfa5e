"""MongoDB repositories of the hierarchy's records, keyed by their natural key fields.

One document per record (collections of adapters/documents.py and organisation_documents.py), its
state and pending events written together (the kit's MongoRepository). The household import writes
whole batches in one unordered bulk write: mongoengine would build a Python object per row, and at
100 000 rows that alone costs more than the database.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any, Generic, TypeVar

from linli_platform.errors import Aborted
from linli_platform.mongo_repository import OUTBOX, MongoRepository, outbox_entries
from pymongo import InsertOne, UpdateOne
from pymongo.errors import BulkWriteError

from linli_communities.adapters.documents import BuildingDoc, CommunityDoc, CompoundDoc, HouseholdDoc
from linli_communities.adapters.organisation_documents import ContractDoc, OrganisationDoc
from linli_communities.domain.records import (
    Building,
    Community,
    Compound,
    Contract,
    Household,
    Organisation,
    Record,
)

R = TypeVar("R", bound=Record)
LIGHT = {OUTBOX: 0}


def plain(value: Any) -> Any:
    """A field as stored: lists of dataclasses (residents, members) as lists of dicts."""
    if isinstance(value, list | tuple):
        return [asdict(v) if is_dataclass(v) else v for v in value]
    return value


def typed(cls: type | None, value: Any) -> Any:
    if cls is None:
        return value
    names = cls.__dataclass_fields__
    return [cls(**{k: v for k, v in item.items() if k in names}) for item in value or ()]


class MongoRecords(MongoRepository[R], Generic[R]):
    """Records of one kind: `key` stands for the natural key fields in every filter and state."""

    record: type[R]
    key = "_natural_key"

    def _keys(self, id: str) -> dict[str, str]:
        return dict(
            zip(self.record.KEYS, id.split(self.record.SEPARATOR, len(self.record.KEYS) - 1), strict=True)
        )

    def _scope(self, conditions: dict | None = None) -> dict:
        conditions = dict(conditions or {})
        id = conditions.pop(self.key, None)
        if id is not None:
            conditions.update(self._keys(id))
        return super()._scope(conditions)

    def _state(self, aggregate: R) -> dict:
        state = super()._state(aggregate)
        del state[self.key]
        state.update(self._keys(aggregate.id))
        return state

    def to_stored(self, record: R) -> dict[str, Any]:
        return {field: plain(getattr(record, field)) for field in record.FIELDS}

    def from_stored(self, stored: dict[str, Any]) -> R:
        nested = self.record.NESTED
        values = {f: typed(nested.get(f), stored[f]) for f in self.record.FIELDS if f in stored}
        keys = {k: stored[k] for k in self.record.KEYS}
        return self.record(self.tenant, stored.get("version") or 1, **keys, **values)

    def get_by(self, *keys: str) -> R:
        return self.get(self.record.key_of(*keys))

    def find_by(self, *keys: str) -> R | None:
        return self.find(self.record.key_of(*keys))

    def page(self, offset: int, limit: int, order: tuple[str, ...], **where: Any) -> tuple[list[R], int]:
        """One page of read-only views (equality filters), and how many match."""
        found = self._find(where, LIGHT, sort=[(f, 1) for f in order], skip=offset, limit=limit)
        return [self.from_stored(d) for d in found], self._count(where)

    def exists(self, **where: Any) -> bool:
        return self._find_one(where, {"_id": 1}) is not None


class MongoCommunities(MongoRecords[Community]):
    document, record, label = CommunityDoc, Community, "community"

    def live_ids(self) -> set[str]:
        return {d["community_id"] for d in self._find({"archived": {"$ne": True}}, {"community_id": 1})}


class MongoCompounds(MongoRecords[Compound]):
    document, record, label = CompoundDoc, Compound, "compound"

    def community_map(self) -> dict[str, str]:
        """Live compound → its community (its id, or the name the walking skeleton kept)."""
        projection = {"compound_id": 1, "community_id": 1, "community": 1}
        return {
            d["compound_id"]: d.get("community_id") or d.get("community") or ""
            for d in self._find({"archived": {"$ne": True}}, projection)
        }


class MongoBuildings(MongoRecords[Building]):
    document, record, label = BuildingDoc, Building, "building"

    def live_keys(self, compound_ids: set[str]) -> set[tuple[str, str]]:
        """(compound, building) of the live buildings of these compounds."""
        found = self._find(
            {"compound_id": {"$in": sorted(compound_ids)}, "archived": False},
            {"compound_id": 1, "building_id": 1, "_id": 0},
        )
        return {(d["compound_id"], d["building_id"]) for d in found}


class MongoOrganisations(MongoRecords[Organisation]):
    document, record, label = OrganisationDoc, Organisation, "organisation"


class MongoContracts(MongoRecords[Contract]):
    document, record, label = ContractDoc, Contract, "property contract"


COMPARED = ("building_id", "label", "area_centi_m2", "residents", "archived")
BATCH_READ = {f: 1 for f in (*COMPARED, "compound_id", "household_id", "version", "care_tags")}


class MongoHouseholds(MongoRecords[Household]):
    document, record, label = HouseholdDoc, Household, "household"

    def existing(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Household]:
        """The stored households of an import batch (what the import compares), one read per compound."""
        by_compound: dict[str, list[str]] = {}
        for compound_id, household_id in keys:
            by_compound.setdefault(compound_id, []).append(household_id)
        found: dict[tuple[str, str], Household] = {}
        for compound_id, ids in by_compound.items():
            for doc in self._find({"compound_id": compound_id, "household_id": {"$in": ids}}, BATCH_READ):
                found[(doc["compound_id"], doc["household_id"])] = self.from_stored(doc)
        return found

    def write_batch(self, batch: list[Household]) -> set[int]:
        """Insert the new and update the changed households of `batch` in one unordered bulk write;
        the indexes of those that lost a race to a concurrent writer.

        An insert that hits the unique key lost to a writer that created the same household; an
        update whose version no longer matches lost to one that changed it (ABORTED: re-running
        the batch judges those rows again against what is stored now).
        """
        if not batch:
            return set()
        ops = [self._insert_op(h) if h.is_new else self._update_op(h) for h in batch]
        updates = sum(1 for h in batch if not h.is_new)
        lost: set[int] = set()
        try:
            result = self._collection().bulk_write(ops, ordered=False)
        except BulkWriteError as err:
            errors = err.details.get("writeErrors", [])
            if any(e.get("code") != 11000 for e in errors):
                raise
            if err.details.get("nMatched", updates) != updates:
                raise Aborted("households changed concurrently; retry the batch") from err
            lost = {e["index"] for e in errors}
        else:
            if result.matched_count != updates:
                raise Aborted("households changed concurrently; retry the batch")
        for index, household in enumerate(batch):
            if index not in lost:
                household.stored()
        return lost

    def _insert_op(self, household: Household) -> InsertOne:
        state = self._state(household)
        return InsertOne({**state, OUTBOX: outbox_entries(household.pending)})

    def _update_op(self, household: Household) -> UpdateOne:
        values = {f: plain(getattr(household, f)) for f in COMPARED}
        keys = self._keys(household.id)
        return UpdateOne(
            self._scope({**keys, "version": household.read_version}),
            {
                "$set": {**keys, **values, "version": household.version},
                "$push": {OUTBOX: {"$each": outbox_entries(household.pending)}},
            },
        )
