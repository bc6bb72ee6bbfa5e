"""The tickets API over gRPC, as a property firm (or community staff) calls it: list, show, accept, dispatch.

    LINLI_TOKEN=<token> python docs/examples/tickets_client.py list --status dispatched
    LINLI_TOKEN=<token> python docs/examples/tickets_client.py accept <ticket_id> --note "师傅 30 分钟内到"

Every call carries ``authorization: Bearer <token>``; the address is LINLI_TICKETS_ADDR (default
127.0.0.1:50052). Mutating calls take a ``request_id``: retry with the same one and you get the first
answer, never a second action. A firm sees only tickets of compounds it is contracted for.
"""

from __future__ import annotations

import argparse
import os
import uuid

import grpc
from linli.common.v1.common_pb2 import PageRequest
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc


def stub() -> tuple[pb_grpc.TicketsServiceStub, list[tuple[str, str]]]:
    token = os.environ.get("LINLI_TOKEN", "")
    if not token:
        raise SystemExit("set LINLI_TOKEN")
    channel = grpc.insecure_channel(os.environ.get("LINLI_TICKETS_ADDR", "127.0.0.1:50052"))
    return pb_grpc.TicketsServiceStub(channel), [("authorization", f"Bearer {token}")]


def show(ticket: pb.Ticket) -> None:
    status = pb.TicketStatus.Name(ticket.status).removeprefix("TICKET_STATUS_").lower()
    print(
        ticket.id,
        status,
        ticket.compound_id,
        ticket.building_id,
        ticket.category,
        ticket.description,
        sep="\t",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="linli tickets over gRPC (sample)")
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list")
    listing.add_argument("--status", action="append", default=[], help="e.g. dispatched (repeatable)")
    for name in ("get", "accept", "start", "dispatch"):
        one = sub.add_parser(name)
        one.add_argument("ticket_id")
        one.add_argument("--note", default="")
        one.add_argument("--request-id", default="", help="idempotency key (same one when retrying)")
    done = sub.add_parser("complete")
    done.add_argument("ticket_id")
    done.add_argument("--note", default="")
    done.add_argument("--request-id", default="")
    args = parser.parse_args()
    tickets, metadata = stub()
    request_id = getattr(args, "request_id", "") or uuid.uuid4().hex
    try:
        if args.command == "list":
            statuses = [pb.TicketStatus.Value(f"TICKET_STATUS_{s.upper()}") for s in args.status]
            page = tickets.ListTickets(
                pb.ListTicketsRequest(statuses=statuses, page=PageRequest(page_size=100)), metadata=metadata
            )
            for ticket in page.tickets:
                show(ticket)
        elif args.command == "get":
            show(tickets.GetTicket(pb.GetTicketRequest(ticket_id=args.ticket_id), metadata=metadata))
        elif args.command == "dispatch":
            request = pb.DispatchTicketRequest(
                request_id=request_id, ticket_id=args.ticket_id, note=args.note
            )
            show(tickets.DispatchTicket(request, metadata=metadata))
        elif args.command == "complete":
            request = pb.CompleteTicketRequest(
                request_id=request_id, ticket_id=args.ticket_id, note=args.note
            )
            show(tickets.CompleteTicket(request, metadata=metadata))
        else:
            method = {"accept": tickets.AcceptTicket, "start": tickets.StartWork}[args.command]
            show(
                method(
                    pb.TicketActionRequest(request_id=request_id, ticket_id=args.ticket_id, note=args.note),
                    metadata=metadata,
                )
            )
    except grpc.RpcError as err:
        raise SystemExit(f"{err.code().name}: {err.details()}") from err


if __name__ == "__main__":
    main()
