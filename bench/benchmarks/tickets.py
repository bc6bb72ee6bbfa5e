"""ticket_create / ticket_get: CreateTicket and GetTicket through the full stack (gRPC, chassis
interceptor, validation, use case, events) with 1 and 8 clients, against raw pymongo insert_one /
find_one of the same document on the same database server in the same run.

The whole system runs as processes (as in production); clients run here. The raw inserts go to a
collection with the tickets collection's own indexes (the same write for the database); the raw
finds read the tickets the stack created.

Each figure comes with its floor (bench/floor_server.py): a bare grpcio server making the same one
database call, no chassis and no events. `floor ÷ raw` is what any Python gRPC service reaches
here; `stack ÷ floor` is what linli adds, and the goal is set on it: ≥ 0.7 with every worker running
(the relay and the consumers share the one-process dev database with the API), ≥ 0.85 with the tickets
and notifications workers stopped. (A goal against raw pymongo cannot be met by any Python gRPC
service here: the floor itself reads at about 0.35 of raw with one client.) Stack, floor and raw are
measured in turn, best of three rounds each, so a noisy moment hurts all alike.

Last, ticket_create is measured once more with the tickets and notifications workers stopped
(no outbox relay, no notifications intake): the difference is what the event machinery costs the
database per ticket. The workers are started again afterwards.
"""

from __future__ import annotations

import itertools
import time
import uuid

import grpc
from floor_server import SERVICE as FLOOR_SERVICE
from floor_server import ticket_document
from harness import Result, ScriptServer, calls_per_second
from linli.common.v1.common_pb2 import PageRequest, PageResponse
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until
from pymongo import MongoClient

GOAL = 0.7  # stack ÷ floor, workers running
GOAL_WORKERS_STOPPED = 0.85  # stack ÷ floor
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
        self.tickets = self.mongo["linli_tickets"]["tickets"]
        self.floor_port = 0
        self.ids: list[str] = []
        self.run_id = uuid.uuid4().hex[:8]
        self.counter = itertools.count()

    def stub(self):
        return pb_grpc.TicketsServiceStub(grpc.insecure_channel(self.address))

    def floor(self, method: str):
        channel = grpc.insecure_channel(f"127.0.0.1:{self.floor_port}")
        return channel.unary_unary(
            f"/{FLOOR_SERVICE}/{method}",
            request_serializer=PageRequest.SerializeToString,
            response_deserializer=PageResponse.FromString,
        )

    # -- ticket_create ---------------------------------------------------------------------------
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

    def floor_insert_call(self, i: int):
        insert = self.floor("Insert")
        return lambda: insert(PageRequest(page_token=f"floor-{self.run_id}-{next(self.counter)}"), timeout=10)

    def raw_insert_call(self, i: int):
        return lambda: self.raw.insert_one(ticket_document(f"raw-{self.run_id}-{next(self.counter)}"))

    # -- ticket_get ------------------------------------------------------------------------------
    def get_call(self, i: int):
        stub = self.stub()
        ids = itertools.cycle(self.ids[i::8] or self.ids)

        def call():
            stub.GetTicket(pb.GetTicketRequest(ticket_id=next(ids)), metadata=self.staff, timeout=10)

        return call

    def floor_find_call(self, i: int):
        find = self.floor("Find")
        ids = itertools.cycle(self.ids[i::8] or self.ids)
        return lambda: find(PageRequest(page_token=next(ids)), timeout=10)

    def raw_find_call(self, i: int):
        ids = itertools.cycle(self.ids[i::8] or self.ids)
        return lambda: self.tickets.find_one({"tenant_id": TENANT, "ticket_id": next(ids)})

    # -- setting up ------------------------------------------------------------------------------
    def match_indexes(self) -> None:
        """Give the raw and floor collections the indexes the service keeps on its tickets."""
        for target in (self.raw, self.mongo["linli_bench_raw"]["floor_tickets"]):
            for name, spec in self.tickets.index_information().items():
                if name != "_id_":
                    options = {k: spec[k] for k in ("unique", "sparse") if k in spec}
                    target.create_index(spec["key"], name=name, **options)

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


def compared(name: str, threads: int, seconds: float, stack, floor, raw, goal: float = GOAL) -> list[Result]:
    best = {"stack": 0.0, "floor": 0.0, "raw": 0.0}
    for _ in range(ROUNDS):
        for kind, make_call in (("raw", raw), ("floor", floor), ("stack", stack)):
            best[kind] = max(best[kind], calls_per_second(threads, seconds / ROUNDS, make_call))
    label = f"{threads} client" if threads == 1 else f"{threads} clients"
    return [
        Result.measured(f"{name}[{label}]", best["stack"], "calls/s", baseline=best["raw"]),
        Result.measured(f"{name}[{label}] floor ÷ raw", best["floor"], "calls/s", baseline=best["raw"]),
        Result.measured(
            f"{name}[{label}] stack ÷ floor", best["stack"], "calls/s", baseline=best["floor"], goal=goal
        ),
    ]


def without_event_machinery(system, seconds: float, create) -> list[Result]:
    """ticket_create with the relay and the notifications intake stopped (for attribution only)."""
    workers = ("tickets", "notifications")
    for service in workers:
        system.processes[f"{service}-worker"].stop()
    try:
        results = []
        for t in THREADS:
            figures = compared("ticket_create", t, seconds, *create, goal=GOAL_WORKERS_STOPPED)
            for r in figures:
                r.name = r.name.replace("]", ", workers stopped]", 1)
            results += figures
        return results
    finally:
        for service in workers:
            system.start_worker(service)
        wait_until(lambda: all(system.worker_ready(s) for s in workers), 60, "the workers to restart")


def run(ctx) -> list[Result]:
    system = ctx.system()
    bench = Bench(system)
    floor = ScriptServer(ctx, "floor_server.py", system.database.uri)
    bench.floor_port = floor.port
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
        bench.match_indexes()
        bench.settle()
        create = (bench.create_call, bench.floor_insert_call, bench.raw_insert_call)
        get = (bench.get_call, bench.floor_find_call, bench.raw_find_call)
        results = []
        for name, calls in (("ticket_create", create), ("ticket_get", get)):
            for t in THREADS:
                results += compared(name, t, ctx.seconds, *calls)
        results += without_event_machinery(system, ctx.seconds, create)
    finally:
        floor.close()
        bench.close()
    return results
