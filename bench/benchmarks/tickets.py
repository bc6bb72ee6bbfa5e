"""ticket_create / ticket_get: CreateTicket and GetTicket through the full stack (gRPC, chassis
interceptor, validation, use case, mongoengine) with 1 and 8 clients, against raw pymongo
insert_one / find_one of the same kind of document on the same database server in the same run.
Goal: ≥ 0.6 of the raw rate.

The whole system runs as processes (as in production); clients run here. Stack and raw are
measured alternately, best of three rounds each, so a noisy moment hurts both alike.
"""

from __future__ import annotations

import itertools
import time
import uuid
from datetime import UTC, datetime

import grpc
from harness import Result, calls_per_second
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until
from pymongo import MongoClient

GOAL = 0.6
THREADS = (1, 8)
ROUNDS = 3
TENANT = "hanyang"
DESCRIPTION = "3栋2单元楼道灯坏了，晚上看不见路"


class Bench:
    def __init__(self, system):
        self.address = system.address("tickets")
        self.metadata = bearer(make_token(TENANT, "resident", "bench-resident"))
        self.staff = bearer(make_token(TENANT, "community_staff", "bench-staff"))
        self.mongo = MongoClient(system.database.uri)
        self.raw = self.mongo["linli_bench_raw"]["tickets"]
        self.raw.create_index([("tenant_id", 1), ("ticket_id", 1)], unique=True)
        self.tickets = self.mongo["linli_tickets"]["tickets"]
        self.ids: list[str] = []
        self.run_id = uuid.uuid4().hex[:8]
        self.counter = itertools.count()

    def stub(self):
        return pb_grpc.TicketsServiceStub(grpc.insecure_channel(self.address))

    def create_call(self, i: int):
        stub = self.stub()

        def call():
            n = next(self.counter)
            ticket = stub.CreateTicket(
                pb.CreateTicketRequest(
                    request_id=f"bench-{self.run_id}-{n}",
                    compound_id="jinjiang",
                    category="lighting",
                    building_id="3",
                    description=DESCRIPTION,
                ),
                metadata=self.metadata,
                timeout=10,
            )
            if len(self.ids) < 2000:
                self.ids.append(ticket.id)

        return call

    def raw_insert_call(self, i: int):
        def call():
            n = next(self.counter)
            now = datetime.now(UTC)
            self.raw.insert_one(
                {
                    "tenant_id": TENANT,
                    "ticket_id": f"raw-{self.run_id}-{n}",
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
            )

        return call

    def get_call(self, i: int):
        stub = self.stub()
        ids = itertools.cycle(self.ids[i::8] or self.ids)

        def call():
            stub.GetTicket(pb.GetTicketRequest(ticket_id=next(ids)), metadata=self.staff, timeout=10)

        return call

    def raw_find_call(self, i: int):
        ids = itertools.cycle(self.ids[i::8] or self.ids)

        def call():
            self.tickets.find_one({"tenant_id": TENANT, "ticket_id": next(ids)})

        return call

    def settle(self, quiet_seconds: float = 3.0, timeout: float = 300.0) -> None:
        """Wait until the workers have taken in the demo districts (households copied, count steady),
        so the measurement does not share the database with that backlog."""
        households = self.mongo["linli_tickets"]["known_households"]
        last = (-1, time.monotonic())

        def steady() -> bool:
            nonlocal last
            count = households.estimated_document_count()
            if count != last[0]:
                last = (count, time.monotonic())
            return count > 0 and time.monotonic() - last[1] >= quiet_seconds

        wait_until(steady, timeout, "the tickets worker to take in the demo households", interval=0.5)

    def close(self) -> None:
        self.mongo.drop_database("linli_bench_raw")
        self.mongo.close()


def compared(name: str, threads: int, seconds: float, stack, raw) -> Result:
    best = {"stack": 0.0, "raw": 0.0}
    for _ in range(ROUNDS):
        best["raw"] = max(best["raw"], calls_per_second(threads, seconds / ROUNDS, raw))
        best["stack"] = max(best["stack"], calls_per_second(threads, seconds / ROUNDS, stack))
    label = "client" if threads == 1 else "clients"
    return Result.measured(
        f"{name}[{threads} {label}]", best["stack"], "calls/s", baseline=best["raw"], goal=GOAL
    )


def run(ctx) -> list[Result]:
    bench = Bench(ctx.system())
    probe = bench.create_call(0)

    def compound_arrived() -> bool:
        try:
            probe()
            return True
        except grpc.RpcError as err:
            if err.code() != grpc.StatusCode.NOT_FOUND:
                raise
            return False

    try:
        wait_until(compound_arrived, 60, "金江公寓 in the tickets service", interval=0.2)
        bench.settle()
        results = [
            compared("ticket_create", t, ctx.seconds, bench.create_call, bench.raw_insert_call)
            for t in THREADS
        ]
        results += [
            compared("ticket_get", t, ctx.seconds, bench.get_call, bench.raw_find_call) for t in THREADS
        ]
    finally:
        bench.close()
    return results
