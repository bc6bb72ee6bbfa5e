"""The MongoDB side of idempotency: one document per (tenant, method, request_id)."""

from __future__ import annotations

from datetime import datetime

from mongoengine import BinaryField, DateTimeField, Document, StringField
from mongoengine.errors import NotUniqueError


class IdempotencyKey(Document):
    tenant_id = StringField(required=True)
    method = StringField(required=True)
    request_id = StringField(required=True)
    fingerprint = StringField(default="")  # empty: stored before fingerprints were kept
    response = BinaryField()
    created_at = DateTimeField(required=True)
    meta = {
        "collection": "idempotency_keys",
        "indexes": [{"fields": ["tenant_id", "method", "request_id"], "unique": True}],
    }


def recall(tenant: str, method: str, request_id: str) -> tuple[str, bytes] | None:
    found = IdempotencyKey._get_collection().find_one(
        {"tenant_id": tenant, "method": method, "request_id": request_id}, {"fingerprint": 1, "response": 1}
    )
    if found is None or found.get("response") is None:
        return None
    return found.get("fingerprint", ""), bytes(found["response"])


def remember(
    tenant: str, method: str, request_id: str, fingerprint: str, response: bytes, at: datetime
) -> None:
    try:
        IdempotencyKey(
            tenant_id=tenant,
            method=method,
            request_id=request_id,
            fingerprint=fingerprint,
            response=response,
            created_at=at,
        ).save()
    except NotUniqueError:
        pass  # a concurrent duplicate stored first; both answers describe the same result
