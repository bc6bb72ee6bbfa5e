"""Local copies kept from communities' events (idempotent: a replay or an older event changes nothing).

An event's aggregate_version orders updates of one record; version 0 (unversioned) always applies.
"""

from __future__ import annotations

import json
import logging

from linli.communities.v1 import events_pb2 as communities_events
from linli_governance import ConfigError, parse_document
from linli_platform.mongo import upsert_newer

from linli_tickets.adapters import governance, repository
from linli_tickets.adapters.documents import (
    GovernanceCopy,
    KnownBuilding,
    KnownCompound,
    KnownContract,
    KnownHousehold,
    KnownTeam,
)

log = logging.getLogger("linli.tickets.copies")


def _upsert_newer(document: type, tenant: str, key: dict, version: int, fields: dict) -> None:
    upsert_newer(document._get_collection(), {"tenant_id": tenant, **key}, version, fields)


def apply_compound_upserted(event: communities_events.CompoundUpserted, version: int) -> None:
    _upsert_newer(
        KnownCompound,
        event.tenant_id,
        {"compound_id": event.compound_id},
        version,
        {
            "name": event.name,
            "community": event.community,
            "community_id": event.community_id,
            "archived": event.archived,
        },
    )
    repository.forget_compound(event.tenant_id, event.compound_id)


def apply_building_upserted(event: communities_events.BuildingUpserted, version: int) -> None:
    _upsert_newer(
        KnownBuilding,
        event.tenant_id,
        {"compound_id": event.compound_id, "building_id": event.building_id},
        version,
        {"leader_subject": event.leader_subject, "archived": event.archived},
    )


def apply_contract_changed(event: communities_events.PropertyContractChanged, version: int) -> None:
    _upsert_newer(
        KnownContract,
        event.tenant_id,
        {"org_id": event.org_id, "compound_id": event.compound_id},
        version,
        {
            "org_name": event.org_name,
            "services": list(event.services),
            "active": event.active,
            "starts_on": event.starts_on,
            "ends_on": event.ends_on,
        },
    )


def apply_team_upserted(event: communities_events.TeamUpserted, version: int) -> None:
    _upsert_newer(
        KnownTeam,
        event.tenant_id,
        {"team_id": event.team_id},
        version,
        {
            "name": event.name,
            "kind": event.kind or "volunteer_team",
            "specialties": list(event.specialties),
            "members": list(event.member_subjects),
            "compound_ids": list(event.compound_ids),
            "community_id": event.community_id,
            "archived": event.archived,
        },
    )


def apply_household_upserted(event: communities_events.HouseholdUpserted, version: int) -> None:
    _upsert_newer(
        KnownHousehold,
        event.tenant_id,
        {"compound_id": event.compound_id, "household_id": event.household_id},
        version,
        {
            "care_tags": [] if event.archived else list(event.care_tags),
            "residents": list(event.resident_subjects),
        },
    )


def apply_config_changed(event: communities_events.GovernanceConfigChanged) -> None:
    """Keep the newest valid document; a document this service cannot read keeps the previous one."""
    try:
        parse_document(json.loads(event.document_json))
    except (ConfigError, ValueError) as exc:
        log.error(
            "ignoring unreadable governance document",
            extra={
                "fields": {"tenant_id": event.tenant_id, "version": event.version, "error": str(exc)[:500]}
            },
        )
        return
    _upsert_newer(
        GovernanceCopy,
        event.tenant_id,
        {},
        event.version,
        {"document_json": event.document_json, "compound_communities": dict(event.compound_communities)},
    )
    governance.CACHE.clear(event.tenant_id)
