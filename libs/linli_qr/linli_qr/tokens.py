"""Signed codes printed as QR codes: a building's scan-to-report code (`/r/<code>`) names tenant,
compound and building; a compound's ledger code (`/l/<code>`, 收支公示) names tenant and compound.
Nobody can forge one or turn one into another.

HS256 (PyJWT) under a key derived from LINLI_JWT_SECRET for each purpose only, so a building code is
never a ledger code, neither is ever an access token and an access token is never either. Codes do not
expire: they are printed and glued to a stairwell or a notice board; re-issuing the secret retires
them all.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import jwt

PURPOSE = b"linli-qr-building-v1"
LEDGER_PURPOSE = b"linli-qr-ledger-compound-v1"
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


@dataclass(frozen=True, slots=True)
class CompoundCode:
    """A compound's public ledger page (收支公示): whoever holds the code reads what is published."""

    tenant: str
    compound_id: str


def _key(secret: str, purpose: bytes) -> bytes:
    return hmac.new(secret.encode(), purpose, hashlib.sha256).digest()


def sign_claims(secret: str, purpose: bytes, claims: dict[str, str]) -> str:
    return jwt.encode(claims, _key(secret, purpose), algorithm="HS256")


def verify_claims(
    secret: str, purpose: bytes, token: str, required: tuple[str, ...]
) -> dict[str, str] | None:
    """The claims of a code signed for `purpose`, or None when it is not one: malformed, altered,
    signed under another secret or for another purpose, or missing a required (non-empty string) claim."""
    if not token or len(token) > MAX_TOKEN_LEN:
        return None
    try:
        claims = jwt.decode(token, _key(secret, purpose), algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    if not isinstance(claims, dict) or not all(isinstance(v, str) for v in claims.values()):
        return None
    if not all(claims.get(name) for name in required):
        return None
    return claims


def sign(secret: str, code: BuildingCode) -> str:
    claims = {"t": code.tenant, "c": code.compound_id, "b": code.building_id}
    if code.building_name and code.building_name != code.building_id:
        claims["n"] = code.building_name
    return sign_claims(secret, PURPOSE, claims)


def verify(secret: str, token: str) -> BuildingCode | None:
    """The building a code names, or None when the code is not one we signed."""
    claims = verify_claims(secret, PURPOSE, token, ("t", "c", "b"))
    if claims is None:
        return None
    return BuildingCode(claims["t"], claims["c"], claims["b"], claims.get("n", ""))


def report_url(base_url: str, secret: str, code: BuildingCode) -> str:
    return f"{base_url.rstrip('/')}/r/{sign(secret, code)}"


def sign_compound(secret: str, code: CompoundCode) -> str:
    return sign_claims(secret, LEDGER_PURPOSE, {"t": code.tenant, "c": code.compound_id})


def verify_compound(secret: str, token: str) -> CompoundCode | None:
    """The compound a ledger code names, or None when the code is not a ledger code we signed."""
    claims = verify_claims(secret, LEDGER_PURPOSE, token, ("t", "c"))
    return None if claims is None else CompoundCode(claims["t"], claims["c"])


def ledger_url(base_url: str, secret: str, code: CompoundCode) -> str:
    return f"{base_url.rstrip('/')}/l/{sign_compound(secret, code)}"
