"""The fake stores' governance cache reads the copy their fakes keep, fresh on every read."""

from __future__ import annotations

import json
from collections import defaultdict

from linli_governance.testing import WithGovernanceCache


class Store:
    def __init__(self) -> None:
        self.tables: dict = defaultdict(dict)


class GovernedStore(WithGovernanceCache, Store):
    pass


def keep(store: GovernedStore, version: int, name: str, communities: dict[str, str]) -> None:
    store.tables["governance"][("xingshan", "")] = {
        "version": version,
        "document_json": json.dumps({"district": {"name": name, "timezone": "Asia/Urumqi"}}),
        "compound_communities": communities,
    }


def test_no_copy_reads_the_defaults_and_a_kept_copy_is_read_at_once():
    store = GovernedStore()
    assert store.governance.version("xingshan") == 0
    keep(store, 3, "兴善区", {"yuying-1": "yuying"})
    assert store.governance.version("xingshan") == 3
    assert store.governance.timezone("xingshan") == "Asia/Urumqi"
    assert store.governance.community_of("xingshan", "yuying-1") == "yuying"
    assert store.governance.version("other") == 0
    keep(store, 4, "兴善区", {})
    assert store.governance.community_of("xingshan", "yuying-1") == ""
