"""A per-process cache of a district's configuration, read from a service's local copy.

Services keep a copy of each district's governance document (from GovernanceConfigChanged) and
read it on almost every request or event. The cache reads the copy at most once per `ttl` per
district, parses a document only when its version changed, and keeps each compound's effective
sections (一区一策 overrides merged) per version. No copy yet: the schema's defaults.

The loader is the service's own read of its copy, so this module stays free of I/O.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from linli_governance.document import Scope, effective_config, parse_document
from linli_governance.model import District, GovernanceConfig, Sections

DEFAULT_CONFIG = GovernanceConfig(district=District(name="默认"))
TTL_SECONDS = 2.0


@dataclass(frozen=True)
class StoredCopy:
    """What a service keeps of a district's configuration."""

    version: int
    document_json: str
    compound_communities: dict[str, str]


Loader = Callable[[str], StoredCopy | None]


@dataclass(frozen=True)
class Loaded:
    version: int
    config: GovernanceConfig
    compound_communities: dict[str, str]
    read_at: float


class GovernanceCache:
    def __init__(self, loader: Loader, ttl: float = TTL_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.loader = loader
        self.ttl = ttl
        self.clock = clock
        self._lock = threading.Lock()
        self._loaded: dict[str, Loaded] = {}
        self._sections: dict[tuple[str, int, str], Sections] = {}

    def clear(self, tenant: str | None = None) -> None:
        """Forget one district (after this process stored a new copy), or all."""
        with self._lock:
            if tenant is None:
                self._loaded.clear()
                self._sections.clear()
            else:
                self._loaded.pop(tenant, None)

    def load(self, tenant: str) -> Loaded:
        now = self.clock()
        loaded = self._loaded.get(tenant)
        if loaded is not None and now - loaded.read_at < self.ttl:
            return loaded
        copy = self.loader(tenant)
        if copy is None:
            loaded = Loaded(0, DEFAULT_CONFIG, {}, now)
        elif loaded is not None and loaded.version == copy.version:
            loaded = Loaded(loaded.version, loaded.config, loaded.compound_communities, now)
        else:
            config = parse_document(json.loads(copy.document_json))
            loaded = Loaded(copy.version, config, dict(copy.compound_communities or {}), now)
        with self._lock:
            self._loaded[tenant] = loaded
            for key in [k for k in self._sections if k[0] == tenant and k[1] != loaded.version]:
                del self._sections[key]  # an older version's merged sections
        return loaded

    def sections(self, tenant: str, compound_id: str = "") -> Sections:
        loaded = self.load(tenant)
        key = (tenant, loaded.version, compound_id)
        found = self._sections.get(key)
        if found is None:
            community = loaded.compound_communities.get(compound_id, "")
            found = effective_config(loaded.config, Scope(compound=compound_id), compound_community=community)
            with self._lock:
                self._sections[key] = found
        return found

    def version(self, tenant: str) -> int:
        return self.load(tenant).version

    def timezone(self, tenant: str) -> str:
        return self.load(tenant).config.district.timezone

    def community_of(self, tenant: str, compound_id: str) -> str:
        return self.load(tenant).compound_communities.get(compound_id, "")
