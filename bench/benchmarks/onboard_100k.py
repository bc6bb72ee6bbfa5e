"""onboard_100k: `linli onboard` of 100 000 households (CLI process → communities API process →
Mongo-wire server) against raw pymongo insert_many of the very same stored documents into a
collection with the same indexes, on the same server in the same run. Goal: ≤ 3× the raw time.

Also reported: peak resident memory (VmHWM / ru_maxrss) of the CLI and of the service process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import grpc
from harness import Result
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_platform.config import DEV_JWT_SECRET
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import Process, free_port, port_open, wait_until
from pymongo import MongoClient

GOAL = 3.0
TENANT = "bench-onboard"
BUILDINGS = 100
HEADER = "compound_id,building_id,household_id,label,area_m2,residents\n"


def write_files(workdir: Path, households: int) -> tuple[Path, Path]:
    spec = workdir / "district.yaml"
    spec.write_text(
        f"district: {{id: {TENANT}, name: 基准区}}\n"
        "communities:\n  - id: c1\n    name: 基准社区\n    compounds:\n"
        f"      - {{id: p1, name: 基准小区, buildings: {BUILDINGS}}}\n",
        encoding="utf-8",
    )
    rows = workdir / "households.csv"
    per = households // BUILDINGS
    with rows.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(households):
            building = n // per + 1
            out.write(
                f"p1,{building},{building}-{n % per},{building}栋{n % per}室,{60 + n % 70}.25,"
                f"住户{n}:13{n % 10}{n:08d}:owner\n"
            )
    return spec, rows


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def raw_seconds(db, documents: list[dict]) -> float:
    raw = db["raw_households"]
    raw.drop()
    for index in db["households"].index_information().values():
        if index["key"] != [("_id", 1)]:
            raw.create_index(index["key"], unique=index.get("unique", False))
    began = time.perf_counter()
    raw.insert_many(documents, ordered=False)
    return time.perf_counter() - began


def run(ctx) -> list[Result]:
    households = 10_000 if ctx.quick else 100_000
    workdir = ctx.workdir / "onboard"
    workdir.mkdir(parents=True, exist_ok=True)
    spec, rows = write_files(workdir, households)
    database = f"bench_onboard_{uuid.uuid4().hex[:8]}"
    port, metrics = free_port(), free_port()
    env = {
        "LINLI_SERVICE": "communities",
        "LINLI_GRPC_PORT": str(port),
        "LINLI_METRICS_PORT": str(metrics),
        "LINLI_MONGO_URI": ctx.infra.mongo_uri,
        "LINLI_MONGO_DB": database,
        "LINLI_JWT_SECRET": DEV_JWT_SECRET,
        "LINLI_KAFKA_BOOTSTRAP": ctx.infra.bootstrap,
    }
    api = Process(
        "communities-bench",
        [sys.executable, "-m", "linli_communities.entrypoints.grpc_api"],
        workdir / "api.log",
        env,
    ).start()
    client = MongoClient(ctx.infra.mongo_uri)
    try:
        wait_until(lambda: port_open(port), 60, "the communities API to listen")
        address = f"127.0.0.1:{port}"
        with grpc.insecure_channel(address) as channel:
            pb_grpc.CommunitiesServiceStub(channel).CreateTenant(
                pb.CreateTenantRequest(request_id=uuid.uuid4().hex, tenant_id=TENANT, name="基准区"),
                metadata=bearer(make_token("platform", "platform_admin")),
                timeout=30,
            )
        service_before = peak_kib(api.popen.pid)
        cli_env = {**os.environ, "LINLI_TOKEN": make_token(TENANT, "district_admin")}
        began = time.perf_counter()
        command = [
            sys.executable,
            "-m",
            "linli_cli.main",
            "onboard",
            str(spec),
            "--households",
            str(rows),
            "--address",
            address,
            "--parallel",
            os.environ.get("LINLI_BENCH_PARALLEL", "2"),
        ]
        with (workdir / "cli.log").open("wb") as log:
            cli = subprocess.Popen(command, env=cli_env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(cli.pid, 0)
        onboard = time.perf_counter() - began
        cli.returncode = os.waitstatus_to_exitcode(status)
        if cli.returncode != 0:
            raise RuntimeError(
                f"linli onboard exited {cli.returncode}: {(workdir / 'cli.log').read_text()[-800:]}"
            )
        service_peak = peak_kib(api.popen.pid)
        db = client[database]
        stored = db["households"].count_documents({"tenant_id": TENANT})
        if stored != households:
            raise RuntimeError(f"onboarded {stored} of {households} households")
        documents = list(db["households"].find({"tenant_id": TENANT}, {"_id": 0}))
        raw = raw_seconds(db, documents)
        del documents
        return [
            Result.measured("onboard_100k", onboard, "s", baseline=raw, goal=GOAL, lower_is_better=True),
            Result.measured("onboard_100k_rate", households / onboard, "households/s"),
            Result.measured("onboard_100k_cli_peak_rss", usage.ru_maxrss / 1024, "MiB"),
            Result.measured(
                "onboard_100k_service_peak_rss",
                service_peak / 1024,
                "MiB",
                baseline=service_before / 1024 if service_before else None,
            ),
        ]
    finally:
        api.stop()
        client.drop_database(database)
        client.close()
