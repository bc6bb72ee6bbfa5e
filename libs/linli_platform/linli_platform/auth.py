"""Signed, expiring tokens (PyJWT) naming tenant, role, organisation and subject."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from enum import StrEnum

import jwt

from linli_platform.errors import Unauthenticated


class Role(StrEnum):
    """Who a token speaks for. The one list of roles; role sets below are the only copies."""

    PLATFORM_ADMIN = "platform_admin"  # operates the deployment: creates districts
    DISTRICT_ADMIN = "district_admin"  # 区/街道: onboarding, governance configuration
    COMMUNITY_STAFF = "community_staff"  # 社区: dispatch, supervise, meetings
    GRID_WORKER = "grid_worker"  # 网格员
    COUNCIL = "council"  # 议事会, 自管队
    PROPERTY_FIRM = "property_firm"  # 物业服务企业 (org = the firm)
    VOLUNTEER = "volunteer"
    RESIDENT = "resident"


ROLES = tuple(role.value for role in Role)
# Roles that act for the district itself (may see unmasked data, care tags ...).
STAFF_ROLES = frozenset({Role.DISTRICT_ADMIN, Role.COMMUNITY_STAFF, Role.GRID_WORKER})
# Staff of the community on the ground (the three-colour file, 三色档案, is theirs).
FRONTLINE_ROLES = frozenset({Role.COMMUNITY_STAFF, Role.GRID_WORKER})
# Who administers: the platform operator and a district's administrator.
ADMIN_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.DISTRICT_ADMIN})
# Staff and the platform operator (reads of the whole hierarchy).
STAFF_OR_PLATFORM = STAFF_ROLES | {Role.PLATFORM_ADMIN}
# People of the compound who are not staff.
PEOPLE_ROLES = frozenset({Role.COUNCIL, Role.VOLUNTEER, Role.RESIDENT})
_ALGORITHM = "HS256"


@dataclass(frozen=True, slots=True)
class Principal:
    tenant: str
    role: str
    subject: str
    org: str = ""

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES


def issue_token(secret: str, principal: Principal, ttl_seconds: int, issuer: str = "linli") -> str:
    if principal.role not in ROLES:
        raise ValueError(f"unknown role {principal.role!r}; one of {', '.join(ROLES)}")
    now = int(time.time())
    claims = {
        "iss": issuer,
        "sub": principal.subject,
        "tenant": principal.tenant,
        "role": principal.role,
        "org": principal.org,
        "iat": now,
        "exp": now + ttl_seconds,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


def verify_token(secret: str, token: str, issuer: str = "linli") -> Principal:
    return _verify(secret, token, issuer)[0]


def _verify(secret: str, token: str, issuer: str) -> tuple[Principal, int]:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[_ALGORITHM],
            issuer=issuer,
            options={"require": ["exp", "iat", "sub", "iss"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("token expired") from exc
    except jwt.PyJWTError as exc:
        raise Unauthenticated("invalid token") from exc
    role = claims.get("role", "")
    tenant = claims.get("tenant", "")
    if role not in ROLES or not isinstance(tenant, str) or not tenant:
        raise Unauthenticated("token lacks a valid role or tenant")
    principal = Principal(
        tenant=tenant, role=role, subject=str(claims["sub"]), org=str(claims.get("org") or "")
    )
    return principal, int(claims["exp"])


class TokenVerifier:
    """verify_token with a bounded cache of tokens already verified: a signed token's claims never change,
    so a repeat costs a dictionary lookup and an expiry check instead of an HMAC and JSON decode."""

    def __init__(self, secret: str, issuer: str = "linli", size: int = 4096):
        self._secret, self._issuer, self._size = secret, issuer, size
        self._known: dict[str, tuple[Principal, int]] = {}

    def verify(self, token: str) -> Principal:
        known = self._known.get(token)
        if known is not None:
            if time.time() < known[1]:
                return known[0]
            self._known.pop(token, None)
            raise Unauthenticated("token expired")
        principal, expires = _verify(self._secret, token, self._issuer)
        if len(self._known) >= self._size:
            self._known.clear()  # simple and bounded; a busy server refills it with live tokens
        self._known[token] = (principal, expires)
        return principal


def bearer(metadata: tuple | list | None) -> str | None:
    """The token of an `authorization: Bearer …` metadata entry, if any."""
    for key, value in metadata or ():
        if key == "authorization" and isinstance(value, str) and value[:7].lower() == "bearer ":
            return value[7:].strip()
    return None
