"""Local copies of communities' facts, kept from its events (a replay or an older event changes
nothing: each copy is kept by the event's aggregate_version).

Why copies and not a call to communities at run time: a billing run reads a compound's households
shard by shard from this service's own database (one indexed read per batch, never a call per
household), and runs, reports and resident reads keep working while communities is down.
"""

from __future__ import annotations

import logging

from linli.communities.v1 import events_pb2 as communities_events
from linli_governance import readable
from linli_platform.events import EventHandlers

from linli_fees.domain.charges import Household
from linli_fees.service_layer.unit_of_work import KnownCompound, UnitOfWorkFactory

log = logging.getLogger("linli.fees.copies")


def keep_household(
    uows: UnitOfWorkFactory, event: communities_events.HouseholdUpserted, version: int
) -> None:
    household = Household(
        compound_id=event.compound_id,
        household_id=event.household_id,
        building_id=event.building_id,
        label=event.label,
        area_centi_m2=event.area_centi_m2,
        residents=tuple(event.resident_subjects),
        owners=tuple(event.owner_subjects),
        archived=event.archived,
    )
    with uows(event.tenant_id) as uow:
        uow.households.keep(household, version)


def keep_compound(uows: UnitOfWorkFactory, event: communities_events.CompoundUpserted, version: int) -> None:
    with uows(event.tenant_id) as uow:
        uow.compounds.keep(
            KnownCompound(
                event.compound_id, event.name, event.community_id or event.community, event.archived
            ),
            version,
        )


def keep_config(uows: UnitOfWorkFactory, event: communities_events.GovernanceConfigChanged) -> None:
    """Keep the newest valid document; one this service cannot read keeps the previous one."""
    if not readable(event.document_json, event.tenant_id, event.version, log):
        return
    with uows(event.tenant_id) as uow:
        uow.governance.keep(event.version, event.document_json, dict(event.compound_communities))


def event_handlers(uows: UnitOfWorkFactory) -> EventHandlers:
    return EventHandlers(
        {
            communities_events.HouseholdUpserted: lambda e, env: keep_household(
                uows, e, env.aggregate_version
            ),
            communities_events.CompoundUpserted: lambda e, env: keep_compound(uows, e, env.aggregate_version),
            communities_events.GovernanceConfigChanged: lambda e, env: keep_config(uows, e),
        }
    )
