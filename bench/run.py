"""`make bench`: run every benchmark under bench/benchmarks/ and write bench/results/latest.{json,md}.

    python bench/run.py [--only NAME ...] [--quick]

Exits non-zero only when a benchmark errors, never because a goal was missed.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchmarks  # noqa: E402
from harness import BENCH, Context, Result, write_reports  # noqa: E402

FIRST = (
    "chassis_overhead",
    "tickets_db_ops",
)  # then the rest in name order (db ops: before others load the system)


def discover(only: list[str]) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if not m.name.startswith("_"))
    ordered = [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]
    return [n for n in ordered if not only or n in only]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", default=[], help="benchmark module names")
    parser.add_argument("--quick", action="store_true", help="short measurements (smoke run)")
    parser.add_argument("--out", type=Path, default=BENCH / "results")
    args = parser.parse_args(argv)
    ctx = Context(quick=args.quick)
    results: list[Result] = []
    errors: list[str] = []
    try:
        for name in discover(args.only):
            began = time.monotonic()
            print(f"▶ {name}", flush=True)
            try:
                found = importlib.import_module(f"benchmarks.{name}").run(ctx)
            except Exception:
                traceback.print_exc()
                errors.append(f"{name}: {traceback.format_exc().splitlines()[-1]}")
                continue
            for r in found:
                mark = {True: "met", False: "MISSED", None: ""}[r.met]
                extra = f" ({r.ratio} of {r.baseline})" if r.baseline else ""
                goal = "" if r.goal is None else f" goal {r.goal} {mark}"
                print(f"  {r.name}: {r.value} {r.unit}{extra}{goal}", flush=True)
            results.extend(found)
            print(f"  {time.monotonic() - began:.1f}s", flush=True)
    finally:
        ctx.close()
        write_reports(results, errors, args.out)
    print(f"wrote {args.out / 'latest.json'} and {args.out / 'latest.md'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
