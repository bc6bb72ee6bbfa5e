"""Reconnecting reaches every Document class, even two services' classes of the same name."""

from __future__ import annotations

import mongoengine
from linli_platform import mongo
from mongoengine import Document, StringField


def _twin():
    class Twin(Document):  # the same class name in two "services": mongoengine's registry keeps one
        name = StringField()
        meta = {"collection": "twins"}

    return Twin


def test_a_reconnect_moves_every_class_to_the_new_database_even_under_a_shared_name():
    first, second = _twin(), _twin()
    try:
        mongo.connect_mock("twins_a")
        first(name="a").save()
        second(name="a2").save()
        mongo.connect_mock("twins_b")
        first(name="b").save()
        assert [d.name for d in first.objects] == ["b"]
        assert [d.name for d in second.objects] == ["b"]  # same collection, new database
        assert first._get_db().name == "twins_b"
    finally:
        mongoengine.disconnect()
