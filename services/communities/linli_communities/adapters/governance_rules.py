"""The district's governance rules this service applies itself (the `cooperative` section).

The configuration is stored by the governance part of this service; this adapter only reads
the document in force and falls back to the schema's defaults (seed 002) when a district has none.
"""

from __future__ import annotations

from linli_governance.deliberation import CooperativeRules
from mongoengine.connection import get_db

CONFIG_COLLECTIONS = ("governance_configs",)


def cooperative_rules(tenant_id: str) -> CooperativeRules:
    db = get_db()
    for name in CONFIG_COLLECTIONS:
        doc = db[name].find_one(
            {"tenant_id": tenant_id, "current": True}, {"document": 1}, sort=[("version", -1)]
        )
        section = ((doc or {}).get("document") or {}).get("cooperative")
        if section:
            return CooperativeRules.model_validate(section)
    return CooperativeRules()
