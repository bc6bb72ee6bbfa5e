"""The directory of districts the worker's sweeps visit: the one read across tenants."""

from __future__ import annotations

from linli_points.adapters.documents import GovernanceVersionDoc


def known_tenants() -> list[str]:
    """Districts whose governance configuration this service holds."""
    return sorted(GovernanceVersionDoc._get_collection().distinct("tenant_id"))
