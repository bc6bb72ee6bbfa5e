"""gRPC servicer of the tickets service: proto → use case → proto, nothing else."""

from __future__ import annotations

from datetime import UTC

from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.auth import PEOPLE_ROLES, STAFF_ROLES
from linli_platform.config_version import with_config_version
from linli_platform.context import current_principal
from linli_platform.errors import InvalidField
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import MONGO_STORE, IdempotencyStore, fingerprint, fingerprinted, idempotent
from linli_platform.paging import page_response, page_window

from linli_tickets.adapters.governance import CACHE as GOVERNANCE
from linli_tickets.adapters.unit_of_work import mongo_unit_of_work
from linli_tickets.entrypoints.mapping import (
    board_pb,
    kind_name,
    menu_item_pb,
    price_name,
    status_name,
    ticket_pb,
)
from linli_tickets.service_layer import actions, board, dispatching, menu, reporting
from linli_tickets.service_layer.unit_of_work import UnitOfWorkFactory

REPORTERS = STAFF_ROLES | PEOPLE_ROLES


def _time(message, field: str):
    return getattr(message, field).ToDatetime(tzinfo=UTC) if message.HasField(field) else None


class TicketsServicer(pb_grpc.TicketsServiceServicer):
    """`uows`: the unit of work of a district (MongoDB unless a test passes the fakes')."""

    def __init__(
        self, uows: UnitOfWorkFactory = mongo_unit_of_work, idempotency: IdempotencyStore = MONGO_STORE
    ):
        self.uows, self.idempotency = uows, idempotency

    @roles(*REPORTERS)
    @fingerprinted
    def CreateTicket(self, request, context):
        location = (request.location.lat, request.location.lon) if request.HasField("location") else None
        cmd = reporting.ReportTicket(
            request_id=request.request_id,
            compound_id=request.compound_id,
            description=request.description,
            category=request.category,
            building_id=request.building_id,
            household_id=request.household_id,
            photo_urls=list(request.photo_urls),
            location=location,
            on_behalf_of=request.on_behalf_of,
            menu_item_id=request.menu_item_id,
            channel=request.channel,
        )
        return ticket_pb(
            reporting.create_ticket(self.uows, current_principal(), cmd, offered=fingerprint(request))
        )

    def GetTicket(self, request, context):
        return ticket_pb(reporting.get_ticket(self.uows, current_principal(), request.ticket_id))

    def ListTickets(self, request, context):
        offset, limit = page_window(request.page)
        if pb.TICKET_STATUS_UNSPECIFIED in request.statuses:
            raise InvalidField("statuses", "must name statuses (TICKET_STATUS_UNSPECIFIED is not one)")
        flt = reporting.TicketFilter(
            statuses=[status_name(s) for s in request.statuses],
            compound_id=request.compound_id,
            provider_id=request.provider_id,
            category=request.category,
            reporter=request.reporter,
            created_after=_time(request, "created_after"),
            created_before=_time(request, "created_before"),
        )
        docs, total = reporting.list_tickets(
            self.uows, current_principal(), flt, offset, limit, request.with_timeline, request.skip_total
        )
        return pb.ListTicketsResponse(
            tickets=[ticket_pb(d, request.with_timeline) for d in docs],
            page=page_response(offset, limit, len(docs), total),
        )

    @roles(*STAFF_ROLES)
    @idempotent(pb.Ticket)
    def LinkDuplicate(self, request, context):
        return ticket_pb(
            reporting.link_duplicate(self.uows, current_principal(), request.ticket_id, request.duplicate_of)
        )

    @idempotent(pb.Ticket)
    def DispatchTicket(self, request, context):
        return ticket_pb(
            dispatching.dispatch_ticket(
                self.uows,
                current_principal(),
                request.ticket_id,
                kind_name(request.provider_kind),
                request.provider_id,
                request.note,
            )
        )

    @idempotent(pb.Ticket)
    def GrabTicket(self, request, context):
        return ticket_pb(
            dispatching.grab_ticket(self.uows, current_principal(), request.ticket_id, request.note)
        )

    @idempotent(pb.Ticket)
    def AcceptTicket(self, request, context):
        return ticket_pb(
            actions.accept_ticket(self.uows, current_principal(), request.ticket_id, request.note)
        )

    @idempotent(pb.Ticket)
    def RejectTicket(self, request, context):
        return ticket_pb(
            actions.reject_ticket(self.uows, current_principal(), request.ticket_id, request.note)
        )

    @idempotent(pb.Ticket)
    def StartWork(self, request, context):
        return ticket_pb(actions.start_work(self.uows, current_principal(), request.ticket_id, request.note))

    @idempotent(pb.Ticket)
    def CompleteTicket(self, request, context):
        return ticket_pb(
            actions.complete_ticket(
                self.uows, current_principal(), request.ticket_id, request.note, list(request.photo_urls)
            )
        )

    @idempotent(pb.Ticket)
    def VerifyTicket(self, request, context):
        return ticket_pb(
            actions.verify_ticket(
                self.uows, current_principal(), request.ticket_id, request.approved, request.note
            )
        )

    @idempotent(pb.Ticket)
    def ConfirmTicket(self, request, context):
        return ticket_pb(
            actions.confirm_ticket(
                self.uows, current_principal(), request.ticket_id, request.rating, request.comment
            )
        )

    @idempotent(pb.Ticket)
    def ReopenTicket(self, request, context):
        return ticket_pb(
            actions.reopen_ticket(self.uows, current_principal(), request.ticket_id, request.note)
        )

    @idempotent(pb.Ticket)
    def CancelTicket(self, request, context):
        return ticket_pb(
            actions.cancel_ticket(self.uows, current_principal(), request.ticket_id, request.note)
        )

    @idempotent(pb.Ticket)
    def CloseTicket(self, request, context):
        return ticket_pb(
            actions.close_ticket(self.uows, current_principal(), request.ticket_id, request.note)
        )

    @idempotent(pb.Ticket)
    def RecordFollowUp(self, request, context):
        return ticket_pb(
            actions.record_follow_up(
                self.uows, current_principal(), request.ticket_id, request.satisfied, request.note
            )
        )

    @idempotent(pb.Ticket)
    def UrgeTicket(self, request, context):
        return ticket_pb(actions.urge_ticket(self.uows, current_principal(), request.ticket_id, request.note))

    @roles(*STAFF_ROLES)
    @idempotent(pb.MenuItem)
    def UpsertMenuItem(self, request, context):
        item = menu.MenuItem(
            compound_id=request.compound_id,
            item_id=request.item_id,
            name=request.name,
            category=request.category,
            price_model=price_name(request.price_model),
            description=request.description,
            price_fen=request.price_fen,
            provider_kind=kind_name(request.provider_kind),
            complete_within_hours=request.complete_within_hours,
            active=request.active,
        )
        return menu_item_pb(menu.upsert_menu_item(self.uows, current_principal(), item))

    def ListMenu(self, request, context):
        offset, limit = page_window(request.page)
        items, total = menu.list_menu(
            self.uows, current_principal(), request.compound_id, request.include_inactive, offset, limit
        )
        return pb.ListMenuResponse(
            items=[menu_item_pb(i) for i in items], page=page_response(offset, limit, len(items), total)
        )

    def GetBoard(self, request, context):
        figures = board.get_board(
            self.uows,
            current_principal(),
            request.compound_id,
            _time(request, "since"),
            _time(request, "until"),
        )
        return board_pb(figures)


def specs(_settings, servicer: TicketsServicer | None = None) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            servicer or TicketsServicer(),
            pb_grpc.add_TicketsServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["TicketsService"].full_name,
        )
    ]


if __name__ == "__main__":
    run_api("tickets", with_config_version(specs, GOVERNANCE))
