"""Use cases of the governance configuration: validate, apply, read, effective config, history.

A document with any problem is rejected whole and nothing is written; the version in force stays.
Applying a document identical to the one in force makes no new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from linli_governance import (
    ConfigError,
    GovernanceConfig,
    Scope,
    diff_documents,
    effective_config,
    parse_yaml,
)
from linli_governance.deliberation import CooperativeRules
from linli_governance.model import Sections
from linli_platform.auth import Principal
from linli_platform.errors import InvalidField, NotFound
from linli_platform.messages_zh import translate
from linli_platform.persistence import UnitOfWork

from linli_communities.domain.config import DistrictConfig
from linli_communities.domain.model import Place


@dataclass(frozen=True)
class Validation:
    config: GovernanceConfig | None
    problems: list[tuple[str, str]]
    diff: str
    current_version: int


def place(uow: UnitOfWork) -> Place:
    """The district's live communities and compounds (what overrides may name)."""
    return Place.of(uow.compounds.community_map(), uow.communities.live_ids())


def _check(text: str, where: Place) -> GovernanceConfig:
    """The parsed document, or ConfigError with every problem's message in Chinese (path kept)."""
    try:
        return parse_yaml(
            text, known_communities=where.communities, known_compounds=where.compound_communities
        )
    except ConfigError as err:
        raise ConfigError([(path, translate(message)) for path, message in err.problems]) from err


def validate(uow: UnitOfWork, text: str) -> Validation:
    head = uow.configs.head()
    version = head.version if head else 0
    try:
        config = _check(text, place(uow))
    except ConfigError as err:
        return Validation(None, err.problems, "", version)
    old = head.config() if head else None
    diff = "" if old == config else diff_documents(old, config)
    return Validation(config, [], diff, version)


def _field(path: str) -> str:
    return "document" if path == "(document)" or path.startswith("line ") else f"document.{path}"


def apply(
    uow: UnitOfWork, principal: Principal, text: str, expected_version: int = 0, comment: str = ""
) -> tuple[DistrictConfig, bool]:
    """Make `text` the district's new version; returns (the version in force, whether it changed)."""
    where = place(uow)
    try:
        config = _check(text, where)
    except ConfigError as err:
        raise InvalidField(
            [(_field(p), f"{p}: {m}" if _field(p) == "document" else m) for p, m in err.problems]
        ) from err
    with uow:
        head = uow.configs.head()
        if head is None:
            head = DistrictConfig(uow.tenant)
            uow.configs.add(head)
        now = datetime.now(UTC)
        changed = head.apply(
            config, text, principal, comment, where.compound_communities, now, expected_version
        )
        uow.commit()
    return head, changed


def get(uow: UnitOfWork, version: int = 0) -> DistrictConfig:
    found = uow.configs.version(version) if version else uow.configs.head()
    if found is None:
        raise NotFound(
            f"configuration version {version}" if version else "this district has no configuration yet"
        )
    return found


def effective(uow: UnitOfWork, community: str = "", compound: str = "") -> tuple[int, Sections, str]:
    """(version, merged sections, community used). Without a stored version: the schema's defaults."""
    where = place(uow)
    if compound and compound not in where.compound_communities:
        raise NotFound(f"compound {compound} not found")
    if community and community not in where.communities:
        raise NotFound(f"community {community} not found")
    if compound and community and where.community_of(compound) not in ("", community):
        raise InvalidField("community", f"compound {compound} is not in community {community}")
    community = community or where.community_of(compound)
    head = uow.configs.head()
    config = head.config() if head else None
    if config is None:
        return 0, Sections(), community
    return head.version, effective_config(config, Scope(community=community, compound=compound)), community


def cooperative_rules(uow: UnitOfWork) -> CooperativeRules:
    """The `cooperative` section in force; the schema's defaults (seed 002) when a district has none."""
    head = uow.configs.head()
    section = ((head.document if head else None) or {}).get("cooperative")
    return CooperativeRules.model_validate(section) if section else CooperativeRules()


def history(uow: UnitOfWork, offset: int, limit: int) -> tuple[list[DistrictConfig], int]:
    return uow.configs.history(offset, limit)
