"""The district's notifications rules from the local copy of its governance configuration."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from linli_governance import parse_document
from linli_governance.cache import StoredCopy
from linli_governance.notifications import NotificationsConfig
from linli_governance.tickets import DEFAULT_CATEGORIES

from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork

DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class DistrictRules:
    notifications: NotificationsConfig
    timezone: str
    version: int
    category_names: dict[str, str] = field(default_factory=dict)  # ticket category key → 显示名称


def rules_for(uow: NotificationsUnitOfWork, compound_id: str = "") -> DistrictRules:
    """Effective rules at the compound (一区一策 overrides merged); shipped defaults when none."""
    cache = uow.reads.config
    loaded = cache.load(uow.tenant)
    if loaded.version == 0:
        return DistrictRules(NotificationsConfig(), DEFAULT_TIMEZONE, 0, _names(DEFAULT_CATEGORIES))
    sections = cache.sections(uow.tenant, compound_id)
    return DistrictRules(
        sections.notifications,
        loaded.config.district.timezone,
        loaded.version,
        _names(sections.tickets.categories),
    )


def _names(categories: dict) -> dict[str, str]:
    return {key: category.name for key, category in categories.items()}


def store_config(
    uow: NotificationsUnitOfWork, version: int, document_json: str, compound_communities: dict[str, str]
) -> bool:
    """Keep the newest version only; an older event arriving late is ignored."""
    parse_document(json.loads(document_json))  # a document we cannot read must not replace a good one
    stored = uow.config.keep_newer(StoredCopy(version, document_json, dict(compound_communities)))
    uow.reads.config.clear(uow.tenant)  # this process reads its own write at once; others within the TTL
    return stored
