"""The district's rules as they stood at a moment: the governance version in force then, parsed once
per process and version, merged for the compound (一区一策). No copy yet: the schema's defaults."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import datetime

from linli_governance import GovernanceConfig, Scope, effective_config, parse_document
from linli_governance.cache import DEFAULT_CONFIG
from linli_governance.points import PointsConfig

from linli_points.service_layer.unit_of_work import PointsUnitOfWork

_LOCK = threading.Lock()
_PARSED: dict[tuple[str, int, int], tuple[GovernanceConfig, dict[str, str]]] = {}
_SECTIONS: dict[tuple[str, int, int, str], PointsConfig] = {}
_LIMIT = 256


@dataclass(frozen=True)
class Rules:
    version: int  # 0: no configuration held yet (the defaults)
    points: PointsConfig
    timezone: str
    community_of: dict[str, str]

    def community(self, compound_id: str) -> str:
        return self.community_of.get(compound_id, "")


def rules_at(uow: PointsUnitOfWork, at: datetime, compound_id: str = "") -> Rules:
    copy = uow.governance.in_force(at)
    if copy is None:
        return Rules(0, DEFAULT_CONFIG.points, DEFAULT_CONFIG.district.timezone, {})
    # keyed by the document too: a version is immutable in a database, but tests reuse numbers
    key = (uow.tenant, copy.version, hash(copy.document_json))
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = (parse_document(json.loads(copy.document_json)), dict(copy.compound_communities))
        with _LOCK:
            if len(_PARSED) > _LIMIT:
                _PARSED.clear()
                _SECTIONS.clear()
            _PARSED[key] = parsed
    config, communities = parsed
    section_key = (*key, compound_id)
    points = _SECTIONS.get(section_key)
    if points is None:
        community = communities.get(compound_id, "")
        overridden = compound_id in config.overrides.compounds or community in config.overrides.communities
        if overridden:
            points = effective_config(config, Scope(compound=compound_id), community).points
        else:
            points = config.points
        with _LOCK:
            _SECTIONS[section_key] = points
    return Rules(copy.version, points, config.district.timezone, communities)
