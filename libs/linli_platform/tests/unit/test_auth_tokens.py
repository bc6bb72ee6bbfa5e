"""Signed, expiring tokens: what verifies, and every way a token is refused."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
from linli_platform.auth import ROLES, Principal, TokenVerifier, bearer, issue_token, verify_token
from linli_platform.errors import Unauthenticated

SECRET = "unit-test-secret-long-enough-for-hs256"


def _token(role: str = "resident", ttl: int = 60, **claims) -> str:
    return issue_token(
        SECRET, Principal(tenant="hanyang", role=role, subject="u-1", org="shimao"), ttl, **claims
    )


def test_valid_token_names_tenant_role_subject_and_org():
    principal = verify_token(SECRET, _token("property_firm"))
    assert principal == Principal(tenant="hanyang", role="property_firm", subject="u-1", org="shimao")
    assert not principal.is_staff
    assert verify_token(SECRET, _token("grid_worker")).is_staff


@pytest.mark.parametrize("role", ROLES)
def test_every_role_round_trips(role):
    assert verify_token(SECRET, _token(role)).role == role


def test_unknown_role_cannot_be_issued():
    with pytest.raises(ValueError, match="unknown role"):
        _token("mayor")


def _tamper_payload(token: str, **changes) -> str:
    head, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{head}.{forged}.{signature}"


def test_tampered_payload_is_refused():
    with pytest.raises(Unauthenticated, match="invalid token"):
        verify_token(SECRET, _tamper_payload(_token(), role="district_admin"))


def test_tampered_signature_is_refused():
    token = _token()
    last = "A" if token[-1] != "A" else "B"
    with pytest.raises(Unauthenticated):
        verify_token(SECRET, token[:-1] + last)


def test_token_signed_with_another_secret_is_refused():
    other = issue_token("another-secret-of-reasonable-length!", Principal("hanyang", "resident", "u"), 60)
    with pytest.raises(Unauthenticated, match="invalid token"):
        verify_token(SECRET, other)


def test_unsigned_alg_none_token_is_refused():
    now = int(time.time())
    unsigned = jwt.encode(
        {
            "iss": "linli",
            "sub": "u",
            "tenant": "hanyang",
            "role": "district_admin",
            "iat": now,
            "exp": now + 60,
        },
        key=None,
        algorithm="none",
    )
    with pytest.raises(Unauthenticated):
        verify_token(SECRET, unsigned)


def test_expired_token_is_refused():
    with pytest.raises(Unauthenticated, match="expired"):
        verify_token(SECRET, _token(ttl=-5))


def test_token_of_another_issuer_is_refused():
    with pytest.raises(Unauthenticated):
        verify_token(SECRET, _token(issuer="someone-else"))


@pytest.mark.parametrize("claims", [{"role": "mayor"}, {"tenant": ""}, {"tenant": 7}])
def test_token_without_a_valid_role_or_tenant_is_refused(claims):
    now = int(time.time())
    base = {"iss": "linli", "sub": "u", "tenant": "hanyang", "role": "resident", "iat": now, "exp": now + 60}
    with pytest.raises(Unauthenticated):
        verify_token(SECRET, jwt.encode({**base, **claims}, SECRET, algorithm="HS256"))


@pytest.mark.parametrize("garbage", ["", "x", "a.b.c", "Bearer", "é" * 50])
def test_garbage_is_refused(garbage):
    with pytest.raises(Unauthenticated):
        verify_token(SECRET, garbage)


def test_bearer_reads_only_the_authorization_entry():
    assert bearer([("x-other", "Bearer nope"), ("authorization", "Bearer abc ")]) == "abc"
    assert bearer([("authorization", "Basic abc")]) is None
    assert bearer(None) is None


def test_cached_verifier_answers_like_verify_token(monkeypatch):
    verifier = TokenVerifier(SECRET, size=2)
    token = _token("council")
    assert verifier.verify(token) == verifier.verify(token) == verify_token(SECRET, token)
    with pytest.raises(Unauthenticated):
        verifier.verify(_tamper_payload(token, role="district_admin"))
    for role in ("resident", "volunteer", "grid_worker"):  # more than the cache holds
        assert verifier.verify(_token(role)).role == role


def test_cached_token_still_expires(monkeypatch):
    verifier = TokenVerifier(SECRET)
    token = _token(ttl=30)
    assert verifier.verify(token).role == "resident"
    later = time.time() + 31
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(Unauthenticated, match="expired"):
        verifier.verify(token)
