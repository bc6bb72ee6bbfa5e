"""The district's notifications rules from the local copy of its governance configuration."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from linli_governance import GovernanceConfig, Scope, effective_config, parse_document
from linli_governance.notifications import NotificationsConfig
from pymongo.errors import DuplicateKeyError

from linli_notifications.adapters.documents import ConfigCopyDoc

DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class DistrictRules:
    notifications: NotificationsConfig
    timezone: str
    version: int


@lru_cache(maxsize=256)
def _parsed(tenant_id: str, version: int, document_json: str) -> GovernanceConfig:
    return parse_document(json.loads(document_json))


def rules_for(tenant_id: str, compound_id: str = "") -> DistrictRules:
    """Effective rules at the compound (一区一策 overrides merged); shipped defaults when none."""
    copy = ConfigCopyDoc.scoped(tenant_id).first()
    if copy is None:
        return DistrictRules(NotificationsConfig(), DEFAULT_TIMEZONE, 0)
    config = _parsed(tenant_id, copy.version, copy.document_json)
    sections = effective_config(
        config,
        Scope(compound=compound_id),
        compound_community=(copy.compound_communities or {}).get(compound_id, ""),
    )
    return DistrictRules(sections.notifications, config.district.timezone, copy.version)


def store_config(
    tenant_id: str, version: int, document_json: str, compound_communities: dict[str, str]
) -> bool:
    """Keep the newest version only; an older event arriving late is ignored."""
    parse_document(json.loads(document_json))  # a document we cannot read must not replace a good one
    collection = ConfigCopyDoc._get_collection()
    try:
        result = collection.update_one(
            {"tenant_id": tenant_id, "version": {"$lt": version}},
            {
                "$set": {
                    "version": version,
                    "document_json": document_json,
                    "compound_communities": dict(compound_communities),
                }
            },
            upsert=True,
        )
    except DuplicateKeyError:
        return False
    return result.modified_count > 0 or result.upserted_id is not None
