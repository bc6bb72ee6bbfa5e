"""Keep the local rosters and the config copy from communities' events (the hot path never calls them)."""

from __future__ import annotations

from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import events_pb2 as communities

from linli_notifications.adapters.roster import (
    BuildingDoc,
    CompoundDoc,
    HouseholdDoc,
    MongoRoster,
    TeamDoc,
    upsert,
)
from linli_notifications.service_layer.config import store_config


def roster(tenant_id: str) -> MongoRoster:
    return MongoRoster(tenant_id)


def apply(envelope: EventEnvelope, event) -> None:
    tenant, version = envelope.tenant_id, envelope.aggregate_version
    match event:
        case communities.CompoundUpserted():
            upsert(
                CompoundDoc,
                tenant,
                {"compound_id": event.compound_id},
                version,
                community_id=event.community_id,
                name=event.name,
                archived=event.archived,
            )
            HouseholdDoc.scoped(tenant).filter(compound_id=event.compound_id).update(
                set__community_id=event.community_id
            )
        case communities.BuildingUpserted():
            upsert(
                BuildingDoc,
                tenant,
                {"compound_id": event.compound_id, "building_id": event.building_id},
                version,
                name=event.name,
                leader_subject=event.leader_subject,
                archived=event.archived,
            )
        case communities.HouseholdUpserted():
            upsert(
                HouseholdDoc,
                tenant,
                {"compound_id": event.compound_id, "household_id": event.household_id},
                version,
                building_id=event.building_id,
                community_id=MongoRoster(tenant).community_of(event.compound_id),
                residents=list(event.resident_subjects),
                owners=list(event.owner_subjects),
                care_tags=list(event.care_tags),
                archived=event.archived,
            )
        case communities.TeamUpserted():
            upsert(
                TeamDoc,
                tenant,
                {"team_id": event.team_id},
                version,
                members=list(event.member_subjects),
                archived=event.archived,
            )
        case communities.GovernanceConfigChanged():
            store_config(tenant, event.version, event.document_json, dict(event.compound_communities))
        case _:
            pass
