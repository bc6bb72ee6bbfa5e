"""Signed building codes: the QR URL names tenant, compound and building, and nobody can forge another.

HS256 (PyJWT) under a key derived from LINLI_JWT_SECRET for this purpose only, so a building code is
never an access token and an access token is never a building code. Codes do not expire: they are
printed and glued to a stairwell; re-issuing the secret retires them all.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import jwt

PURPOSE = b"linli-qr-building-v1"
MAX_TOKEN_LEN = 600


@dataclass(frozen=True, slots=True)
class BuildingCode:
    tenant: str
    compound_id: str
    building_id: str
    building_name: str = ""

    @property
    def label(self) -> str:
        return self.building_name or self.building_id


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), PURPOSE, hashlib.sha256).digest()


def sign(secret: str, code: BuildingCode) -> str:
    claims = {"t": code.tenant, "c": code.compound_id, "b": code.building_id}
    if code.building_name and code.building_name != code.building_id:
        claims["n"] = code.building_name
    return jwt.encode(claims, _key(secret), algorithm="HS256")


def verify(secret: str, token: str) -> BuildingCode | None:
    """The building a code names, or None when the code is not one we signed."""
    if not token or len(token) > MAX_TOKEN_LEN:
        return None
    try:
        claims = jwt.decode(token, _key(secret), algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    fields = (claims.get("t"), claims.get("c"), claims.get("b"), claims.get("n", ""))
    if not all(isinstance(f, str) for f in fields) or not all(fields[:3]):
        return None
    return BuildingCode(*fields)


def report_url(base_url: str, secret: str, code: BuildingCode) -> str:
    return f"{base_url.rstrip('/')}/r/{sign(secret, code)}"
