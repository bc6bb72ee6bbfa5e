"""Every (district, compound) the fees service holds a copy of (the worker's sweeps)."""

from __future__ import annotations

from linli_fees.adapters.documents import KnownCompound


def compounds() -> list[tuple[str, str]]:
    rows = KnownCompound._get_collection().find(
        {"archived": {"$ne": True}}, {"tenant_id": 1, "compound_id": 1}
    )
    return sorted((r["tenant_id"], r["compound_id"]) for r in rows)
