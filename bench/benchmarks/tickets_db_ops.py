"""tickets_db_ops: database operations per created ticket, counted by the database's own profiler.

The whole system runs (every API and worker). Profiling (level 2) is switched on for every linli
database; first the idle rate of each database's operations is measured (timers, relay polls), then
N tickets are created and the system is left until the tickets' outbox is empty and every consumer
group reading tickets' events has committed to the end of the topic. Operations in that window less
the idle rate over its length, divided by N, are what one ticket costs the database: the insert
itself, the relay's read and pull, every consumer's dedupe lookups and marks, the notifications
inbox entries, local-copy reads.
Lower is better; no goal (an attribution figure, compared before and after a change).
"""

from __future__ import annotations

import time
import uuid
from collections import Counter

import grpc
from harness import Result
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until
from pymongo import MongoClient

TENANT = "hanyang"
TOPIC = "tickets.ticket.v1"
IDLE_SECONDS = 31.0  # longer than the slowest timer (communities closes due votes every 30 s)


def _databases(mongo: MongoClient) -> list[str]:
    return [name for name in mongo.list_database_names() if name.startswith("linli_")]


def _counts(mongo: MongoClient, databases: list[str], since, field: str = "") -> Counter:
    """Operations (or, with field="millis", the milliseconds they took) per (database, collection, op)."""
    counts: Counter = Counter()
    for name in databases:
        for entry in mongo[name]["system.profile"].find(
            {"ts": {"$gt": since}}, {"op": 1, "ns": 1, "millis": 1}
        ):
            if entry.get("ns", "").endswith(".system.profile"):
                continue  # this benchmark's own reads
            collection = entry.get("ns", "").split(".", 1)[-1]
            counts[(name, collection, entry.get("op", "?"))] += entry.get(field, 0) if field else 1
    return counts


def _latest(mongo: MongoClient, databases: list[str]):
    stamps = [
        entry["ts"]
        for name in databases
        for entry in mongo[name]["system.profile"].find({}, {"ts": 1}).sort("ts", -1).limit(1)
    ]
    return max(stamps) if stamps else None


def caught_up(bootstrap: str) -> bool:
    """Every consumer group reading tickets' events has committed up to the end of the topic
    (consumers commit only after handling, so their work for the new tickets is done)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    try:
        partitions = [TopicPartition(TOPIC, p) for p in consumer.partitions_for_topic(TOPIC) or ()]
        ends = consumer.end_offsets(partitions)
        groups = [g["group_id"] for g in admin.list_groups()]
        for group in groups:
            committed = admin.list_group_offsets({group: partitions}).get(group, {})
            offsets = {tp: meta.offset for tp, meta in committed.items() if meta.offset >= 0}
            if offsets and any(offsets.get(tp, 0) < end for tp, end in ends.items()):
                return False
        return True
    finally:
        consumer.close()
        admin.close()


def settle(mongo: MongoClient, quiet_seconds: float = 3.0, timeout: float = 300.0) -> None:
    """Wait until the workers have taken in the demo districts (the copies' counts steady), so the
    idle window is idle."""
    copies = [mongo["linli_tickets"]["known_households"], mongo["linli_notifications"]["roster_households"]]
    last = [(-1, -1), time.monotonic()]

    def steady() -> bool:
        counts = tuple(c.estimated_document_count() for c in copies)
        if counts != last[0]:
            last[:] = [counts, time.monotonic()]
        return counts[0] > 0 and time.monotonic() - last[1] >= quiet_seconds

    wait_until(steady, timeout, "the workers to take in the demo districts", interval=0.5)


def run(ctx) -> list[Result]:
    system = ctx.system()
    tickets = ctx.quick and 50 or 300
    mongo = MongoClient(system.database.uri)
    stub = pb_grpc.TicketsServiceStub(grpc.insecure_channel(system.address("tickets")))
    metadata = bearer(make_token(TENANT, "resident", "bench-db-ops"))
    run_id = uuid.uuid4().hex[:8]

    def create(n: int):
        return stub.CreateTicket(
            pb.CreateTicketRequest(
                request_id=f"ops-{run_id}-{n}",
                compound_id="jinjiang",
                category="lighting",
                building_id="3",
                description="3栋2单元楼道灯坏了",
            ),
            metadata=metadata,
            timeout=10,
        )

    def compound_arrived() -> bool:
        try:
            create(-1)
            return True
        except grpc.RpcError as err:
            if err.code() != grpc.StatusCode.NOT_FOUND:
                raise
            return False

    wait_until(compound_arrived, 60, "金江公寓 in the tickets service", interval=0.2)
    settle(mongo)
    outbox = mongo["linli_tickets"]["tickets"]
    wait_until(
        lambda: outbox.count_documents({"outbox.event_id": {"$exists": True}}) == 0, 120, "an empty outbox"
    )
    databases = _databases(mongo)
    try:
        for name in databases:
            mongo[name].command({"profile": 2})
        start = _latest(mongo, databases)
        began = time.monotonic()
        time.sleep(IDLE_SECONDS)  # the idle window, a measurement, not synchronisation
        idle = _counts(mongo, databases, start)
        idle_ms = _counts(mongo, databases, start, "millis")
        idle_seconds = time.monotonic() - began

        start, began = _latest(mongo, databases), time.monotonic()
        for n in range(tickets):
            create(n)
        wait_until(
            lambda: outbox.count_documents({"outbox.event_id": {"$exists": True}}) == 0,
            120,
            "the relay to publish",
            interval=0.5,  # the look itself is an operation on the database: look seldom
        )
        wait_until(
            lambda: caught_up(system.broker.bootstrap), 300, "every consumer of tickets' events", interval=0.5
        )
        seconds = time.monotonic() - began
        busy = _counts(mongo, databases, start)
        busy_ms = _counts(mongo, databases, start, "millis")
    finally:
        for name in databases:
            mongo[name].command({"profile": 0})
        mongo.close()
    per_db: Counter = Counter()
    results = []
    for key in sorted(set(busy) | set(idle)):
        extra = max(0.0, busy[key] - idle[key] / idle_seconds * seconds)
        per_db[key[0]] += extra
        if extra / tickets >= 0.05:
            name = f"tickets_db_ops[{key[0]}.{key[1]} {key[2]}]"
            results.append(Result.measured(name, extra / tickets, "ops/ticket"))
    for name, extra in sorted(per_db.items()):
        results.append(Result.measured(f"tickets_db_ops[{name}]", extra / tickets, "ops/ticket"))
    results.append(
        Result.measured("tickets_db_ops[all databases]", sum(per_db.values()) / tickets, "ops/ticket")
    )
    # Where the database's time goes (its own millis per operation, idle share taken off).
    spent = {k: busy_ms[k] - idle_ms[k] / idle_seconds * seconds for k in set(busy_ms) | set(idle_ms)}
    for key, ms in sorted(spent.items(), key=lambda kv: -kv[1])[:6]:
        if ms / tickets >= 0.05:
            name = f"tickets_db_ms[{key[0]}.{key[1]} {key[2]}]"
            results.append(Result.measured(name, ms / tickets, "ms/ticket"))
    return results
