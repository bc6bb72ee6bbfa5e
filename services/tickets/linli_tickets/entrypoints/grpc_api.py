"""gRPC servicer of the tickets service."""

from __future__ import annotations

from google.protobuf.timestamp_pb2 import Timestamp
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec, roles

from linli_tickets.service_layer import handlers

REPORTERS = ("resident", "community_staff", "grid_worker", "district_admin", "volunteer", "council")


def ticket_pb(doc) -> pb.Ticket:
    created = Timestamp()
    created.FromDatetime(doc.created_at)
    return pb.Ticket(id=doc.ticket_id, tenant_id=doc.tenant_id, compound_id=doc.compound_id, category=doc.category,
                     description=doc.description, status=pb.TicketStatus.Value(f"TICKET_STATUS_{doc.status.upper()}"),
                     reporter=doc.reporter, created_at=created, version=doc.version, building_id=doc.building_id,
                     household_id=doc.household_id)


class TicketsServicer(pb_grpc.TicketsServiceServicer):
    @roles(*REPORTERS)
    def CreateTicket(self, request, context):
        doc = handlers.create_ticket(current_principal(), request.request_id, request.compound_id, request.category,
                                     request.description, request.building_id, request.household_id)
        return ticket_pb(doc)

    def GetTicket(self, request, context):
        return ticket_pb(handlers.get_ticket(current_principal(), request.ticket_id))


def specs(_settings) -> list[ServiceSpec]:
    return [ServiceSpec(TicketsServicer(), pb_grpc.add_TicketsServiceServicer_to_server,
                        pb.DESCRIPTOR.services_by_name["TicketsService"].full_name)]


if __name__ == "__main__":
    run_api("tickets", specs)
