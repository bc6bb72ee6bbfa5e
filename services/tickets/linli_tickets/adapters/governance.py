"""The district's effective tickets/care configuration, from the local copy (cached per process).

The API process reads the copy the worker keeps; a short TTL bounds staleness while keeping one
database read off every request. No copy yet: the schema's defaults.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

from linli_governance import GovernanceConfig, Scope, effective_config, parse_document
from linli_governance.model import District, Sections

from linli_tickets.adapters.documents import GovernanceCopy

DEFAULT_CONFIG = GovernanceConfig(district=District(name="默认"))
TTL_SECONDS = 2.0


@dataclass(frozen=True)
class _Loaded:
    version: int
    config: GovernanceConfig
    compound_communities: dict[str, str]
    read_at: float


class GovernanceCache:
    def __init__(self, ttl: float = TTL_SECONDS):
        self.ttl = ttl
        self._lock = threading.Lock()
        self._loaded: dict[str, _Loaded] = {}
        self._sections: dict[tuple[str, int, str], Sections] = {}

    def clear(self) -> None:
        with self._lock:
            self._loaded.clear()
            self._sections.clear()

    def _load(self, tenant: str) -> _Loaded:
        now = time.monotonic()
        loaded = self._loaded.get(tenant)
        if loaded is not None and now - loaded.read_at < self.ttl:
            return loaded
        copy = GovernanceCopy.scoped(tenant).only("version", "document_json", "compound_communities").first()
        if copy is None:
            loaded = _Loaded(0, DEFAULT_CONFIG, {}, now)
        elif loaded is not None and loaded.version == copy.version:
            loaded = _Loaded(loaded.version, loaded.config, loaded.compound_communities, now)
        else:
            config = parse_document(json.loads(copy.document_json))
            loaded = _Loaded(copy.version, config, dict(copy.compound_communities or {}), now)
        with self._lock:
            self._loaded[tenant] = loaded
        return loaded

    def sections(self, tenant: str, compound_id: str = "") -> Sections:
        loaded = self._load(tenant)
        key = (tenant, loaded.version, compound_id)
        found = self._sections.get(key)
        if found is None:
            community = loaded.compound_communities.get(compound_id, "")
            found = effective_config(loaded.config, Scope(compound=compound_id), compound_community=community)
            with self._lock:
                self._sections[key] = found
        return found

    def timezone(self, tenant: str) -> str:
        return self._load(tenant).config.district.timezone

    def community_of(self, tenant: str, compound_id: str) -> str:
        return self._load(tenant).compound_communities.get(compound_id, "")


CACHE = GovernanceCache()


def tickets_config(tenant: str, compound_id: str = ""):
    return CACHE.sections(tenant, compound_id).tickets


def care_priorities(tenant: str, compound_id: str = "") -> dict[str, int]:
    return dict(CACHE.sections(tenant, compound_id).care.priority)


def category_config(tenant: str, compound_id: str, category: str):
    """The category's config, or None when the district has no such category."""
    return tickets_config(tenant, compound_id).categories.get(category)
