"""The district's notifications rules from the local copy of its governance configuration."""

from __future__ import annotations

import json
from dataclasses import dataclass

from linli_governance import parse_document
from linli_governance.cache import GovernanceCache, StoredCopy
from linli_governance.notifications import NotificationsConfig
from linli_platform.mongo import on_connect, upsert_newer

from linli_notifications.adapters.documents import ConfigCopyDoc

DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class DistrictRules:
    notifications: NotificationsConfig
    timezone: str
    version: int


def _stored(tenant_id: str) -> StoredCopy | None:
    copy = ConfigCopyDoc.scoped(tenant_id).first()
    if copy is None:
        return None
    return StoredCopy(copy.version, copy.document_json, dict(copy.compound_communities or {}))


CACHE = GovernanceCache(_stored)
on_connect(CACHE.clear)


def rules_for(tenant_id: str, compound_id: str = "") -> DistrictRules:
    """Effective rules at the compound (一区一策 overrides merged); shipped defaults when none."""
    loaded = CACHE.load(tenant_id)
    if loaded.version == 0:
        return DistrictRules(NotificationsConfig(), DEFAULT_TIMEZONE, 0)
    sections = CACHE.sections(tenant_id, compound_id)
    return DistrictRules(sections.notifications, loaded.config.district.timezone, loaded.version)


def store_config(
    tenant_id: str, version: int, document_json: str, compound_communities: dict[str, str]
) -> bool:
    """Keep the newest version only; an older event arriving late is ignored."""
    parse_document(json.loads(document_json))  # a document we cannot read must not replace a good one
    stored = upsert_newer(
        ConfigCopyDoc._get_collection(),
        {"tenant_id": tenant_id},
        version,
        {"document_json": document_json, "compound_communities": dict(compound_communities)},
    )
    CACHE.clear(tenant_id)  # this process reads its own write at once; others within the TTL
    return stored
