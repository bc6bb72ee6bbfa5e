"""upsert_newer: a local copy moves only forward, whatever order events arrive in."""

from __future__ import annotations

import mongomock
import pytest
from linli_platform.mongo import ConcurrentWrites, upsert_newer

KEY = {"tenant_id": "hanyang", "compound_id": "jinjiang", "household_id": "1-1-101"}


@pytest.fixture
def copies():
    collection = mongomock.MongoClient().db.copies
    collection.create_index([("tenant_id", 1), ("compound_id", 1), ("household_id", 1)], unique=True)
    return collection


def held(copies) -> tuple[int, list[str]]:
    doc = copies.find_one(KEY)
    return doc["version"], doc["residents"]


def test_newer_versions_apply_and_late_or_replayed_ones_do_not(copies):
    assert upsert_newer(copies, KEY, 2, {"residents": ["wang"]}) is True  # first sight: inserted
    assert upsert_newer(copies, KEY, 1, {"residents": ["old"]}) is False  # late
    assert upsert_newer(copies, KEY, 2, {"residents": ["wang"]}) is False  # replayed
    assert upsert_newer(copies, KEY, 3, {"residents": ["wang", "li"]}) is True
    assert held(copies) == (3, ["wang", "li"]) and copies.count_documents({}) == 1


def test_version_zero_always_applies(copies):
    upsert_newer(copies, KEY, 5, {"residents": ["wang"]})
    assert upsert_newer(copies, KEY, 0, {"residents": ["zhao"]}) is True
    assert held(copies) == (0, ["zhao"])


class Racing:
    """A collection another writer touches between our read and our write (`times` times)."""

    def __init__(self, inner, interfere, times: int):
        self.inner, self.interfere, self.left, self.name = inner, interfere, times, inner.name

    def find_one(self, *args, **kwargs):
        found = self.inner.find_one(*args, **kwargs)
        if self.left:
            self.left -= 1
            self.interfere(self.inner)
        return found

    def insert_one(self, *args, **kwargs):
        return self.inner.insert_one(*args, **kwargs)

    def update_one(self, *args, **kwargs):
        return self.inner.update_one(*args, **kwargs)


def test_an_insert_racing_another_insert_looks_again_and_keeps_the_newest(copies):
    racing = Racing(copies, lambda c: c.insert_one({**KEY, "version": 4, "residents": ["other"]}), 1)
    assert upsert_newer(racing, KEY, 3, {"residents": ["mine"]}) is False  # the other one is newer
    assert held(copies) == (4, ["other"])


def test_an_update_racing_another_update_looks_again(copies):
    upsert_newer(copies, KEY, 1, {"residents": ["a"]})
    racing = Racing(copies, lambda c: c.update_one(KEY, {"$set": {"version": 2, "residents": ["b"]}}), 1)
    assert upsert_newer(racing, KEY, 3, {"residents": ["c"]}) is True
    assert held(copies) == (3, ["c"])


def test_endless_interference_is_reported_not_swallowed(copies):
    upsert_newer(copies, KEY, 1, {"residents": ["a"]})

    def toggle(c):  # another writer changes the version after every read of ours
        c.update_one(KEY, {"$set": {"version": c.find_one(KEY)["version"] % 2 + 1}})

    with pytest.raises(ConcurrentWrites):
        upsert_newer(Racing(copies, toggle, 10), KEY, 9, {"residents": ["x"]}, attempts=3)
    assert held(copies)[1] == ["a"]  # nothing half-written
