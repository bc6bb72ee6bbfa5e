"""Deterministic ids: the same fact always gets the same id, so a redelivered event adds nothing."""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("0d3c9a4e-1f5b-4c2d-8e7f-9a0b1c2d3e4f")


def stable_id(prefix: str, *parts: str) -> str:
    return prefix + uuid.uuid5(_NAMESPACE, "\x1f".join(parts)).hex[:23]
