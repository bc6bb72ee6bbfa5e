"""Test helpers for services' in-memory fakes (this library stays free of the kit: no import of
linli_platform, so the kit and this library stay independent of each other)."""

from __future__ import annotations

from collections.abc import Mapping

from linli_governance.cache import GovernanceCache, StoredCopy

GOVERNANCE_TABLE = "governance"


class WithGovernanceCache:
    """A service's fake store (a linli_platform.testing.fakes.FakeStore) with its governance cache
    (no TTL: always fresh), read from the district's copy its fakes keep in the table `governance`
    under the key (tenant, "") as a row of version, document_json and compound_communities.

        class FeesStore(WithGovernanceCache, FakeStore): ...
    """

    tables: Mapping[str, Mapping[tuple[str, str], dict]]

    def __init__(self) -> None:
        super().__init__()
        self.governance = GovernanceCache(self._governance_copy, ttl=0)

    def _governance_copy(self, tenant: str) -> StoredCopy | None:
        row = self.tables[GOVERNANCE_TABLE].get((tenant, ""))
        return (
            None
            if row is None
            else StoredCopy(row["version"], row["document_json"], row["compound_communities"])
        )
