"""payment_record: RecordPayment through the full stack (gRPC, chassis, validation, the household's
account: one guarded write holding the payment, its allocation and any prepaid surplus, with its
PaymentReceived event) against floors in the same run on the same database server, 1 and 8 clients:

- the floor the goal is set on (bench/benchmarks/_fees_floor.py): a bare grpcio server making the
  same single database write, the guarded update of an account document shaped as the service
  stores it (entries, flat allocations, version, the event pushed onto its outbox), into a
  collection with the accounts' indexes;
- the tickets benchmark's floor (bench/floor_server.py: one insert of a new ticket document, into a
  collection with the tickets' indexes), reported beside it: an update of a document that holds the
  household's history costs SecantusDB more than inserting a fresh one, so this ratio shows the
  database's part as well as the stack's.

The whole system runs as processes with the demo districts; 金江公寓 (hanyang) is billed for a period
first, then every call pays 1 fen towards one of its bills (partial payments: each call is a new entry).
Each client walks all the compound's bills from its own starting point, so the calls spread over every
household; before each figure the payment floor gets copies of the service's accounts as they are then
(entries and outbox), and walks the same households, so both write documents of the same sizes.
Floors and stack take turns, ROUNDS rounds of `ctx.seconds` per measurement (the order reversed every
other round), and each figure is the best of its rounds: a noisy moment of the shared machine hurts all
alike. Goal: stack ÷ floor ≥ 0.85 with the fees and notifications workers stopped (no relay, no intake);
reported with them running too.
"""

from __future__ import annotations

import itertools
import uuid

import grpc
from floor_server import SERVICE as FLOOR_SERVICE
from harness import Result, ScriptServer, calls_per_second
from linli.common.v1.common_pb2 import PageRequest, PageResponse
from linli.fees.v1 import fees_pb2 as pb
from linli.fees.v1 import fees_pb2_grpc as pb_grpc
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until
from pymongo import MongoClient

GOAL_WORKERS_STOPPED = 0.85
THREADS = (1, 8)
ROUNDS = 3
FEES_FLOOR = "linli.bench.v1.FeesFloorService"
TENANT, COMPOUND = "hanyang", "jinjiang"
PERIOD = "2026-01"


class Bench:
    def __init__(self, system, floor_port: int, fees_floor_port: int):
        self.address = system.address("fees")
        self.staff = bearer(make_token(TENANT, "community_staff", "bench-staff"))
        self.floor_port = floor_port
        self.fees_floor_port = fees_floor_port
        self.mongo = MongoClient(system.database.uri)
        self.run_id = uuid.uuid4().hex[:8]
        self.counter = itertools.count()
        self.bills: list[tuple[str, str]] = []

    def stub(self):
        return pb_grpc.FeesServiceStub(grpc.insecure_channel(self.address))

    def bill_the_compound(self) -> None:
        stub = self.stub()

        def households_copied() -> bool:
            dry = stub.StartBillingRun(
                pb.StartBillingRunRequest(
                    request_id=f"bench-dry-{uuid.uuid4().hex}",
                    compound_id=COMPOUND,
                    period=PERIOD,
                    dry_run=True,
                ),
                metadata=self.staff,
                timeout=30,
            )
            return dry.households_total > 0

        wait_until(households_copied, 120, "金江公寓's households in the fees service", interval=1)
        run = stub.StartBillingRun(
            pb.StartBillingRunRequest(request_id=f"bench-{self.run_id}", compound_id=COMPOUND, period=PERIOD),
            metadata=self.staff,
            timeout=30,
        )
        while run.status != pb.RUN_STATUS_DONE:
            run = stub.AdvanceBillingRun(
                pb.AdvanceBillingRunRequest(request_id=f"bench-adv-{uuid.uuid4().hex}", run_id=run.run_id),
                metadata=self.staff,
                timeout=120,
            )
        page = stub.ListBills(
            pb.ListBillsRequest(compound_id=COMPOUND, period=PERIOD, page=PageRequest(page_size=500)),
            metadata=self.staff,
            timeout=30,
        )
        self.bills = [(b.household_id, b.bill_id) for b in page.bills]
        if not self.bills:
            raise RuntimeError("no bills to pay")

    def pay_call(self, i: int):
        stub = self.stub()
        start = i * len(self.bills) // 8  # every client walks every bill, from its own place
        bills = itertools.cycle(self.bills[start:] + self.bills[:start])

        def call():
            household, bill = next(bills)
            stub.RecordPayment(
                pb.RecordPaymentRequest(
                    request_id=f"bench-{self.run_id}-{next(self.counter)}",
                    compound_id=COMPOUND,
                    household_id=household,
                    bill_id=bill,
                    amount_fen=1,
                    method=pb.PAYMENT_METHOD_CASH,
                ),
                metadata=self.staff,
                timeout=10,
            )

        return call

    def floor_call(self, i: int):
        insert = grpc.insecure_channel(f"127.0.0.1:{self.floor_port}").unary_unary(
            f"/{FLOOR_SERVICE}/Insert",
            request_serializer=PageRequest.SerializeToString,
            response_deserializer=PageResponse.FromString,
        )
        return lambda: insert(
            PageRequest(page_token=f"fees-floor-{self.run_id}-{next(self.counter)}"), timeout=10
        )

    def fees_floor_call(self, i: int):
        pay = grpc.insecure_channel(f"127.0.0.1:{self.fees_floor_port}").unary_unary(
            f"/{FEES_FLOOR}/Pay",
            request_serializer=PageRequest.SerializeToString,
            response_deserializer=PageResponse.FromString,
        )
        start = i * len(self.bills) // 8
        bills = itertools.cycle(self.bills[start:] + self.bills[:start])
        return lambda: pay(PageRequest(page_token=next(bills)[1]), timeout=10)

    def match_indexes(self) -> None:
        """Give the floors' collections the indexes the fees service keeps on its accounts (the
        payment floor) and the tickets service on its tickets (the insert floor, as the tickets
        benchmark does)."""
        raw = self.mongo["linli_bench_raw"]
        for source, target in (
            (self.mongo["linli_fees"]["accounts"], raw["floor_accounts"]),
            (self.mongo["linli_tickets"]["tickets"], raw["floor_tickets"]),
        ):
            for name, spec in source.index_information().items():
                if name != "_id_":
                    options = {k: spec[k] for k in ("unique", "sparse") if k in spec}
                    target.create_index(spec["key"], name=name, **options)

    def copy_accounts(self) -> None:
        """Give the payment floor the service's accounts as they are now (entries, outbox and all):
        both then write to documents of the same sizes, growing alike."""
        target = self.mongo["linli_bench_raw"]["floor_accounts"]
        target.delete_many({})
        rows = list(self.mongo["linli_fees"]["accounts"].find({"tenant_id": TENANT, "compound_id": COMPOUND}))
        if rows:
            target.insert_many(rows)
        load = grpc.insecure_channel(f"127.0.0.1:{self.fees_floor_port}").unary_unary(
            f"/{FEES_FLOOR}/Load",
            request_serializer=PageRequest.SerializeToString,
            response_deserializer=PageResponse.FromString,
        )
        load(PageRequest(), timeout=60)

    def close(self) -> None:
        self.mongo["linli_bench_raw"].drop_collection("floor_accounts")
        self.mongo.close()


def compared(bench: Bench, threads: int, seconds: float, suffix: str, goal: float | None) -> list[Result]:
    bench.copy_accounts()
    best = {"stack": 0.0, "floor": 0.0, "insert": 0.0}
    kinds = [("insert", bench.floor_call), ("floor", bench.fees_floor_call), ("stack", bench.pay_call)]
    for n in range(ROUNDS):
        for kind, make_call in kinds if n % 2 == 0 else kinds[::-1]:
            best[kind] = max(best[kind], calls_per_second(threads, seconds, make_call))
    label = f"{threads} client" if threads == 1 else f"{threads} clients"
    return [
        Result.measured(
            f"payment_record[{label}{suffix}] stack ÷ floor (the same account write)",
            best["stack"],
            "calls/s",
            baseline=best["floor"],
            goal=goal,
        ),
        Result.measured(
            f"payment_record[{label}{suffix}] stack ÷ tickets' insert floor",
            best["stack"],
            "calls/s",
            baseline=best["insert"],
        ),
    ]


def run(ctx) -> list[Result]:
    system = ctx.system()
    floor = ScriptServer(ctx, "floor_server.py", system.database.uri)
    fees_floor = ScriptServer(ctx, "benchmarks/_fees_floor.py", system.database.uri)
    bench = Bench(system, floor.port, fees_floor.port)
    try:
        bench.bill_the_compound()
        bench.match_indexes()
        results = []
        for t in THREADS:
            results += compared(bench, t, ctx.seconds, "", None)
        workers = ("fees", "notifications")
        for service in workers:
            system.processes[f"{service}-worker"].stop()
        try:
            for t in THREADS:
                results += compared(bench, t, ctx.seconds, ", workers stopped", GOAL_WORKERS_STOPPED)
        finally:
            for service in workers:
                system.start_worker(service)
            wait_until(lambda: all(system.worker_ready(s) for s in workers), 60, "the workers to restart")
    finally:
        floor.close()
        fees_floor.close()
        bench.close()
    return results
