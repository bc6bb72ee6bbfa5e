"""Local copies kept from communities' events (idempotent: a replay or an older event changes nothing).

An event's aggregate_version orders updates of one record; version 0 (unversioned) always applies.
"""

from __future__ import annotations

import logging

from linli.communities.v1 import events_pb2 as communities_events
from linli_governance import readable
from linli_platform.events import EventHandlers

from linli_tickets.domain.copies import Compound
from linli_tickets.service_layer.unit_of_work import UnitOfWorkFactory

log = logging.getLogger("linli.tickets.copies")


def apply_compound_upserted(
    uows: UnitOfWorkFactory, event: communities_events.CompoundUpserted, version: int
) -> None:
    compound = Compound(event.compound_id, event.name, event.community, event.community_id, event.archived)
    with uows(event.tenant_id) as uow:
        uow.compounds.keep(compound, version)


def apply_building_upserted(
    uows: UnitOfWorkFactory, event: communities_events.BuildingUpserted, version: int
) -> None:
    with uows(event.tenant_id) as uow:
        uow.buildings.keep(
            event.compound_id, event.building_id, version, event.leader_subject, event.archived
        )


def apply_contract_changed(
    uows: UnitOfWorkFactory, event: communities_events.PropertyContractChanged, version: int
) -> None:
    with uows(event.tenant_id) as uow:
        uow.contracts.keep(
            event.org_id,
            event.compound_id,
            version,
            org_name=event.org_name,
            services=list(event.services),
            active=event.active,
            starts_on=event.starts_on,
            ends_on=event.ends_on,
        )


def apply_team_upserted(
    uows: UnitOfWorkFactory, event: communities_events.TeamUpserted, version: int
) -> None:
    with uows(event.tenant_id) as uow:
        uow.teams.keep(
            event.team_id,
            version,
            name=event.name,
            kind=event.kind or "volunteer_team",
            specialties=list(event.specialties),
            members=list(event.member_subjects),
            compound_ids=list(event.compound_ids),
            community_id=event.community_id,
            archived=event.archived,
        )


def apply_household_upserted(
    uows: UnitOfWorkFactory, event: communities_events.HouseholdUpserted, version: int
) -> None:
    with uows(event.tenant_id) as uow:
        uow.households.keep(
            event.compound_id,
            event.household_id,
            version,
            care_tags=[] if event.archived else list(event.care_tags),
            residents=list(event.resident_subjects),
        )


def apply_config_changed(uows: UnitOfWorkFactory, event: communities_events.GovernanceConfigChanged) -> None:
    """Keep the newest valid document; a document this service cannot read keeps the previous one."""
    if not readable(event.document_json, event.tenant_id, event.version, log):
        return
    with uows(event.tenant_id) as uow:
        uow.governance.keep(event.version, event.document_json, dict(event.compound_communities))


def event_handlers(uows: UnitOfWorkFactory) -> EventHandlers:
    """The worker's map of communities' events to the copies they keep."""
    return EventHandlers(
        {
            communities_events.CompoundUpserted: lambda e, env: apply_compound_upserted(
                uows, e, env.aggregate_version
            ),
            communities_events.BuildingUpserted: lambda e, env: apply_building_upserted(
                uows, e, env.aggregate_version
            ),
            communities_events.PropertyContractChanged: lambda e, env: apply_contract_changed(
                uows, e, env.aggregate_version
            ),
            communities_events.TeamUpserted: lambda e, env: apply_team_upserted(
                uows, e, env.aggregate_version
            ),
            communities_events.HouseholdUpserted: lambda e, env: apply_household_upserted(
                uows, e, env.aggregate_version
            ),
            communities_events.GovernanceConfigChanged: lambda e, env: apply_config_changed(uows, e),
        }
    )
