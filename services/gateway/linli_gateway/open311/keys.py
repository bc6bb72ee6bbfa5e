"""Open311 api_keys, issued per district and stored by the gateway (only a hash of the secret).

A key reads `o311_<key_id>_<secret>`; it is valid only for the district that issued it, and can be
revoked. Tokens map the `token` a POST returns to the ticket it created.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from linli_platform.mongo import TenantDocument
from mongoengine import DateTimeField, StringField

KEY_FORMAT = re.compile(r"^o311_([0-9a-f]{12})_([A-Za-z0-9_-]{32,64})$")


class ApiKeyDoc(TenantDocument):
    key_id = StringField(required=True)
    secret_sha256 = StringField(required=True)
    name = StringField(required=True, max_length=100)
    created_by = StringField(default="")
    created_at = DateTimeField(required=True)
    revoked_at = DateTimeField(null=True)
    meta = {
        "collection": "open311_api_keys",
        "indexes": [{"fields": ["tenant_id", "key_id"], "unique": True}],
    }


class RequestTokenDoc(TenantDocument):
    token = StringField(required=True)
    ticket_id = StringField(required=True)
    key_id = StringField(required=True)
    created_at = DateTimeField(required=True)
    meta = {"collection": "open311_tokens", "indexes": [{"fields": ["tenant_id", "token"], "unique": True}]}


@dataclass(frozen=True)
class IssuedKey:
    key_id: str
    api_key: str
    name: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_key(tenant: str, name: str, created_by: str) -> IssuedKey:
    key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    ApiKeyDoc(
        tenant_id=tenant,
        key_id=key_id,
        secret_sha256=_digest(secret),
        name=name,
        created_by=created_by,
        created_at=datetime.now(UTC),
    ).save(force_insert=True)
    return IssuedKey(key_id=key_id, api_key=f"o311_{key_id}_{secret}", name=name)


def list_keys(tenant: str) -> list[ApiKeyDoc]:
    return list(ApiKeyDoc.scoped(tenant).order_by("created_at"))


def revoke_key(tenant: str, key_id: str) -> bool:
    return (
        ApiKeyDoc.scoped(tenant)
        .filter(key_id=key_id, revoked_at=None)
        .update_one(set__revoked_at=datetime.now(UTC))
        == 1
    )


def verify_key(tenant: str, api_key: str) -> str | None:
    """The key's id if `api_key` is a live key of `tenant`, else None."""
    match = KEY_FORMAT.fullmatch(api_key or "")
    if match is None:
        return None
    key_id, secret = match.groups()
    doc = ApiKeyDoc.scoped(tenant).filter(key_id=key_id, revoked_at=None).first()
    if doc is None or not hmac.compare_digest(doc.secret_sha256, _digest(secret)):
        return None
    return key_id


def remember_token(tenant: str, token: str, ticket_id: str, key_id: str) -> None:
    RequestTokenDoc(
        tenant_id=tenant, token=token, ticket_id=ticket_id, key_id=key_id, created_at=datetime.now(UTC)
    ).save(force_insert=True)


def ticket_for_token(tenant: str, token: str) -> str | None:
    doc = RequestTokenDoc.scoped(tenant).filter(token=token).first()
    return doc.ticket_id if doc else None
