"""ledger_submit: the ledger kernel's submit against a bare insert_one, same SecantusDB, one run.

The kernel keeps a submitted batch and the balances after it in one entry document (cached heads:
no read when this process wrote the account last), so a credit to a person's account should cost
about one database write. Measured from 4 client threads, each crediting its own person account
from the unsequenced issuer; the floor is the same threads each inserting a document of the same
size with insert_one into a collection with only its _id index. A second baseline inserts that
document (with 2 of the kernel's 4 keys) into a collection with the entries' unique index: what
the kernel's code costs beyond its index. Also reported (no goal): all threads spending from ONE
account, where writers queue on its sequence number and the losers re-read and retry. The three
are measured in interleaved rounds (the load of a shared machine drifts).
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime

import mongoengine
from harness import Result, calls_per_second
from linli_ledger import Account, AccountFlags, Transfer
from linli_ledger.mongo import LedgerEntryDoc, MongoBooks
from linli_platform import mongo
from linli_platform.config import Settings

TENANT = "bench"
THREADS = 4
ROUNDS = 3


def run(ctx) -> list[Result]:
    database = f"bench_ledger_{uuid.uuid4().hex[:8]}"
    connection = mongo.connect(Settings(service="bench", mongo_uri=ctx.infra.mongo_uri, mongo_db=database))
    try:
        return _measure(ctx, connection[database])
    finally:
        connection.drop_database(database)
        mongoengine.disconnect()


def _measure(ctx, db) -> list[Result]:
    books = MongoBooks()
    ledger = books.ledger(TENANT)
    people = [f"person:{i}" for i in range(THREADS)]
    ledger.open(
        [Account("issuer", "points", "issuer"), Account("sink", "points", "sink")]
        + [Account(p, "points", "person", AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) for p in people]
    )
    ids = itertools.count()

    def kernel_call(i: int):
        own = books.ledger(TENANT)

        def call():
            n = next(ids)
            own.submit([Transfer(f"earn:{n}", "issuer", people[i], 5, "points", "earn", cause=f"bench/{n}")])

        return call

    bare = db["bench_bare"]
    indexed = db["bench_indexed"]  # the entries' indexes, without the kernel
    for spec in LedgerEntryDoc._meta["index_specs"]:
        indexed.create_index(
            spec["fields"], unique=spec.get("unique", False), sparse=spec.get("sparse", False)
        )

    def raw_call(collection):
        def make(i: int):
            def call():
                n = next(ids)
                collection.insert_one(
                    {
                        "_id": f"{n:020d}-{i}",
                        "tenant_id": TENANT,
                        "keys": [f"t:earn:{n}", f"s:{people[i]}#{n}"],
                        "accounts": ["issuer", people[i]],
                        "at": datetime.now(UTC),
                        "transfers": [
                            {
                                "id": f"earn:{n}",
                                "dr": "issuer",
                                "cr": people[i],
                                "amount": 5,
                                "ledger": "points",
                            }
                        ],
                        "heads": [{"a": people[i], "s": n, "dp": 0, "dpo": 0, "cp": 0, "cpo": 5 * n}],
                    }
                )

            return call

        return make

    ledger.submit([Transfer("seed", "issuer", "person:0", 10**9, "points", "earn")])

    def contended_call(i: int):
        own = books.ledger(TENANT)

        def call():
            n = next(ids)
            own.submit([Transfer(f"spend:{n}", "person:0", "sink", 1, "points", "redeem")])

        return call

    # Interleaved rounds: the machine's load drifts (other processes share its two cores), and a
    # ratio of figures measured minutes apart would measure the drift.
    rates: dict[str, list[float]] = {"floor": [], "indexed": [], "kernel": [], "contended": []}
    calls = {
        "floor": raw_call(bare),
        "indexed": raw_call(indexed),
        "kernel": kernel_call,
        "contended": contended_call,
    }
    for _ in range(ROUNDS):
        for name, make in calls.items():
            rates[name].append(calls_per_second(THREADS, ctx.seconds / ROUNDS, make))
    floor, same_indexes, kernel, contended = (sum(rates[n]) / ROUNDS for n in calls)
    assert ledger.check() == [], "the benchmark's books must agree"
    return [
        Result.measured("ledger_submit", kernel, "submits/s", baseline=floor, goal=0.85),
        Result.measured("ledger_submit_vs_indexed_insert", kernel, "submits/s", baseline=same_indexes),
        Result.measured("ledger_submit_one_account", contended, "submits/s", baseline=floor),
    ]
