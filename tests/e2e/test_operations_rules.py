"""Prometheus configuration and rules, checked by promtool: the config is valid, the dev config scrapes
the same jobs on the dev ports, and every alert has a unit test in which it fires
(`promtool test rules deploy/prometheus/alerts_test.yml`, each alert also shown quiet on a look-alike).
Every metric a rule or dashboard names is in docs/metrics.md. .ci/run installs promtool where missing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import yaml
from linli_platform.config import DEFAULT_METRICS_PORTS, SERVICES

ROOT = Path(__file__).resolve().parents[2]
PROM = ROOT / "deploy" / "prometheus"
GRAFANA = ROOT / "deploy" / "grafana" / "dashboards"
WORKER_OFFSET = 10
PROMTOOL = shutil.which("promtool") or "promtool"  # missing: the tests fail; .ci/run installs it


def _yaml(name: str) -> dict:
    return yaml.safe_load((PROM / name).read_text())


def _promtool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PROMTOOL, *args], cwd=PROM, capture_output=True, text=True, timeout=120)


def _targets(config: dict) -> dict[tuple[str, str], str]:
    """(service, component) → target of every linli scrape job."""
    found = {}
    for job in config["scrape_configs"]:
        if not job["job_name"].startswith("linli-"):
            continue
        for group in job["static_configs"]:
            labels = group["labels"]
            for target in group["targets"]:
                found[(labels["service"], labels["component"])] = target
    return found


def expected_dev_targets() -> dict[tuple[str, str], str]:
    targets = {("gateway", "gateway"): f"127.0.0.1:{DEFAULT_METRICS_PORTS['gateway']}"}
    for service in SERVICES:
        targets[(service, "api")] = f"127.0.0.1:{DEFAULT_METRICS_PORTS[service]}"
        targets[(service, "worker")] = f"127.0.0.1:{DEFAULT_METRICS_PORTS[service] + WORKER_OFFSET}"
    return targets


def test_every_api_worker_and_the_gateway_is_scraped_by_compose_name_and_by_dev_port():
    compose, dev = _yaml("prometheus.yml"), _yaml("prometheus.dev.yml")
    dev_targets = _targets(dev)
    assert dev_targets == expected_dev_targets()
    compose_targets = _targets(compose)
    assert set(compose_targets) == set(dev_targets)
    for (service, component), target in compose_targets.items():
        name = "gateway" if component == "gateway" else f"{service}-{component}"
        assert target == f"{name}:{dev_targets[(service, component)].split(':')[1]}"
    strip = lambda c: {k: v for k, v in c.items() if k != "scrape_configs"}  # noqa: E731
    assert strip(compose) == strip(dev)
    assert compose["rule_files"] == ["rules.yml", "alerts.yml"]


def test_promtool_accepts_both_configs_and_the_rule_files():
    for args in (
        ["check", "config", "prometheus.yml"],
        ["check", "config", "prometheus.dev.yml"],
        ["check", "rules", "rules.yml", "alerts.yml"],
    ):
        done = _promtool(*args)
        assert done.returncode == 0, f"promtool {' '.join(args)}:\n{done.stdout}\n{done.stderr}"


def test_the_rule_unit_tests_pass():
    done = _promtool("test", "rules", "alerts_test.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_unit_tests_can_fail(tmp_path):
    """A wrong expectation fails: promtool really compares (a copy with one summary changed)."""
    for name in ("rules.yml", "alerts.yml"):
        shutil.copy(PROM / name, tmp_path / name)
    text = (
        (PROM / "alerts_test.yml").read_text().replace("一小时内 50% 的派单超时", "一小时内 10% 的派单超时")
    )
    (tmp_path / "alerts_test.yml").write_text(text)
    done = subprocess.run(
        [PROMTOOL, "test", "rules", "alerts_test.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0 and "LinliSlaBreachRate" in done.stdout + done.stderr


def test_every_alert_has_a_unit_test_where_it_fires():
    alerts = [r["alert"] for g in _yaml("alerts.yml")["groups"] for r in g["rules"] if "alert" in r]
    firing = {
        case["alertname"]
        for test in _yaml("alerts_test.yml")["tests"]
        for case in test.get("alert_rule_test", [])
        if case["exp_alerts"]
    }
    assert set(alerts) <= firing, set(alerts) - firing
    wanted = {
        "LinliGrpcErrorRatio",
        "LinliGrpcLatencyP99",
        "LinliSlaBreachRate",
        "LinliConsumerLag",
        "LinliOutboxBacklogAge",
        "LinliDeadLetters",
        "LinliWebhookFailureRatio",
        "LinliCollectionRatioDrop",
        "LinliTargetDown",
    }
    assert wanted <= set(alerts)


def _metric_names(expr: str) -> set[str]:
    words = set(re.findall(r"\b(?:linli|grpc_server)_[a-z0-9_]+", expr))
    return {re.sub(r"_(bucket|sum|count)$", "", w) for w in words}


def test_every_metric_a_rule_or_dashboard_names_is_in_the_catalogue():
    catalogue = (ROOT / "docs" / "metrics.md").read_text()
    exprs = [
        r["expr"] for name in ("rules.yml", "alerts.yml") for g in _yaml(name)["groups"] for r in g["rules"]
    ]
    for path in GRAFANA.glob("*.json"):
        dashboard = json.loads(path.read_text())
        exprs += [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    named = set().union(*(_metric_names(e) for e in exprs))
    missing = sorted(n for n in named if f"`{n}`" not in catalogue)
    assert not missing, f"not in docs/metrics.md: {missing}"


def test_dashboards_are_provisionable_and_every_variable_they_use_is_defined():
    datasource = yaml.safe_load(
        (ROOT / "deploy" / "grafana" / "provisioning" / "datasources" / "prometheus.yml").read_text()
    )["datasources"][0]["uid"]
    dashboards = [json.loads(p.read_text()) for p in sorted(GRAFANA.glob("*.json"))]
    assert {d["uid"] for d in dashboards} == {"linli-red", "linli-district"}
    for dashboard in dashboards:
        panels = dashboard["panels"]
        assert len({p["id"] for p in panels}) == len(panels), dashboard["uid"]
        defined = {v["name"] for v in dashboard["templating"]["list"]}
        for panel in panels:
            grid = panel["gridPos"]
            assert grid["x"] >= 0 and grid["x"] + grid["w"] <= 24, (dashboard["uid"], panel["title"])
            for target in panel.get("targets", []):
                assert target["datasource"]["uid"] == datasource
                used = set(re.findall(r"\$(\w+)", target["expr"])) - {"__rate_interval", "__range"}
                assert used <= defined, (dashboard["uid"], panel["title"], used - defined)
    district = next(d for d in dashboards if d["uid"] == "linli-district")
    assert [v["name"] for v in district["templating"]["list"]] == ["tenant"]
    assert all('tenant="$tenant"' in t["expr"] for p in district["panels"] for t in p.get("targets", []))


def test_every_recording_rule_and_alert_is_in_the_catalogue():
    catalogue = (ROOT / "docs" / "metrics.md").read_text()
    for name in ("rules.yml", "alerts.yml"):
        for group in _yaml(name)["groups"]:
            for rule in group["rules"]:
                named = rule.get("record") or rule["alert"]
                assert f"`{named}`" in catalogue, named
