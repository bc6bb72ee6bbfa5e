"""points_transfer: the TransferPoints RPC (staff grant issuer → person, one ledger entry written with
its event) with 1 and 8 clients against the tickets benchmark's floor (bench/floor_server.py: a bare
grpcio server making one insert_one into a collection with the tickets collection's indexes) in the
same run; goal ≥ 0.85 of the floor with the points and
notifications workers stopped, reported with them running too. Each client grants to its own
person (one sequenced account per client, as separate people's credits are).

Then the memory of the points API and worker processes (resident now and at their peak, after
event_lag and this benchmark): goal ≤ 300 MiB each.
"""

from __future__ import annotations

import itertools
import uuid

import grpc
from floor_server import SERVICE as FLOOR_SERVICE
from harness import Result, ScriptServer, calls_per_second
from linli.common.v1.common_pb2 import PageRequest, PageResponse
from linli.points.v1 import points_pb2 as ppb
from linli.points.v1 import points_pb2_grpc as ppb_grpc
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until

GOAL_WORKERS_STOPPED = 0.85
GOAL_MEMORY_MIB = 300
THREADS = (1, 8)
ROUNDS = 3
TENANT = "hanyang"


class Bench:
    def __init__(self, system, floor_port: int):
        self.system = system
        self.address = system.address("points")
        self.staff = bearer(make_token(TENANT, "community_staff", "bench-staff"))
        self.floor_port = floor_port
        self.run_id = uuid.uuid4().hex[:8]
        self.counter = itertools.count()

    def grant_call(self, i: int):
        stub = ppb_grpc.PointsServiceStub(grpc.insecure_channel(self.address))
        person = f"bench-grant-{self.run_id}-{i}"

        def call():
            stub.TransferPoints(
                ppb.TransferPointsRequest(
                    request_id=f"bench-{self.run_id}-{next(self.counter)}",
                    to_subject=person,
                    amount=1,
                    grant=True,
                ),
                metadata=self.staff,
                timeout=10,
            )

        return call

    def floor_call(self, i: int):
        channel = grpc.insecure_channel(f"127.0.0.1:{self.floor_port}")
        insert = channel.unary_unary(
            f"/{FLOOR_SERVICE}/Insert",
            request_serializer=PageRequest.SerializeToString,
            response_deserializer=PageResponse.FromString,
        )
        return lambda: insert(PageRequest(page_token=f"floor-{self.run_id}-{next(self.counter)}"), timeout=10)


def match_indexes(system) -> None:
    """The floor's collection gets the tickets collection's indexes, as in the tickets benchmark
    (its floor is the one named by the goal)."""
    from pymongo import MongoClient  # noqa: PLC0415

    client = MongoClient(system.database.uri)
    try:
        tickets = client["linli_tickets"]["tickets"]
        target = client["linli_bench_raw"]["floor_tickets"]
        for name, spec in tickets.index_information().items():
            if name != "_id_":
                options = {k: spec[k] for k in ("unique", "sparse") if k in spec}
                target.create_index(spec["key"], name=name, **options)
    finally:
        client.close()


def compared(bench: Bench, threads: int, seconds: float, label: str, goal: float | None) -> list[Result]:
    best = {"stack": 0.0, "floor": 0.0}
    for _ in range(ROUNDS):
        for kind, make in (("floor", bench.floor_call), ("stack", bench.grant_call)):
            best[kind] = max(best[kind], calls_per_second(threads, seconds / ROUNDS, make))
    clients = f"{threads} client" if threads == 1 else f"{threads} clients"
    return [
        Result.measured(f"points_transfer[{clients}, {label}]", best["stack"], "calls/s"),
        Result.measured(
            f"points_transfer[{clients}, {label}] stack ÷ floor",
            best["stack"],
            "calls/s",
            baseline=best["floor"],
            goal=goal,
        ),
    ]


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process, KiB."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                found[line.split(":")[0]] = int(line.split()[1])
    return found.get("VmRSS", 0), found.get("VmHWM", 0)


def memory(system) -> list[Result]:
    results = []
    for name in ("points-api", "points-worker"):
        rss, peak = memory_kib(system.processes[name].popen.pid)
        results.append(
            Result.measured(
                f"{name} memory, resident", rss / 1024, "MiB", goal=GOAL_MEMORY_MIB, lower_is_better=True
            )
        )
        results.append(
            Result.measured(
                f"{name} memory, peak", peak / 1024, "MiB", goal=GOAL_MEMORY_MIB, lower_is_better=True
            )
        )
    return results


def run(ctx) -> list[Result]:
    system = ctx.system()
    floor = ScriptServer(ctx, "floor_server.py", system.database.uri)
    bench = Bench(system, floor.port)
    try:
        match_indexes(system)
        probe = bench.grant_call(99)
        wait_until(lambda: probe() is None, 60, "the points service answering grants", interval=0.5)
        results = []
        for t in THREADS:
            results += compared(bench, t, ctx.seconds, "workers running", None)
        results += memory(system)
        workers = ("points", "notifications")
        for service in workers:
            system.processes[f"{service}-worker"].stop()
        try:
            for t in THREADS:
                results += compared(bench, t, ctx.seconds, "workers stopped", GOAL_WORKERS_STOPPED)
        finally:
            for service in workers:
                system.start_worker(service)
            wait_until(lambda: all(system.worker_ready(s) for s in workers), 60, "the workers to restart")
        _, peak = memory_kib(system.processes["points-api"].popen.pid)
        results.append(
            Result.measured(
                "points-api memory after points_transfer, peak",
                peak / 1024,
                "MiB",
                goal=GOAL_MEMORY_MIB,
                lower_is_better=True,
            )
        )
        return results
    finally:
        floor.close()
