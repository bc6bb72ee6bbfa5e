"""Verify (and produce) the signature linli puts on every webhook delivery.

Header ``X-Linli-Signature: t=<unix seconds>,v1=<hex>`` where ``<hex>`` is
HMAC-SHA256(secret, ``"<t>." + raw body bytes``). A receiver checks it with::

    from linli_webhooks import verify, SignatureError
    try:
        verify(secret, request_body_bytes, request.headers["X-Linli-Signature"])
    except SignatureError:
        return 400

Standard library only, so a property firm can vendor this one file.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Linli-Signature"
EVENT_ID_HEADER = "X-Linli-Event-Id"
EVENT_TYPE_HEADER = "X-Linli-Event-Type"
DELIVERY_ID_HEADER = "X-Linli-Delivery-Id"
DEFAULT_TOLERANCE_SECONDS = 300
SCHEME = "v1"

__all__ = [
    "DEFAULT_TOLERANCE_SECONDS",
    "DELIVERY_ID_HEADER",
    "EVENT_ID_HEADER",
    "EVENT_TYPE_HEADER",
    "SIGNATURE_HEADER",
    "SignatureError",
    "sign",
    "signature_header",
    "verify",
]


class SignatureError(ValueError):
    """The delivery is not authentic or not fresh: reject it."""


def _as_bytes(value: bytes | str) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def sign(secret: bytes | str, body: bytes | str, timestamp: int) -> str:
    """Hex HMAC-SHA256 of ``"<timestamp>." + body``."""
    message = str(int(timestamp)).encode() + b"." + _as_bytes(body)
    return hmac.new(_as_bytes(secret), message, hashlib.sha256).hexdigest()


def signature_header(secret: bytes | str, body: bytes | str, timestamp: int | None = None) -> str:
    """The value of the X-Linli-Signature header for this body."""
    stamp = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={stamp},{SCHEME}={sign(secret, body, stamp)}"


def _parse(header: str) -> tuple[int, list[str]]:
    stamp: int | None = None
    signatures: list[str] = []
    for part in (header or "").split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            try:
                stamp = int(value)
            except ValueError as exc:
                raise SignatureError("timestamp is not an integer") from exc
        elif key == SCHEME and value:
            signatures.append(value)
    if stamp is None:
        raise SignatureError("signature header has no timestamp (t=)")
    if not signatures:
        raise SignatureError(f"signature header has no {SCHEME}= signature")
    return stamp, signatures


def verify(
    secret: bytes | str,
    body: bytes | str,
    header: str,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> int:
    """Check the header against the body; return its timestamp or raise SignatureError.

    Rejects a wrong signature and a timestamp more than ``tolerance`` seconds away from ``now``
    (replays of old deliveries). Several ``v1=`` values are accepted during a secret rotation.
    """
    stamp, signatures = _parse(header)
    current = time.time() if now is None else now
    if abs(current - stamp) > tolerance:
        raise SignatureError(f"timestamp outside the {tolerance}s window")
    expected = sign(secret, body, stamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise SignatureError("signature does not match")
    return stamp
