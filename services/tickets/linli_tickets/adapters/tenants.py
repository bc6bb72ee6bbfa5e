"""The directory of districts the worker's sweeps visit: the one read across tenants."""

from __future__ import annotations

from linli_tickets.adapters.documents import KnownCompound


def known_tenants() -> list[str]:
    """Districts with compounds (each sweep's queries are then scoped to one of them)."""
    return sorted(KnownCompound._get_collection().distinct("tenant_id"))
