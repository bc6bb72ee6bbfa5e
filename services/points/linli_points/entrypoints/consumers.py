"""What the points worker does with events: event → use case, by event type (no eventlet here, so
unit tests drive the same handlers on the fakes)."""

from __future__ import annotations

from datetime import UTC

from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import events_pb2 as ce
from linli.points.v1 import events_pb2 as pe
from linli.tickets.v1 import events_pb2 as te
from linli_platform.events import EventHandlers

from linli_points.domain.earn_rules import RatedTicket
from linli_points.service_layer import earning, local_copies
from linli_points.service_layer.unit_of_work import Place, Rating, UnitOfWorkFactory

TICKETS, ACTIVITIES = "tickets.ticket.v1", "points.activity.v1"
COMMUNITIES = (
    "communities.config.v1",
    "communities.community.v1",
    "communities.compound.v1",
    "communities.building.v1",
    "communities.organisation.v1",
)


def _at(envelope: EventEnvelope):
    return envelope.occurred_at.ToDatetime(tzinfo=UTC)


def _cause(topic: str, envelope: EventEnvelope) -> str:
    return f"{topic}/{envelope.event_id}"


def handlers(unit_of_work: UnitOfWorkFactory) -> EventHandlers:
    def config_changed(event: ce.GovernanceConfigChanged, envelope: EventEnvelope) -> None:
        local_copies.keep_config(
            unit_of_work(envelope.tenant_id),
            event.version,
            event.document_json,
            dict(event.compound_communities),
            _at(envelope),
        )

    def community(event: ce.CommunityUpserted, envelope: EventEnvelope) -> None:
        place = Place(event.community_id, event.name, event.street)
        local_copies.keep_place(
            unit_of_work(envelope.tenant_id), "community", place, envelope.aggregate_version
        )

    def compound(event: ce.CompoundUpserted, envelope: EventEnvelope) -> None:
        place = Place(event.compound_id, event.name, event.community_id or event.community)
        local_copies.keep_place(
            unit_of_work(envelope.tenant_id), "compound", place, envelope.aggregate_version
        )

    def building(event: ce.BuildingUpserted, envelope: EventEnvelope) -> None:
        place = Place(
            f"{event.compound_id}/{event.building_id}", event.name, event.compound_id, event.leader_subject
        )
        local_copies.keep_place(
            unit_of_work(envelope.tenant_id), "building", place, envelope.aggregate_version
        )

    def team(event: ce.TeamUpserted, envelope: EventEnvelope) -> None:
        place = Place(event.team_id, event.name, event.community_id)
        local_copies.keep_place(unit_of_work(envelope.tenant_id), "team", place, envelope.aggregate_version)

    def ticket_rated(event: te.TicketRated, envelope: EventEnvelope) -> None:
        ref = event.ticket
        uow = unit_of_work(envelope.tenant_id)
        at = _at(envelope)
        if ref.provider_kind == "volunteer_team" and ref.done_by:
            local_copies.keep_rating(
                uow, Rating(ref.ticket_id, ref.done_by, event.rating, at), envelope.aggregate_version
            )
        ticket = RatedTicket(
            ticket_id=ref.ticket_id,
            compound_id=ref.compound_id,
            category=ref.category,
            reporter=ref.reporter,
            done_by=ref.done_by,
            provider_kind=ref.provider_kind,
            rating=event.rating,
            building_id=ref.building_id,
        )
        earning.credit_rated_ticket(uow, ticket, _cause(TICKETS, envelope), at)

    def activity_confirmed(event: pe.ActivityConfirmed, envelope: EventEnvelope) -> None:
        earning.credit_activity(
            unit_of_work(envelope.tenant_id),
            event.activity_id,
            event.subject,
            event.kind,
            event.minutes,
            event.compound_id,
            event.corrects,
            _cause(ACTIVITIES, envelope),
            # the hours were served then: their day, month and rules are those of the entry's end
            event.ended_at.ToDatetime(tzinfo=UTC) if event.HasField("ended_at") else _at(envelope),
            event.subject_name,
        )

    return EventHandlers(
        {
            ce.GovernanceConfigChanged: config_changed,
            ce.CommunityUpserted: community,
            ce.CompoundUpserted: compound,
            ce.BuildingUpserted: building,
            ce.TeamUpserted: team,
            te.TicketRated: ticket_rated,
            pe.ActivityConfirmed: activity_confirmed,
        }
    )
