"""billing_run_100k: `linli fees run` over 100 000 households against a raw insert_many of 100 000
bill-sized documents on the same database server, in the same run (a server of the benchmark's own,
stopped afterwards: dropping what it wrote would take SecantusDB longer than the run).

The fees API runs as a process of its own (as in production) on a database holding the households'
local copy (100 000 households in one compound, inserted raw beforehand) and a governance copy; the
CLI is a process too, driving StartBillingRun/AdvanceBillingRun with its progress bar. Measured: the
CLI's wall time from start to the summary. Raw: the same number of documents shaped as the stored
bills (lines, outbox entry and all), inserted with insert_many in batches of the run's batch size into
a collection with the bills' indexes. Goal: run ÷ raw ≤ 2.0. Peak memory (VmHWM / max RSS) of the API
process and of the CLI, goal ≤ 300 MB each. No worker runs here: the outbox relay publishing the
100 000 BillIssued events afterwards is not part of the run.
"""

from __future__ import annotations

import os
import subprocess
import time
import zlib
from pathlib import Path

from harness import ROOT, Result
from linli_governance import parse_document
from linli_governance.document import to_json
from linli_platform.config import DEV_JWT_SECRET
from linli_platform.testing.fixtures import make_token
from linli_platform.testing.launchers import port_open, wait_until
from linli_platform.testing.ports import free_port, release
from pymongo import MongoClient

HOUSEHOLDS = 100_000
QUICK_HOUSEHOLDS = int(os.environ.get("LINLI_BENCH_FEES_QUICK_HOUSEHOLDS", "10000"))
GOAL_RATIO = 2.0
GOAL_MB = 300
TENANT, COMPOUND = "benchfees", "big-1"
DATABASE = "linli_bench_fees"
SHARDS = 64
BATCH = 2000


# The CLI as `linli fees run …`, printing its own peak RSS last (the summary is printed before).
CLI_WITH_PEAK = (
    "import resource, sys\n"
    "from linli_cli.main import app\n"
    "try:\n    app(sys.argv[1:], prog_name='linli')\n"
    "finally:\n"
    "    print(f'MAXRSS_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr)\n"
)


def household(i: int) -> dict:
    hid = f"{i // 1000 + 1}-{i % 1000:03d}"
    return {
        "tenant_id": TENANT,
        "compound_id": COMPOUND,
        "household_id": hid,
        "building_id": str(i // 1000 + 1),
        "label": f"{i // 1000 + 1}栋{i % 1000:03d}室",
        "area_centi_m2": 5000 + (i * 37) % 9000,
        "residents": [f"res-{i}"],
        "owners": [],
        "archived": False,
        "shard": zlib.crc32(f"{COMPOUND}/{hid}".encode()) % SHARDS,
        "version": 1,
    }


def load(uri: str, db, n: int) -> None:
    """The households' copy with the service's own indexes (made by its documents), then the rows."""
    import mongoengine  # noqa: PLC0415
    from linli_fees.adapters.documents import BillDoc, KnownHousehold  # noqa: PLC0415
    from linli_platform import mongo  # noqa: PLC0415
    from linli_platform.config import Settings  # noqa: PLC0415

    mongo.connect(Settings(service="fees", mongo_uri=uri, mongo_db=DATABASE))
    KnownHousehold._get_collection()
    BillDoc._get_collection()
    mongoengine.disconnect()
    collection = db["known_households"]
    for start in range(0, n, 5000):
        collection.insert_many([household(i) for i in range(start, min(n, start + 5000))])
    config = parse_document({"district": {"name": "基准区"}, "fees": {"price_fen_per_m2_month": 30}})
    db["governance_copies"].insert_one(
        {
            "tenant_id": TENANT,
            "version": 1,
            "document_json": to_json(config),
            "compound_communities": {COMPOUND: "c"},
        }
    )
    db["known_compounds"].insert_one(
        {
            "tenant_id": TENANT,
            "compound_id": COMPOUND,
            "name": "基准小区",
            "community_id": "c",
            "archived": False,
            "version": 1,
        }
    )


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def raw_seconds(db, template: dict, n: int) -> float:
    raw = db["raw_bills"]
    for name, spec in db["bills"].index_information().items():
        if name != "_id_":
            raw.create_index(spec["key"], name=name, unique=spec.get("unique", False))
    template = {k: v for k, v in template.items() if k != "_id"}
    began = time.perf_counter()
    for start in range(0, n, BATCH):
        raw.insert_many(
            [
                {**template, "bill_id": f"raw-{i}", "household_id": f"raw-{i}"}
                for i in range(start, min(n, start + BATCH))
            ],
            ordered=False,
        )
    return time.perf_counter() - began


def run(ctx) -> list[Result]:
    n = QUICK_HOUSEHOLDS if ctx.quick else HOUSEHOLDS
    with ctx.own_database("fees-billing") as database:
        mongo = MongoClient(database.uri, tz_aware=True)
        try:
            seconds, raw, api_mb, cli_mb = _measure(ctx, database.uri, mongo[DATABASE], n)
        finally:
            mongo.close()
    label = f"{n // 1000}k"
    return [
        Result.measured(
            f"billing_run_{label} (run ÷ raw insert_many)",
            seconds,
            "s",
            baseline=raw,
            goal=GOAL_RATIO,
            lower_is_better=True,
        ),
        Result.measured(f"billing_run_{label} bills/s", n / seconds, "bills/s", baseline=n / raw),
        Result.measured(
            f"billing_run_{label} peak memory, fees API", api_mb, "MB", goal=GOAL_MB, lower_is_better=True
        ),
        Result.measured(
            f"billing_run_{label} peak memory, CLI", cli_mb, "MB", goal=GOAL_MB, lower_is_better=True
        ),
    ]


def _measure(ctx, uri: str, db, n: int) -> tuple[float, float, float, float]:
    began = time.perf_counter()
    load(uri, db, n)
    print(f"  seeded {n} households in {time.perf_counter() - began:.0f}s", flush=True)
    port = free_port()
    env = {
        **os.environ,
        "LINLI_MONGO_URI": uri,
        "LINLI_MONGO_DB": DATABASE,
        "LINLI_GRPC_PORT": str(port),
        "LINLI_JWT_SECRET": DEV_JWT_SECRET,
        "LINLI_LOG_LEVEL": "WARNING",
    }
    release(port)
    api = subprocess.Popen(
        [ctx.python, "-m", "linli_fees.entrypoints.grpc_api"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: port_open(port), 60, "the fees API")
        token = make_token(TENANT, "district_admin", "bench-admin")
        args = [
            "fees",
            "run",
            "--compound",
            COMPOUND,
            "--period",
            "2026-01",
            "--address",
            f"127.0.0.1:{port}",
            "--token",
            token,
        ]
        cli = [ctx.python, "-c", CLI_WITH_PEAK, *args]
        began = time.perf_counter()
        done = subprocess.run(
            cli, env={**env, "COLUMNS": "120"}, capture_output=True, text=True, timeout=3600
        )
        seconds = time.perf_counter() - began
        if done.returncode != 0:
            api.terminate()
            raise RuntimeError(f"linli fees run failed: {done.stdout[-1000:]} {api.stderr.read()[-3000:]}")
        cli_mb = int(done.stderr.strip().splitlines()[-1].removeprefix("MAXRSS_KB=")) / 1024
        api_mb = vm_hwm_mb(api.pid)
    finally:
        api.terminate()
        api.wait(15)
    bills = db["bills"].estimated_document_count()  # this database holds the one district's run only
    if bills != n:
        raise RuntimeError(f"{bills} bills for {n} households")
    template = db["bills"].find_one({"tenant_id": TENANT})
    raw = raw_seconds(db, template, n)
    print(f"  run {seconds:.0f}s, raw insert_many {raw:.0f}s", flush=True)
    return seconds, raw, api_mb, cli_mb
