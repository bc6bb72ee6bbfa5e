"""The district's effective tickets/care configuration, from the local copy (cached per process).

The API process reads the copy the worker keeps; a short TTL bounds staleness while keeping one
database read off every request (see linli_governance.cache). No copy yet: the schema's defaults.
"""

from __future__ import annotations

from linli_governance.cache import GovernanceCache, StoredCopy
from linli_platform.mongo import on_connect, upsert_newer
from linli_platform.mongo_repository import MongoScoped

from linli_tickets.adapters.documents import GovernanceCopy


class GovernanceReads:
    """The sections a use case reads, through a cache of the district's copy."""

    cache: GovernanceCache
    tenant: str

    def tickets(self, compound_id: str = ""):
        return self.cache.sections(self.tenant, compound_id).tickets

    def care_priorities(self, compound_id: str = "") -> dict[str, int]:
        return dict(self.cache.sections(self.tenant, compound_id).care.priority)

    def timezone(self) -> str:
        return self.cache.timezone(self.tenant)

    def community_of(self, compound_id: str) -> str:
        return self.cache.community_of(self.tenant, compound_id)


def _stored(tenant: str) -> StoredCopy | None:
    return MongoGovernance(tenant).stored()


CACHE = GovernanceCache(_stored)
on_connect(CACHE.clear)


class MongoGovernance(GovernanceReads, MongoScoped):
    document = GovernanceCopy
    cache = CACHE

    def stored(self) -> StoredCopy | None:
        copy = self._find_one({}, {"version": 1, "document_json": 1, "compound_communities": 1})
        if copy is None:
            return None
        return StoredCopy(
            copy["version"], copy["document_json"], dict(copy.get("compound_communities") or {})
        )

    def keep(self, version: int, document_json: str, compound_communities: dict[str, str]) -> None:
        fields = {"document_json": document_json, "compound_communities": compound_communities}
        upsert_newer(self._collection(), self._scope(), version, fields)
        self.cache.clear(self.tenant)
