"""request_id semantics, in one place (after TigerBeetle's `exists` / `exists_with_different_fields`).

A mutating RPC retried with the same request_id and the same content answers the first result; the
same request_id with other content is refused with Conflict (ALREADY_EXISTS) naming `request_id`.
"Content" is the request without its request_id, serialized deterministically and hashed.

`@idempotent(Response)` does this for a servicer method through the servicer's `idempotency` store
(a tenant-scoped port: `MongoIdempotencyStore` in production, `FakeIdempotencyStore` in tests). A
use case whose aggregate id follows from the request_id (CreateTicket) keeps the fingerprint on the
aggregate and calls `check_same()` itself.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from datetime import UTC, datetime
from typing import Protocol

from google.protobuf.message import Message

from linli_platform.context import current_principal
from linli_platform.errors import Conflict


def fingerprint(content: Message | object) -> str:
    """A stable hash of a request (a protobuf message or a dataclass command) without its request_id."""
    if isinstance(content, Message):
        copy = type(content)()
        copy.CopyFrom(content)
        if "request_id" in copy.DESCRIPTOR.fields_by_name:
            copy.ClearField("request_id")
        data = copy.SerializeToString(deterministic=True)
    else:
        fields = {k: v for k, v in dataclasses.asdict(content).items() if k != "request_id"}
        data = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(data).hexdigest()[:32]


def check_same(stored: str, offered: str, request_id: str) -> None:
    """Refuse a request_id reused for other content (a stored empty fingerprint predates the check)."""
    if stored and stored != offered:
        raise Conflict(
            f"request_id {request_id!r} was already used for a different request; "
            "use a new request_id for a new request"
        )


class IdempotencyStore(Protocol):
    """Answers remembered per (tenant, method, request_id)."""

    def recall(self, tenant: str, method: str, request_id: str) -> tuple[str, bytes] | None:
        """(fingerprint, serialized response) of a request answered before, or None."""

    def remember(self, tenant: str, method: str, request_id: str, fingerprint: str, response: bytes) -> None:
        """Keep the answer (the first one stays when two raced)."""


class FakeIdempotencyStore:
    """In memory, with the behaviour of the MongoDB store."""

    def __init__(self) -> None:
        self.answers: dict[tuple[str, str, str], tuple[str, bytes]] = {}

    def recall(self, tenant: str, method: str, request_id: str) -> tuple[str, bytes] | None:
        return self.answers.get((tenant, method, request_id))

    def remember(self, tenant: str, method: str, request_id: str, fingerprint: str, response: bytes) -> None:
        self.answers.setdefault((tenant, method, request_id), (fingerprint, response))


class MongoIdempotencyStore:
    """Collection `idempotency_keys` of the service's database (see idempotency_store)."""

    def recall(self, tenant: str, method: str, request_id: str) -> tuple[str, bytes] | None:
        from linli_platform.idempotency_store import recall  # noqa: PLC0415 - keeps the driver out of here

        return recall(tenant, method, request_id)

    def remember(self, tenant: str, method: str, request_id: str, fingerprint: str, response: bytes) -> None:
        from linli_platform.idempotency_store import remember  # noqa: PLC0415

        remember(tenant, method, request_id, fingerprint, response, datetime.now(UTC))


MONGO_STORE = MongoIdempotencyStore()


def idempotent(response_type, unless=None):
    """Servicer method decorator: the first answer for a request_id, Conflict for other content.

    The store is the servicer's `idempotency` attribute (the MongoDB store when it has none).
    `unless(request)` true: a request that writes nothing (a dry run) — answered afresh, not kept.
    """

    def wrap(fn):
        method = fn.__name__

        @functools.wraps(fn)
        def handler(self, request, context):
            if unless is not None and unless(request):
                return fn(self, request, context)
            store: IdempotencyStore = getattr(self, "idempotency", MONGO_STORE)
            tenant = current_principal().tenant
            offered = fingerprint(request)
            found = store.recall(tenant, method, request.request_id)
            if found is not None:
                check_same(found[0], offered, request.request_id)
                return response_type.FromString(found[1])
            response = fn(self, request, context)
            store.remember(tenant, method, request.request_id, offered, response.SerializeToString())
            return response

        handler.__linli_request_id__ = "idempotent"
        return handler

    return wrap


def fingerprinted(fn):
    """Mark a servicer method whose use case keeps the request's fingerprint on its aggregate and
    calls `check_same()` itself (its aggregate id follows from the request_id)."""
    fn.__linli_request_id__ = "fingerprinted"
    return fn
