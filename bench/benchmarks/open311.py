"""open311_query: GET /open311/v2/requests.json with filters over 100 000 tickets, through the whole
stack (HTTP → gateway → tickets gRPC → Mongo-wire server), against a raw pymongo `find` with the same
filter, sort, limit and projection on the same collection of the same server in the same run.

Goal: p99 of the gateway ≤ 2 × p99 of the raw find. Medians are reported alongside. On the dev
Mongo-wire server (SecantusDB, Python) both sides are dominated by the server scanning documents; the
tickets service also counts the matches for its page total, a second scan the raw find does not make.
"""

from __future__ import annotations

import copy
import os
import random
import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import grpc
import httpx
from harness import Result
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_platform.auth import Principal, issue_token
from linli_platform.testing.fixtures import bearer
from linli_tickets.adapters.documents import TicketDoc, TimelineEntryDoc
from pymongo import DESCENDING, MongoClient

GOAL = 2.0
TENANT = "bench-open311"
COMPOUNDS = ("bench-a", "bench-b")
CATEGORIES = ("lighting", "plumbing", "electrical", "cleaning", "greening", "other")
STATUSES = (
    "reported",
    "dispatched",
    "accepted",
    "in_progress",
    "done",
    "verified",
    "confirmed",
    "closed",
    "rejected",
    "cancelled",
)
OPEN = ["reported", "dispatched", "accepted", "in_progress", "rejected"]
CLOSED = ["done", "verified", "confirmed", "closed", "cancelled"]
PAGE = 50


def onboard(system) -> None:
    """The bench district and its compounds, through the communities API as an administrator would."""
    secret = system.jwt_secret
    platform = issue_token(secret, Principal("platform", "platform_admin", "bench"), 600)
    admin = issue_token(secret, Principal(TENANT, "district_admin", "bench"), 600)
    with grpc.insecure_channel(system.address("communities")) as channel:
        stub = pb_grpc.CommunitiesServiceStub(channel)
        calls = [
            (
                stub.CreateTenant,
                pb.CreateTenantRequest(request_id="bench-open311", tenant_id=TENANT, name="基准区"),
                platform,
            )
        ]
        calls += [
            (
                stub.CreateCompound,
                pb.CreateCompoundRequest(request_id=f"bench-{c}", compound_id=c, name=f"基准小区{c[-1]}"),
                admin,
            )
            for c in COMPOUNDS
        ]
        for method, request, token in calls:
            try:
                method(request, metadata=bearer(token), timeout=10)
            except grpc.RpcError as err:
                if err.code() != grpc.StatusCode.ALREADY_EXISTS:
                    raise


def seed(db, count: int, now: datetime) -> None:
    """`count` tickets as the tickets service stores them (its own document class), spread over 80 days."""
    entry = TimelineEntryDoc(
        at=now, action="reported", actor="resident@bench", actor_role="resident", to_status="reported"
    )
    template = (
        TicketDoc(
            tenant_id=TENANT,
            ticket_id="t",
            compound_id=COMPOUNDS[0],
            category="lighting",
            description="楼道灯不亮，请尽快维修",
            status="reported",
            reporter="resident@bench",
            channel="open311",
            created_at=now,
            updated_at=now,
            timeline=[entry],
        )
        .to_mongo()
        .to_dict()
    )
    rng = random.Random(311)
    batch, pending = [], []
    pool = ThreadPoolExecutor(max_workers=4)  # the server takes concurrent batches
    for n in range(count):
        doc = copy.deepcopy(template)
        created = now - timedelta(seconds=rng.uniform(0, 80 * 86400))
        doc.update(
            ticket_id=f"tb{uuid.uuid4().hex[:22]}",
            compound_id=COMPOUNDS[n % 2],
            category=CATEGORIES[rng.randrange(len(CATEGORIES))],
            status=STATUSES[rng.randrange(10)],
            created_at=created,
            updated_at=created,
            description=f"楼道灯不亮，请尽快维修（{n}）",
        )
        doc["timeline"][0]["at"] = created
        batch.append(doc)
        if len(batch) == 2000:
            pending.append(pool.submit(db.tickets.insert_many, batch, ordered=False))
            batch = []
    if batch:
        pending.append(pool.submit(db.tickets.insert_many, batch, ordered=False))
    for done in pending:
        done.result()
    pool.shutdown()


def ensure_indexes(db) -> None:
    """The indexes the tickets service declares, so the raw find and the service read the same collection."""
    existing = [list(info["key"]) for info in db.tickets.index_information().values()]
    for spec in TicketDoc._meta["index_specs"]:
        if [tuple(f) for f in spec["fields"]] in [[tuple(k) for k in key] for key in existing]:
            continue  # the tickets service made it already
        options = {k: v for k, v in spec.items() if k != "fields"}
        db.tickets.create_index(spec["fields"], background=False, **options)


def queries(now: datetime) -> list[tuple[dict, dict]]:
    """(Open311 parameters, the same filter as a Mongo query)."""
    start, end = now - timedelta(days=30), now - timedelta(days=1)
    default_start = now - timedelta(days=90)
    iso = "%Y-%m-%dT%H:%M:%SZ"
    return [
        (
            {
                "service_code": "lighting",
                "status": "open",
                "start_date": start.strftime(iso),
                "end_date": end.strftime(iso),
            },
            {
                "category": "lighting",
                "status": {"$in": OPEN},
                "created_at": {"$gte": start.replace(microsecond=0), "$lt": end.replace(microsecond=0)},
            },
        ),
        (
            {"status": "closed", "address_id": COMPOUNDS[1]},
            {"compound_id": COMPOUNDS[1], "status": {"$in": CLOSED}, "created_at": {"$gte": default_start}},
        ),
        ({"service_code": "plumbing"}, {"category": "plumbing", "created_at": {"$gte": default_start}}),
    ]


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[98]


def run(ctx) -> list[Result]:
    # A query over 100 000 documents can outlast the gateway's default 30 s backend deadline on the dev
    # server; applies when this benchmark is the one starting the system.
    os.environ.setdefault("LINLI_GATEWAY_CALL_TIMEOUT", "600")
    system = ctx.system()
    onboard(system)
    client = MongoClient(system.database.uri, tz_aware=True)
    db = client["linli_tickets"]
    now = datetime.now(UTC)
    count = 10_000 if ctx.quick else 100_000  # a quick run is a smoke test; its name says so
    db.tickets.delete_many({"tenant_id": TENANT})
    ensure_indexes(db)
    seed(db, count, now)
    plans = queries(now)
    # The dev Mongo-wire server scans in Python (seconds per query at 100 000 documents), so the
    # rounds are few; each round runs every filter once through both paths, interleaved.
    rounds = 6 if ctx.quick else 9
    projection = {"outbox": 0, "timeline": 0}

    def raw(mongo_filter: dict) -> list[dict]:
        cursor = db.tickets.find({"tenant_id": TENANT, **mongo_filter}, projection)
        return list(cursor.sort([("created_at", DESCENDING), ("ticket_id", 1)]).limit(PAGE))

    with httpx.Client(base_url=f"http://127.0.0.1:{system.gateway_port}", timeout=660) as http:

        def gateway(params: dict) -> list[dict]:
            response = http.get("/open311/v2/requests.json", params={"jurisdiction_id": TENANT, **params})
            response.raise_for_status()
            return response.json()

        for params, mongo_filter in plans:  # same filter → same tickets, in the same order
            assert [r["service_request_id"] for r in gateway(params)] == [
                d["ticket_id"] for d in raw(mongo_filter)
            ]
        timings: dict[str, list[float]] = {"raw": [], "gateway": []}
        for n in range(rounds):
            params, mongo_filter = plans[n % len(plans)]
            for name, call, arg in (("raw", raw, mongo_filter), ("gateway", gateway, params)):
                began = time.perf_counter()
                call(arg)
                timings[name].append((time.perf_counter() - began) * 1000)
    client.close()
    raw_p99, gateway_p99 = p99(timings["raw"]), p99(timings["gateway"])
    return [
        Result.measured(
            f"open311_query p99 ({count} tickets)",
            gateway_p99,
            "ms",
            baseline=raw_p99,
            goal=GOAL,
            lower_is_better=True,
        ),
        Result.measured(
            f"open311_query p50 ({count} tickets)",
            statistics.median(timings["gateway"]),
            "ms",
            baseline=statistics.median(timings["raw"]),
        ),
    ]
