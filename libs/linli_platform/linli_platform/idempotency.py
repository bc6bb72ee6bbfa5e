"""Idempotency keys: a mutating RPC retried with the same request_id answers the first result."""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from mongoengine import BinaryField, DateTimeField, Document, StringField
from mongoengine.errors import NotUniqueError

from linli_platform.context import current_principal


class IdempotencyKey(Document):
    tenant_id = StringField(required=True)
    method = StringField(required=True)
    request_id = StringField(required=True)
    response = BinaryField()
    created_at = DateTimeField(required=True)
    meta = {
        "collection": "idempotency_keys",
        "indexes": [{"fields": ["tenant_id", "method", "request_id"], "unique": True}],
    }


def idempotent(response_type):
    """Servicer method decorator: replay the stored response for a repeated request_id."""

    def wrap(fn):
        method = fn.__name__

        @functools.wraps(fn)
        def handler(self, request, context):
            tenant = current_principal().tenant
            found = IdempotencyKey.objects(
                tenant_id=tenant, method=method, request_id=request.request_id
            ).first()
            if found is not None and found.response is not None:
                return response_type.FromString(found.response)
            response = fn(self, request, context)
            try:
                IdempotencyKey(
                    tenant_id=tenant,
                    method=method,
                    request_id=request.request_id,
                    response=response.SerializeToString(),
                    created_at=datetime.now(UTC),
                ).save()
            except NotUniqueError:
                pass  # a concurrent duplicate stored first; both answers describe the same result
            return response

        return handler

    return wrap
