"""collection_report: the collection rate (收缴率) of a compound for a period over 100 000 bills, by the
fees service's use case (its repository's aggregations plus the figures' arithmetic), against raw
pymongo aggregations computing the same figures on the same collections of the same server.

The data: one compound, 100 000 households each billed for 2026-01 and 2026-02, about 70 % of them with
an account holding payments (the stored shapes, made by the service's own mapping). Both sides run the
report for 2026-02 (receivable and received per household, the arrears opening and recovered);
best of three rounds each, taking turns. Goal: use case ÷ raw ≤ 2.0.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from harness import Result
from pymongo import MongoClient

BILLS = 100_000  # households × 2 periods ÷ 2: 50 000 households, two months each
QUICK_BILLS = 4_000
GOAL = 2.0
ROUNDS = 3
TENANT, COMPOUND, DATABASE = "benchfees", "big-1", "linli_bench_fees_report"
AT = datetime(2026, 2, 10, 2, 0, tzinfo=UTC)


def load(uri: str, db, households: int) -> None:
    import mongoengine  # noqa: PLC0415
    from linli_fees.adapters import mapping  # noqa: PLC0415
    from linli_fees.adapters.documents import AccountDoc, BillDoc  # noqa: PLC0415
    from linli_fees.domain.account import FeeAccount  # noqa: PLC0415
    from linli_fees.domain.bill import Bill  # noqa: PLC0415
    from linli_fees.domain.charges import Household, charge_lines  # noqa: PLC0415
    from linli_fees.domain.entries import OpenBill  # noqa: PLC0415
    from linli_fees.domain.periods import parse_period  # noqa: PLC0415
    from linli_fees.domain.schedule import ItemSchedule, Step  # noqa: PLC0415
    from linli_governance import parse_document  # noqa: PLC0415
    from linli_governance.document import to_json  # noqa: PLC0415
    from linli_platform import mongo  # noqa: PLC0415
    from linli_platform.config import Settings  # noqa: PLC0415

    mongo.connect(Settings(service="fees", mongo_uri=uri, mongo_db=DATABASE))
    BillDoc._get_collection()
    AccountDoc._get_collection()
    mongoengine.disconnect()
    item = ItemSchedule("property", "物业费", "property", "per_area", (Step(None, 30, ""),), frozenset(), 100)
    periods = [parse_period("2026-01"), parse_period("2026-02")]
    bills, accounts = [], []
    for i in range(households):
        h = Household(COMPOUND, f"h{i:06d}", str(i // 500), f"{i}室", 5000 + (i * 37) % 9000, ("r",), ())
        issued = [Bill.issue(TENANT, h, item, p, charge_lines(item, h, p), 15, "r", 1) for p in periods]
        for b in issued:
            bills.append({**mapping.bill_stored(b), "tenant_id": TENANT, "bill_id": b.id, "version": 1})
        if i % 10 < 7:
            account = FeeAccount(TENANT, h)
            fen = issued[0].amount_fen + (issued[1].amount_fen if i % 10 < 5 else issued[1].amount_fen // 2)
            account.pay(
                "p1",
                "fp",
                fen,
                "cash",
                "",
                "s",
                AT,
                [OpenBill(b.id, b.facts.period, b.amount_fen) for b in issued],
            )
            accounts.append(
                {
                    **mapping.account_stored(account),
                    "tenant_id": TENANT,
                    "account_id": account.id,
                    "version": 1,
                }
            )
        if len(bills) >= 5000:
            db["bills"].insert_many(bills)
            bills = []
        if len(accounts) >= 5000:
            db["accounts"].insert_many(accounts)
            accounts = []
    for name, rows in (("bills", bills), ("accounts", accounts)):
        if rows:
            db[name].insert_many(rows)
    config = parse_document({"district": {"name": "基准区"}, "fees": {"price_fen_per_m2_month": 30}})
    db["governance_copies"].insert_one(
        {
            "tenant_id": TENANT,
            "version": 1,
            "document_json": to_json(config),
            "compound_communities": {COMPOUND: "c"},
        }
    )


def raw_report(db) -> tuple:
    """The same figures with pymongo alone: two grouped aggregations and three sums."""
    scope = {"tenant_id": TENANT, "compound_id": COMPOUND}
    since, until = datetime(2026, 1, 31, 16, tzinfo=UTC), datetime(2026, 2, 28, 16, tzinfo=UTC)
    receivable = {
        r["_id"]: r["f"]
        for r in db["bills"].aggregate(
            [
                {"$match": {**scope, "period": "2026-02"}},
                {"$group": {"_id": "$household_id", "f": {"$sum": "$amount_fen"}}},
            ]
        )
    }
    received = {
        r["_id"]: r["f"]
        for r in db["accounts"].aggregate(
            [
                {"$match": scope},
                {"$project": {"household_id": 1, "allocs": 1}},
                {"$unwind": "$allocs"},
                {"$match": {"allocs.p": "2026-02"}},
                {"$group": {"_id": "$household_id", "f": {"$sum": "$allocs.f"}}},
            ]
        )
    }
    before = list(
        db["bills"].aggregate(
            [
                {"$match": {**scope, "first_month": {"$lt": "2026-02"}}},
                {"$group": {"_id": None, "f": {"$sum": "$amount_fen"}}},
            ]
        )
    )

    def allocated(match: dict) -> list:
        return list(
            db["accounts"].aggregate(
                [
                    {"$match": scope},
                    {"$project": {"allocs": 1}},
                    {"$unwind": "$allocs"},
                    {"$match": match},
                    {"$group": {"_id": None, "f": {"$sum": "$allocs.f"}}},
                ]
            )
        )

    paid_before = allocated({"allocs.m": {"$lt": "2026-02"}, "allocs.t": {"$lt": since}})
    recovered = allocated({"allocs.m": {"$lt": "2026-02"}, "allocs.t": {"$gte": since, "$lt": until}})
    paid = sum(1 for h, f in receivable.items() if received.get(h, 0) >= f)
    return len(receivable), paid, sum(receivable.values()), before, paid_before, recovered


def best_of_rounds(*fns) -> list[float]:
    """The best time of each function over ROUNDS rounds, the functions taking turns."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(ROUNDS):
        for fn, kept in zip(fns, times, strict=True):
            began = time.perf_counter()
            fn()
            kept.append(time.perf_counter() - began)
    return [min(kept) for kept in times]


def run(ctx) -> list[Result]:
    bills = QUICK_BILLS if ctx.quick else BILLS
    with ctx.own_database("fees-report") as database:
        stack, baseline = _measure(database.uri, bills)
    label = f"{bills // 1000}k"
    return [
        Result.measured(
            f"collection_report[{label} bills] (use case ÷ raw aggregation)",
            stack,
            "s",
            baseline=baseline,
            goal=GOAL,
            lower_is_better=True,
        )
    ]


def _measure(uri: str, bills: int) -> tuple[float, float]:
    import mongoengine  # noqa: PLC0415
    from linli_fees.adapters.unit_of_work import mongo_unit_of_work  # noqa: PLC0415
    from linli_fees.service_layer import reports  # noqa: PLC0415
    from linli_platform import mongo  # noqa: PLC0415
    from linli_platform.config import Settings  # noqa: PLC0415

    client = MongoClient(uri, tz_aware=True)
    db = client[DATABASE]
    began = time.perf_counter()
    load(uri, db, bills // 2)
    print(f"  seeded {bills} bills in {time.perf_counter() - began:.0f}s", flush=True)
    mongo.connect(Settings(service="fees", mongo_uri=uri, mongo_db=DATABASE))
    try:
        figures, _ = reports.collection_report(mongo_unit_of_work(TENANT), COMPOUND, "2026-02", AT)
        raw = raw_report(db)
        if (figures.households_billed, figures.households_paid) != raw[:2]:
            raise RuntimeError(f"the use case and the raw aggregation disagree: {figures} vs {raw[:3]}")
        stack, baseline = best_of_rounds(
            lambda: reports.collection_report(mongo_unit_of_work(TENANT), COMPOUND, "2026-02", AT),
            lambda: raw_report(db),
        )
    finally:
        mongoengine.disconnect()
        client.close()
    return stack, baseline
