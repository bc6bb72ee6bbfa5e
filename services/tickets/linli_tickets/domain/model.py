"""Tickets: identity and the first state of the loop."""

from __future__ import annotations

import uuid

REPORTED = "reported"
_NAMESPACE = uuid.UUID("6f1c1d2e-4b7a-4c59-9d0e-2a7b3c4d5e6f")


def ticket_id_for(tenant_id: str, subject: str, request_id: str) -> str:
    """A ticket's id follows from who asked and their idempotency key, so a retry finds the same ticket."""
    return "t" + uuid.uuid5(_NAMESPACE, f"{tenant_id}\x1f{subject}\x1f{request_id}").hex[:23]
