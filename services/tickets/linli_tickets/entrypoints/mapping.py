"""Proto ↔ domain: tickets, menu items and the board as API messages."""

from __future__ import annotations

from linli.common.v1.common_pb2 import GeoPoint
from linli.tickets.v1 import tickets_pb2 as pb
from linli_platform.protos import timestamp

from linli_tickets.domain.copies import MenuItem
from linli_tickets.domain.ticket import Ticket
from linli_tickets.service_layer.board import Board
from linli_tickets.service_layer.unit_of_work import TicketView


def status_pb(status: str) -> int:
    return pb.TicketStatus.Value(f"TICKET_STATUS_{status.upper()}") if status else 0


def status_name(value: int) -> str:
    return pb.TicketStatus.Name(value).removeprefix("TICKET_STATUS_").lower()


def kind_pb(kind: str) -> int:
    return pb.ProviderKind.Value(f"PROVIDER_KIND_{kind.upper()}") if kind else 0


def kind_name(value: int) -> str:
    return "" if not value else pb.ProviderKind.Name(value).removeprefix("PROVIDER_KIND_").lower()


def price_name(value: int) -> str:
    return pb.PriceModel.Name(value).removeprefix("PRICE_MODEL_").lower()


def ticket_pb(doc: Ticket | TicketView, with_timeline: bool = True) -> pb.Ticket:
    out = pb.Ticket(
        id=doc.ticket_id,
        tenant_id=doc.tenant_id,
        compound_id=doc.compound_id,
        category=doc.category,
        description=doc.description,
        status=status_pb(doc.status),
        reporter=doc.reporter,
        created_at=timestamp(doc.created_at),
        version=doc.version,
        building_id=doc.building_id,
        household_id=doc.household_id,
        photo_urls=list(doc.photo_urls),
        provider_kind=kind_pb(doc.provider_kind),
        provider_id=doc.provider_id or "",
        priority=doc.priority,
        rating=doc.rating or 0,
        rating_comment=doc.rating_comment or "",
        duplicate_of=doc.duplicate_of or "",
        menu_item_id=doc.menu_item_id or "",
        channel=doc.channel or "",
        urge_count=doc.urge_count or 0,
        updated_at=timestamp(doc.updated_at or doc.created_at),
        completion_photo_urls=list(doc.completion_photo_urls or []),
        recorded_by=doc.recorded_by or "",
    )
    if doc.lat is not None and doc.lon is not None:
        out.location.CopyFrom(GeoPoint(lat=doc.lat, lon=doc.lon))
    if doc.accept_by:
        out.accept_by.CopyFrom(timestamp(doc.accept_by))
    if doc.complete_by:
        out.complete_by.CopyFrom(timestamp(doc.complete_by))
    if with_timeline:
        out.timeline.extend(
            pb.TimelineEntry(
                at=timestamp(e.at),
                action=e.action,
                actor=e.actor,
                actor_role=e.actor_role,
                from_status=status_pb(e.from_status),
                to_status=status_pb(e.to_status),
                note=e.note,
            )
            for e in doc.timeline
        )
    return out


def menu_item_pb(doc: MenuItem) -> pb.MenuItem:
    return pb.MenuItem(
        id=doc.item_id,
        tenant_id=doc.tenant_id,
        compound_id=doc.compound_id,
        name=doc.name,
        description=doc.description,
        category=doc.category,
        price_model=pb.PriceModel.Value(f"PRICE_MODEL_{doc.price_model.upper()}"),
        price_fen=doc.price_fen,
        provider_kind=kind_pb(doc.provider_kind),
        complete_within_hours=doc.complete_within_hours,
        active=doc.active,
    )


def board_pb(board: Board) -> pb.Board:
    return pb.Board(
        compound_id=board.compound_id,
        open=board.open,
        resolved=board.resolved,
        mean_minutes_to_accept=board.mean_minutes_to_accept,
        mean_hours_to_finish=board.mean_hours_to_finish,
        satisfaction=board.satisfaction,
        rated=board.rated,
        satisfied_share=board.satisfied_share,
        periods=[
            pb.BoardPeriod(
                month=p.month,
                reported=p.reported,
                resolved=p.resolved,
                complaints=p.complaints,
                praise=p.praise,
            )
            for p in board.periods
        ],
    )
