"""One contract, two implementations: the in-memory fake behaves as the MongoDB adapter does.

Every test runs against the fake and against the real Mongo-wire server (SecantusDB, started by
the launcher). Use-case unit tests rely on this: what passes on the fake passes on the database.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import pytest
from linli.common.v1 import events_pb2
from linli_platform.aggregate import Aggregate
from linli_platform.errors import Aborted, NotFound
from linli_platform.events import decode
from linli_platform.mongo import TenantDocument
from linli_platform.mongo_repository import MongoRepository
from linli_platform.outbox import OutboxMixin
from linli_platform.persistence import AlreadyStored, UnitOfWork
from linli_platform.testing.fakes import FakeStore, InMemoryRepository
from mongoengine import IntField, ListField, StringField


class Note(Aggregate):
    """A minimal aggregate: a text with tags, a rule (no empty text) and an event per change."""

    SOURCE, NAME = "contract", "note"

    def __init__(self, tenant_id: str, id: str, text: str = "", tags=(), version: int = 0):
        super().__init__(tenant_id, id, version)
        self.text, self.tags = text, list(tags)

    @classmethod
    def write(cls, tenant_id: str, id: str, text: str) -> Note:
        note = cls(tenant_id, id)
        note.edit(text)
        return note

    def edit(self, text: str) -> None:
        if not text:
            raise ValueError("empty")
        self.text = text
        # Any message type serves as a payload here; the envelope is what the contract checks.
        self.record(events_pb2.EventEnvelope(aggregate_id=self.id))

    def tag(self, tag: str) -> None:
        self.tags.append(tag)
        self.touch()


class NoteDoc(OutboxMixin, TenantDocument):
    note_id = StringField(required=True)
    text = StringField()
    tags = ListField(StringField())
    version = IntField()
    meta = {"collection": "contract_notes", "indexes": [{"fields": ["tenant_id", "note_id"], "unique": True}]}


class MongoNotes(MongoRepository[Note]):
    document, key, label = NoteDoc, "note_id", "note"

    def to_stored(self, note: Note) -> dict:
        return {"text": note.text, "tags": list(note.tags)}

    def from_stored(self, stored: dict) -> Note:
        return Note(stored["tenant_id"], stored["note_id"], stored["text"], stored["tags"], stored["version"])

    def tagged(self, tag: str) -> list[Note]:
        return [self._loaded(d) for d in self._find({"tags": tag}, sort=[("note_id", 1)])]

    def pending_events(self, id: str) -> list[str]:
        stored = self._find_one({"note_id": id}) or {}
        return [entry["event_id"] for entry in stored.get("outbox", [])]


class FakeNotes(InMemoryRepository[Note]):
    table, label = "notes", "note"

    def tagged(self, tag: str) -> list[Note]:
        return [self._loaded(n) for n in sorted(self._where(lambda n: tag in n.tags), key=lambda n: n.id)]

    def pending_events(self, id: str) -> list[str]:
        return [e.event_id for e in self.store.outbox if decode(e.value).aggregate_id == id]


@dataclass
class Backend(ABC):
    name: str

    @abstractmethod
    def notes(self, tenant: str): ...

    def uow(self, tenant: str) -> UnitOfWork:
        return UnitOfWork(tenant, notes=self.notes(tenant))


@dataclass
class FakeBackend(Backend):
    store: FakeStore = None  # type: ignore[assignment]

    def notes(self, tenant: str):
        return FakeNotes(tenant, self.store)


class MongoBackend(Backend):
    def notes(self, tenant: str):
        return MongoNotes(tenant)


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def backend(request) -> Backend:
    if request.param == "fake":
        return FakeBackend("fake", FakeStore())
    request.getfixturevalue("mongo_db")
    return MongoBackend("mongo")


def test_an_added_aggregate_is_stored_at_commit_with_its_events(backend):
    with backend.uow("t1") as uow:
        uow.notes.add(Note.write("t1", "n1", "楼道灯不亮"))
        assert backend.notes("t1").find("n1") is None  # nothing written before commit
        uow.commit()
    stored = backend.notes("t1").get("n1")
    assert (stored.text, stored.version, stored.read_version, stored.pending) == ("楼道灯不亮", 1, 1, [])
    assert len(backend.notes("t1").pending_events("n1")) == 1


def test_an_unknown_id_is_not_found(backend):
    with pytest.raises(NotFound, match="note nope not found"):
        backend.notes("t1").get("nope")


def test_another_tenant_never_sees_an_aggregate(backend):
    with backend.uow("t1") as uow:
        uow.notes.add(Note.write("t1", "n1", "a"))
        uow.commit()
    assert backend.notes("t2").find("n1") is None
    assert backend.notes("t2").tagged("x") == []
    with pytest.raises(ValueError):
        backend.notes("t2").save(backend.notes("t1").get("n1"))
    with pytest.raises(ValueError):
        backend.notes("")


def test_adding_an_id_twice_is_already_stored_and_keeps_the_first(backend):
    with backend.uow("t1") as uow:
        uow.notes.add(Note.write("t1", "n1", "first"))
        uow.commit()
    with backend.uow("t1") as uow, pytest.raises(AlreadyStored):
        uow.notes.add(Note.write("t1", "n1", "second"))
        uow.commit()
    assert backend.notes("t1").get("n1").text == "first"


def test_a_change_is_written_with_its_event_and_a_new_version(backend):
    with backend.uow("t1") as uow:
        uow.notes.add(Note.write("t1", "n1", "a"))
        uow.commit()
    with backend.uow("t1") as uow:
        note = uow.notes.get("n1")
        note.edit("b")
        note.tag("urgent")  # two steps, one version
        uow.commit()
    stored = backend.notes("t1").get("n1")
    assert (stored.text, stored.tags, stored.version) == ("b", ["urgent"], 2)
    assert len(backend.notes("t1").pending_events("n1")) == 2


def test_a_stale_version_is_aborted_and_writes_nothing(backend):
    with backend.uow("t1") as uow:
        uow.notes.add(Note.write("t1", "n1", "a"))
        uow.commit()
    first, second = backend.uow("t1"), backend.uow("t1")
    mine, theirs = first.notes.get("n1"), second.notes.get("n1")
    mine.edit("mine")
    first.commit()
    theirs.edit("theirs")
    with pytest.raises(Aborted):
        second.commit()
    stored = backend.notes("t1").get("n1")
    assert (stored.text, stored.version) == ("mine", 2)
    assert len(backend.notes("t1").pending_events("n1")) == 2  # the lost change's event is not stored


def test_an_error_inside_the_unit_of_work_writes_nothing(backend):
    with backend.uow("t1") as uow:
        uow.notes.add(Note.write("t1", "n1", "a"))
        uow.commit()
    with pytest.raises(ValueError), backend.uow("t1") as uow:
        note = uow.notes.get("n1")
        note.tag("half")
        note.edit("")  # the rule refuses: the tag must not be stored either
    assert backend.notes("t1").get("n1").tags == []


def test_an_unchanged_aggregate_is_not_written(backend):
    with backend.uow("t1") as uow:
        uow.notes.add(Note.write("t1", "n1", "a"))
        uow.commit()
    with backend.uow("t1") as uow:
        uow.notes.get("n1")
        uow.commit()
    assert backend.notes("t1").get("n1").version == 1


def test_a_finder_returns_the_tenants_aggregates_and_commit_saves_them(backend):
    with backend.uow("t1") as uow:
        for i in range(3):
            note = Note.write("t1", f"n{i}", "a")
            note.tag("x" if i < 2 else "y")
            uow.notes.add(note)
        uow.commit()
    with backend.uow("t2") as uow:
        other = Note.write("t2", "n0", "b")
        other.tag("x")
        uow.notes.add(other)
        uow.commit()
    with backend.uow("t1") as uow:
        found = uow.notes.tagged("x")
        assert [n.id for n in found] == ["n0", "n1"]
        for note in found:
            note.edit("seen")
        uow.commit()
    assert [n.text for n in backend.notes("t1").tagged("x")] == ["seen", "seen"]
    assert backend.notes("t2").get("n0").text == "b"


def test_discarding_a_lost_aggregate_lets_the_others_commit(backend):
    with backend.uow("t1") as uow:
        for i in range(2):
            uow.notes.add(Note.write("t1", f"n{i}", "a"))
        uow.commit()
    sweep, other = backend.uow("t1"), backend.uow("t1")
    lost, kept = sweep.notes.get("n0"), sweep.notes.get("n1")
    racing = other.notes.get("n0")
    racing.edit("theirs")
    other.commit()
    lost.edit("mine")
    kept.edit("mine")
    with pytest.raises(Aborted):
        sweep.commit()
    sweep.discard(lost)
    sweep.commit()
    assert [backend.notes("t1").get(i).text for i in ("n0", "n1")] == ["theirs", "mine"]


@pytest.mark.integration
def test_a_document_stored_before_versions_is_version_1_and_its_write_guarded(mongo_db):
    NoteDoc._get_collection().insert_one({"tenant_id": "t1", "note_id": "old", "text": "a", "tags": []})
    first, second = MongoNotes("t1"), MongoNotes("t1")
    mine, theirs = first.get("old"), second.get("old")
    assert mine.version == 1
    mine.edit("mine")
    first.save(mine)
    theirs.edit("theirs")
    with pytest.raises(Aborted):
        second.save(theirs)
    stored = NoteDoc._get_collection().find_one({"note_id": "old"})
    assert (stored["text"], stored["version"]) == ("mine", 2)
