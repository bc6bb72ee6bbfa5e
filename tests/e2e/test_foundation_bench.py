"""The benchmark harness (bench/run.py): results and goals, the reports it writes, its exit code
(non-zero only on error, never on a missed goal), and chassis_overhead measured for real (quick run)."""

from __future__ import annotations

import importlib
import json
import sys
import types
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("run"), importlib.import_module("harness")
    finally:
        sys.path.remove(str(BENCH))


def test_results_judge_the_ratio_with_a_baseline_and_the_value_without(bench):
    _, harness = bench
    faster = harness.Result.measured("x", 90, "calls/s", baseline=100, goal=0.85)
    assert (faster.ratio, faster.met) == (0.9, True)
    assert harness.Result.measured("x", 80, "calls/s", baseline=100, goal=0.85).met is False
    assert harness.Result.measured("t", 2.5, "s", baseline=1.0, goal=3, lower_is_better=True).met is True
    assert harness.Result.measured("t", 4, "s", goal=3, lower_is_better=True).met is False
    assert harness.Result.measured("n", 5, "MiB").met is None


def _fake(name: str, body) -> None:
    module = types.ModuleType(f"benchmarks.{name}")
    module.run = body
    sys.modules[module.__name__] = module


def test_a_missed_goal_is_reported_and_exits_zero_an_error_exits_non_zero(bench, tmp_path, monkeypatch):
    run, harness = bench
    _fake(
        "fake_missed",
        lambda ctx: [harness.Result.measured("fake_missed", 1, "ops/s", baseline=10, goal=0.85)],
    )

    def broken(ctx):
        raise RuntimeError("benchmark broke")

    _fake("fake_broken", broken)
    monkeypatch.setattr(run, "discover", lambda only: ["fake_missed"])
    assert run.main(["--out", str(tmp_path / "a")]) == 0
    [entry] = json.loads((tmp_path / "a" / "latest.json").read_text())
    assert entry == {
        "name": "fake_missed",
        "value": 1,
        "unit": "ops/s",
        "baseline": 10,
        "ratio": 0.1,
        "goal": 0.85,
        "met": False,
    }
    assert (
        "| fake_missed | 1 | ops/s | 10 | 0.1 | ≥ 0.85 | **no** |"
        in (tmp_path / "a" / "latest.md").read_text()
    )
    monkeypatch.setattr(run, "discover", lambda only: ["fake_missed", "fake_broken"])
    assert run.main(["--out", str(tmp_path / "b")]) == 1
    assert len(json.loads((tmp_path / "b" / "latest.json").read_text())) == 1  # what ran is still written
    assert "fake_broken: RuntimeError: benchmark broke" in (tmp_path / "b" / "latest.md").read_text()


def test_chassis_overhead_runs_first_and_measures_both_thread_counts(bench, tmp_path):
    run, _ = bench
    assert run.discover([])[0] == "chassis_overhead"
    assert run.main(["--only", "chassis_overhead", "--quick", "--out", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "latest.json").read_text())
    assert [r["name"] for r in results] == ["chassis_overhead[1 thread]", "chassis_overhead[8 threads]"]
    for r in results:
        assert r["value"] > 0 and r["baseline"] > 0 and r["goal"] == 0.85 and isinstance(r["met"], bool)
        assert r["ratio"] == pytest.approx(r["value"] / r["baseline"], abs=0.01)
