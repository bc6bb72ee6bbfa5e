"""The benchmark harness: results, the context benchmarks share, and the report writers.

A benchmark is a module under bench/benchmarks/ with `run(ctx) -> list[Result]`. The context
starts what benchmarks need lazily (the real broker and database, or the whole system as
processes) and stops it once at the end of the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from linli_platform.testing.launchers import Broker, Database, Infra, wait_for_broker
from linli_platform.testing.system import System

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


@dataclass
class Result:
    """One figure. With a baseline, the goal applies to ratio = value / baseline; without, to value."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    ratio: float | None = None
    goal: float | None = None
    met: bool | None = None
    lower_is_better: bool = False

    @classmethod
    def measured(
        cls,
        name: str,
        value: float,
        unit: str,
        baseline: float | None = None,
        goal: float | None = None,
        lower_is_better: bool = False,
    ) -> Result:
        ratio = round(value / baseline, 3) if baseline else None
        judged = ratio if baseline else value
        met = None
        if goal is not None and judged is not None:
            met = judged <= goal if lower_is_better else judged >= goal
        return cls(
            name,
            round(value, 2),
            unit,
            None if baseline is None else round(baseline, 2),
            ratio,
            goal,
            met,
            lower_is_better,
        )

    def as_json(self) -> dict:
        out = asdict(self)
        out.pop("lower_is_better")
        return out


def calls_per_second(
    threads: int, seconds: float, make_call: Callable[[int], Callable[[], object]], warmup: int = 20
) -> float:
    """Calls per second of `threads` clients, each looping over its own call for `seconds`."""
    calls = [make_call(i) for i in range(threads)]
    counts = [0] * threads
    start = threading.Barrier(threads + 1)
    stop = threading.Event()

    def client(i: int) -> None:
        try:
            for _ in range(warmup):  # connections, caches
                calls[i]()
        except Exception:
            start.abort()  # the main thread's wait raises instead of hanging
            raise
        start.wait()
        n = 0
        while not stop.is_set():
            calls[i]()
            n += 1
        counts[i] = n

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)  # the measurement window, not synchronisation
    stop.set()
    for w in workers:
        w.join()
    return sum(counts) / (time.perf_counter() - began)


class ScriptServer:
    """A benchmark's own gRPC server script (bench/*.py) in its own process: it prints its port and
    serves until its stdin closes."""

    def __init__(self, ctx: Context, script: str, *args: str):
        self.process = subprocess.Popen(
            [ctx.python, str(BENCH / script), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.port = int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.terminate()
        self.process.wait(10)


class Context:
    """What benchmarks share: a work directory, the Python to run servers with, infra and system on demand."""

    def __init__(self, workdir: Path | None = None, quick: bool = False):
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="linli-bench-"))
        self.python = sys.executable
        self.quick = quick or os.environ.get("LINLI_BENCH_QUICK") == "1"
        self._infra: Infra | None = None
        self._system: System | None = None

    @property
    def seconds(self) -> float:
        """How long one measurement runs."""
        return 1.0 if self.quick else 4.0

    @property
    def infra(self) -> Infra:
        """A started broker and database (started on first use)."""
        if self._infra is None:
            broker = Broker(self.workdir / "infra").start()
            database = Database(self.workdir / "infra").start()
            wait_for_broker(broker.bootstrap)
            self._infra = Infra(broker, database)
        return self._infra

    @contextlib.contextmanager
    def own_database(self, name: str) -> Iterator[Database]:
        """A database server of the benchmark's own (same settings as the shared one), stopped and
        its data removed afterwards: dropping 100 000 documents takes SecantusDB minutes, and left
        behind they would weigh on the benchmarks after it."""
        database = Database(self.workdir / name).start()
        try:
            yield database
        finally:
            database.stop()
            shutil.rmtree(database.data, ignore_errors=True)

    def system(self) -> System:
        """The whole system as processes, with demo data (started on first use)."""
        if self._system is None:
            from linli_cli import demo  # noqa: PLC0415

            self._system = System(workdir=self.workdir / "system").start(timeout=120)
            # 200 households per district: the measured paths do not depend on the roster's size, and the
            # full ~11 000 would keep the workers (and the shared database) busy for minutes.
            self._system.tenants = demo.load(
                self._system.address("communities"), self._system.jwt_secret, household_limit=200
            )
        return self._system

    def close(self) -> None:
        if self._system is not None:
            self._system.stop()
        if self._infra is not None:
            self._infra.database.stop()
            self._infra.broker.stop()


def write_reports(results: list[Result], errors: list[str], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps([r.as_json() for r in results], indent=2, ensure_ascii=False))
    lines = [
        "| benchmark | value | unit | baseline | ratio | goal | met |",
        "|---|---:|---|---:|---:|---:|:-:|",
    ]
    for r in results:
        goal = "" if r.goal is None else ("≤ " if r.lower_is_better else "≥ ") + f"{r.goal:g}"
        met = {True: "yes", False: "**no**", None: ""}[r.met]
        lines.append(
            f"| {r.name} | {r.value:g} | {r.unit} | {_fmt(r.baseline)} | {_fmt(r.ratio)} | {goal} | {met} |"
        )
    if errors:
        lines += ["", "Errors:", *[f"- {e}" for e in errors]]
    (out / "latest.md").write_text("\n".join(lines) + "\n")


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
