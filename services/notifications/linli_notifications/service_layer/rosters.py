"""Keep the local rosters and the config copy from communities' events (the hot path never calls them).

A map of event type → keeper: each keeper copies one kind of fact at the event's aggregate version.
"""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf.message import Message
from linli.communities.v1 import events_pb2 as communities

from linli_notifications.service_layer.config import store_config
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def _compound(uow: NotificationsUnitOfWork, event: communities.CompoundUpserted, version: int) -> None:
    uow.roster.keep_compound(
        event.compound_id, version, community_id=event.community_id, name=event.name, archived=event.archived
    )


def _building(uow: NotificationsUnitOfWork, event: communities.BuildingUpserted, version: int) -> None:
    uow.roster.keep_building(
        event.compound_id,
        event.building_id,
        version,
        name=event.name,
        leader_subject=event.leader_subject,
        archived=event.archived,
    )


def _household(uow: NotificationsUnitOfWork, event: communities.HouseholdUpserted, version: int) -> None:
    uow.roster.keep_household(
        event.compound_id,
        event.household_id,
        version,
        building_id=event.building_id,
        residents=list(event.resident_subjects),
        owners=list(event.owner_subjects),
        care_tags=list(event.care_tags),
        archived=event.archived,
    )


def _team(uow: NotificationsUnitOfWork, event: communities.TeamUpserted, version: int) -> None:
    uow.roster.keep_team(event.team_id, version, members=list(event.member_subjects), archived=event.archived)


def _config(uow: NotificationsUnitOfWork, event: communities.GovernanceConfigChanged, version: int) -> None:
    store_config(uow, event.version, event.document_json, dict(event.compound_communities))


Keeper = Callable[[NotificationsUnitOfWork, Message, int], None]
KEEPERS: dict[type[Message], Keeper] = {
    communities.CompoundUpserted: _compound,
    communities.BuildingUpserted: _building,
    communities.HouseholdUpserted: _household,
    communities.TeamUpserted: _team,
    communities.GovernanceConfigChanged: _config,
}


def keep(uow: NotificationsUnitOfWork, event: Message, aggregate_version: int) -> None:
    """Copy the event's fact, if it is one of those kept here."""
    keeper = KEEPERS.get(type(event))
    if keeper is not None:
        keeper(uow, event, aggregate_version)
