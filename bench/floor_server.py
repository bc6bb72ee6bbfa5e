"""The floor for ticket_create / ticket_get: a bare grpcio server (no chassis, no validation, no
mapping, no events) whose handlers make the one database call a ticket read or report needs.
No Python gRPC service can do the same work faster on this machine, so `stack ÷ floor` is what the
linli stack costs and `floor ÷ raw` is what any gRPC hop costs. Prints its port, serves until stdin
closes.

    python bench/floor_server.py MONGO_URI
"""

from __future__ import annotations

import sys
import uuid
from concurrent import futures
from datetime import UTC, datetime

import grpc
from linli.common.v1.common_pb2 import PageRequest, PageResponse
from pymongo import MongoClient

SERVICE = "linli.bench.v1.FloorService"
WORKERS = 16
TENANT = "hanyang"
DESCRIPTION = "3栋2单元楼道灯坏了，晚上看不见路"


def ticket_document(ticket_id: str) -> dict:
    """A newly reported ticket as the tickets service stores it (one pending event included)."""
    now = datetime.now(UTC)
    return {
        "tenant_id": TENANT,
        "ticket_id": ticket_id,
        "compound_id": "jinjiang",
        "building_id": "3",
        "category": "lighting",
        "description": DESCRIPTION,
        "status": "reported",
        "reporter": "bench-resident",
        "channel": "app",
        "priority": 0,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "timeline": [
            {
                "at": now,
                "action": "reported",
                "actor": "bench-resident",
                "actor_role": "resident",
                "from_status": "",
                "to_status": "reported",
                "note": "",
            }
        ],
        "outbox": [
            {
                "event_id": uuid.uuid4().hex,
                "topic": "tickets.ticket.v1",
                "type": "x",
                "key": f"{TENANT}:x",
                "value": b"x" * 300,
                "created_at": now,
            }
        ],
    }


class Floor:
    def __init__(self, uri: str):
        client = MongoClient(uri, tz_aware=True)
        self.tickets = client["linli_tickets"]["tickets"]
        self.inserted = client["linli_bench_raw"]["floor_tickets"]

    def Find(self, request: PageRequest, context) -> PageResponse:
        doc = self.tickets.find_one({"tenant_id": TENANT, "ticket_id": request.page_token}, {"outbox": 0})
        return PageResponse(next_page_token=doc["ticket_id"], total=len(doc["timeline"]))

    def Insert(self, request: PageRequest, context) -> PageResponse:
        self.inserted.insert_one(ticket_document(request.page_token))
        return PageResponse(next_page_token=request.page_token)


def start(uri: str) -> int:
    floor = Floor(uri)
    handlers = {
        name: grpc.unary_unary_rpc_method_handler(
            getattr(floor, name),
            request_deserializer=PageRequest.FromString,
            response_serializer=PageResponse.SerializeToString,
        )
        for name in ("Find", "Insert")
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=WORKERS))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    _running.append(server)
    return port


_running: list = []  # keeps the server alive (a collected grpc.Server stops)


if __name__ == "__main__":
    print(start(sys.argv[1]), flush=True)
    sys.stdin.read()
