"""mongoengine per service (own database per service), tenant-scoped documents."""

from __future__ import annotations

from collections.abc import Callable

import mongoengine
from mongoengine import Document, StringField

from linli_platform.config import Settings

_on_connect: list[Callable[[], None]] = []


def on_connect(forget: Callable[[], None]) -> Callable[[], None]:
    """Register a process-local cache of database content to be dropped on every (re)connection:
    what it held came from the previous database (tests connect a fresh one per test)."""
    _on_connect.append(forget)
    return forget


def forget_cached_collections() -> None:
    """Drop every Document class's cached collection, so the next query uses the current connection.

    mongoengine's disconnect() resets only the classes in its registry, which is keyed by class name:
    two services' `BuildingDoc` share one entry, and the other class would keep a closed client.
    """
    stack = list(Document.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        cls._collection = None
    for forget in _on_connect:
        forget()


def connect(settings: Settings, alias: str = "default"):
    """Connect mongoengine to the service's own database."""
    mongoengine.disconnect(alias)
    forget_cached_collections()
    return mongoengine.connect(
        db=settings.database,
        host=settings.mongo_uri,
        alias=alias,
        tz_aware=True,
        uuidRepresentation="standard",
        serverSelectionTimeoutMS=10_000,
    )


def connect_mock(database: str = "linli_test", alias: str = "default"):
    """Unit tests: an in-memory mongomock database behind the same documents."""
    import mongomock  # noqa: PLC0415 - test-only dependency

    mongoengine.disconnect(alias)
    forget_cached_collections()
    return mongoengine.connect(
        db=database,
        host="mongodb://localhost",
        alias=alias,
        mongo_client_class=mongomock.MongoClient,
        tz_aware=True,
        uuidRepresentation="standard",
    )


class TenantDocument(Document):
    """Base of every tenant-owned document. Repositories reach it only through `scoped()`."""

    meta = {"abstract": True}
    tenant_id = StringField(required=True)

    @classmethod
    def scoped(cls, tenant_id: str):
        """The only way to query: every query names its tenant."""
        if not tenant_id:
            raise ValueError(f"{cls.__name__}: a query without a tenant is not allowed")
        return cls.objects(tenant_id=tenant_id)
