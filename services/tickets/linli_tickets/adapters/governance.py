"""The district's effective tickets/care configuration, from the local copy (cached per process).

The API process reads the copy the worker keeps; a short TTL bounds staleness while keeping one
database read off every request (see linli_governance.cache). No copy yet: the schema's defaults.
"""

from __future__ import annotations

from linli_governance.cache import GovernanceCache, StoredCopy
from linli_platform.mongo import on_connect

from linli_tickets.adapters.documents import GovernanceCopy


def _stored(tenant: str) -> StoredCopy | None:
    copy = GovernanceCopy.scoped(tenant).only("version", "document_json", "compound_communities").first()
    if copy is None:
        return None
    return StoredCopy(copy.version, copy.document_json, dict(copy.compound_communities or {}))


CACHE = GovernanceCache(_stored)
on_connect(CACHE.clear)


def tickets_config(tenant: str, compound_id: str = ""):
    return CACHE.sections(tenant, compound_id).tickets


def care_priorities(tenant: str, compound_id: str = "") -> dict[str, int]:
    return dict(CACHE.sections(tenant, compound_id).care.priority)


def category_config(tenant: str, compound_id: str, category: str):
    """The category's config, or None when the district has no such category."""
    return tickets_config(tenant, compound_id).categories.get(category)
