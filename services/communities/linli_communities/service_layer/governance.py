"""Use cases of the governance configuration: validate, apply, read, effective config, history.

A document with any problem is rejected whole and nothing is written; the version in force stays.
Applying a document identical to the one in force makes no new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from linli.communities.v1 import events_pb2
from linli_governance import (
    ConfigError,
    GovernanceConfig,
    Scope,
    diff_documents,
    effective_config,
    parse_yaml,
)
from linli_governance.document import to_json
from linli_governance.model import Sections
from linli_platform.auth import Principal
from linli_platform.errors import Aborted, InvalidField, NotFound
from linli_platform.events import new_event
from mongoengine.errors import NotUniqueError

from linli_communities.adapters.governance_documents import ConfigVersionDoc
from linli_communities.adapters.hierarchy_reader import Place, place_of

SOURCE = "communities"


@dataclass(frozen=True)
class Validation:
    config: GovernanceConfig | None
    problems: list[tuple[str, str]]
    diff: str
    current_version: int


def current(tenant_id: str) -> ConfigVersionDoc | None:
    return ConfigVersionDoc.scoped(tenant_id).order_by("-version").first()


def _stored_config(doc: ConfigVersionDoc | None) -> GovernanceConfig | None:
    return GovernanceConfig.model_validate(doc.document) if doc is not None else None


def _check(tenant_id: str, text: str, place: Place) -> GovernanceConfig:
    return parse_yaml(text, known_communities=place.communities, known_compounds=place.compound_communities)


def validate(tenant_id: str, text: str) -> Validation:
    head = current(tenant_id)
    try:
        config = _check(tenant_id, text, place_of(tenant_id))
    except ConfigError as err:
        return Validation(None, err.problems, "", head.version if head else 0)
    old = _stored_config(head)
    diff = "" if old == config else diff_documents(old, config)
    return Validation(config, [], diff, head.version if head else 0)


def _field(path: str) -> str:
    return "document" if path == "(document)" or path.startswith("line ") else f"document.{path}"


def apply(
    principal: Principal, text: str, expected_version: int = 0, comment: str = ""
) -> tuple[ConfigVersionDoc, bool]:
    """Make `text` the district's new version; returns (the version in force, whether it changed)."""
    tenant_id = principal.tenant
    place = place_of(tenant_id)
    try:
        config = _check(tenant_id, text, place)
    except ConfigError as err:
        raise InvalidField(
            [(_field(p), f"{p}: {m}" if _field(p) == "document" else m) for p, m in err.problems]
        ) from err
    head = current(tenant_id)
    version = head.version if head else 0
    if expected_version and expected_version != version:
        raise Aborted(f"the configuration is at version {version}, not {expected_version}; reload and retry")
    old = _stored_config(head)
    if old == config:
        return head, False
    doc = ConfigVersionDoc(
        tenant_id=tenant_id,
        version=version + 1,
        current=True,
        document=config.model_dump(mode="json"),
        source_yaml=text,
        changed_by=principal.subject,
        changed_by_role=principal.role,
        changed_at=datetime.now(UTC),
        diff=diff_documents(old, config),
        comment=comment,
    )
    doc.record(
        new_event(
            events_pb2.GovernanceConfigChanged(
                tenant_id=tenant_id,
                version=doc.version,
                document_json=to_json(config),
                changed_by=principal.subject,
                compound_communities=place.compound_communities,
            ),
            source=SOURCE,
            aggregate="config",
            tenant_id=tenant_id,
            aggregate_id=tenant_id,
            aggregate_version=doc.version,
        )
    )
    try:
        doc.save(force_insert=True)
    except NotUniqueError as exc:
        raise Aborted("another change to the configuration was applied first; reload and retry") from exc
    ConfigVersionDoc.scoped(tenant_id).filter(version__lt=doc.version, current=True).update(
        set__current=False
    )
    return doc, True


def get(tenant_id: str, version: int = 0) -> ConfigVersionDoc:
    doc = (
        current(tenant_id)
        if not version
        else ConfigVersionDoc.scoped(tenant_id).filter(version=version).first()
    )
    if doc is None:
        raise NotFound(
            f"configuration version {version}" if version else "this district has no configuration yet"
        )
    return doc


def effective(tenant_id: str, community: str = "", compound: str = "") -> tuple[int, Sections, str]:
    """(version, merged sections, community used). Without a stored version: the schema's defaults."""
    place = place_of(tenant_id)
    if compound and compound not in place.compound_communities:
        raise NotFound(f"compound {compound} not found")
    if community and community not in place.communities:
        raise NotFound(f"community {community} not found")
    if compound and community and place.community_of(compound) not in ("", community):
        raise InvalidField("community", f"compound {compound} is not in community {community}")
    community = community or place.community_of(compound)
    head = current(tenant_id)
    config = _stored_config(head)
    if config is None:
        return 0, Sections(), community
    return head.version, effective_config(config, Scope(community=community, compound=compound)), community


def history(tenant_id: str, offset: int, limit: int) -> tuple[list[ConfigVersionDoc], int]:
    query = (
        ConfigVersionDoc.scoped(tenant_id).exclude("source_yaml", "document", "outbox").order_by("-version")
    )
    return list(query.skip(offset).limit(limit)), query.count()
