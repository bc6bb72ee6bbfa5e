"""fanout_10k: an announcement to 10 000 households (Announce over gRPC, until every household inbox
entry exists) versus raw pymongo insert_many of 10 000 equivalent entries into a collection with the
same indexes, on the same Mongo-wire server in the same run. Goal: ≤ 3× the raw insert.

The API runs in this process (plain grpcio, no eventlet); best of two rounds each, alternating.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import grpc
import mongoengine
from harness import Result
from linli.notifications.v1 import notifications_pb2 as pb
from linli.notifications.v1 import notifications_pb2_grpc as pb_grpc
from linli_notifications.adapters.documents import InboxEntryDoc
from linli_notifications.adapters.roster import HouseholdDoc
from linli_notifications.entrypoints.grpc_api import specs
from linli_notifications.settings import NotificationsSettings
from linli_platform import mongo
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import bearer, make_token

HOUSEHOLDS = 10_000
GOAL = 3.0
TENANT = "bench-fanout"


def seed_households(compound: str) -> None:
    rows = [
        {
            "tenant_id": TENANT,
            "household_id": f"h{n:05d}",
            "compound_id": compound,
            "community_id": "comm",
            "building_id": f"b{n // 100:03d}",
            "residents": [f"p{n:05d}"],
            "owners": [],
            "care_tags": [],
            "archived": False,
            "version": 1,
        }
        for n in range(HOUSEHOLDS)
    ]
    HouseholdDoc._get_collection().insert_many(rows, ordered=False)


def raw_insert_seconds(db) -> float:
    """The floor: the same number of inbox-shaped documents, same indexes, one insert_many."""
    collection = db["raw_inbox"]
    collection.drop()
    for spec in InboxEntryDoc._meta["index_specs"]:
        collection.create_index(spec["fields"], unique=spec.get("unique", False))
    now = datetime.now(UTC)
    rows = [
        {
            "tenant_id": TENANT,
            "entry_id": uuid.uuid4().hex,
            "recipient": f"household:h{n:05d}",
            "title": "停水通知",
            "body": "明日9点至12点停水，请提前储水。",
            "event_type": "raw",
            "event_id": "raw",
            "read": False,
            "created_at": now,
        }
        for n in range(HOUSEHOLDS)
    ]
    began = time.perf_counter()
    collection.insert_many(rows, ordered=False)
    return time.perf_counter() - began


def announce_seconds(stub, round_no: int) -> float:
    request = pb.AnnounceRequest(
        request_id=f"bench-{round_no}-{uuid.uuid4().hex[:8]}",
        title="停水通知",
        body="明日9点至12点停水，请提前储水。",
        compound_id="c-bench",
    )
    metadata = bearer(make_token(TENANT, "community_staff"))
    began = time.perf_counter()
    reply = stub.Announce(request, metadata=metadata, timeout=300)
    while InboxEntryDoc.scoped(TENANT).filter(event_id=reply.announcement_id).count() < HOUSEHOLDS:
        pass  # Announce returns after the bulk insert; this only confirms every entry exists
    elapsed = time.perf_counter() - began
    if reply.inbox_entries != HOUSEHOLDS:
        raise RuntimeError(f"announcement reached {reply.inbox_entries} of {HOUSEHOLDS} households")
    return elapsed


def run(ctx) -> list[Result]:
    settings = NotificationsSettings(
        mongo_uri=ctx.infra.mongo_uri,
        mongo_db=f"bench_fanout_{uuid.uuid4().hex[:8]}",
    )
    connection = mongo.connect(settings)
    db = connection[settings.database]
    server = build_server(settings, specs(settings), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    try:
        seed_households("c-bench")
        InboxEntryDoc.ensure_indexes()
        stub = pb_grpc.NotificationsServiceStub(channel)
        rounds = 1 if ctx.quick else 2
        fanout, raw = [], []
        for n in range(rounds):
            raw.append(raw_insert_seconds(db))
            fanout.append(announce_seconds(stub, n))
        best_fanout, best_raw = min(fanout), min(raw)
        return [
            Result.measured(
                "fanout_10k", best_fanout, "s", baseline=best_raw, goal=GOAL, lower_is_better=True
            ),
            Result.measured("fanout_10k_rate", HOUSEHOLDS / best_fanout, "inbox entries/s"),
        ]
    finally:
        channel.close()
        server.drain(0)
        connection.drop_database(settings.database)
        mongoengine.disconnect()
