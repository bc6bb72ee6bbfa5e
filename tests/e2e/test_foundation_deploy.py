"""The deploy skeleton: one non-root multi-stage image whose LINLI_COMPONENT picks the process,
docker-compose with every API and worker plus MongoDB (replica set), Kafka (KRaft), Prometheus and
Grafana; Prometheus config and alert rules checked (and the rules unit-tested) by promtool, which
.ci/run installs. tests/deploy/ checks the compose file under docker-compose, the Kubernetes manifests
and the image's install."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml
from linli_platform.config import DEFAULT_GRPC_PORTS, DEFAULT_METRICS_PORTS, SERVICES

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPONENTS = [f"{s}-{kind}" for s in SERVICES for kind in ("api", "worker")] + ["gateway"]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _env(service: dict) -> dict:
    return {k: str(v) for k, v in service["environment"].items()}


def test_dockerfile_is_multi_stage_and_runs_as_a_non_root_user():
    text = (DEPLOY / "Dockerfile").read_text()
    stages = re.findall(r"^FROM \S+ AS (\w+)", text, re.MULTILINE)
    assert len(stages) >= 2
    runtime = text.split(f"AS {stages[-1]}", 1)[1]
    users = re.findall(r"^USER (\S+)", runtime, re.MULTILINE)
    assert users and not users[-1].startswith(("root", "0"))
    assert "--frozen" in text and "uv.lock" in text
    assert 'ENTRYPOINT ["/app/entrypoint.sh"]' in text


def test_the_entrypoint_maps_every_component_to_a_module_that_exists():
    script = (DEPLOY / "entrypoint.sh").read_text()
    assert os.access(DEPLOY / "entrypoint.sh", os.X_OK)
    for component in COMPONENTS:
        assert component in script, component
    for service in SERVICES:
        for module in (f"linli_{service}.entrypoints.grpc_api", f"linli_{service}.entrypoints.worker"):
            assert importlib.util.find_spec(module) is not None, module
    assert importlib.util.find_spec("linli_gateway.app") is not None


def test_the_entrypoint_refuses_an_unknown_component():
    done = subprocess.run(
        ["sh", str(DEPLOY / "entrypoint.sh")],
        env={"LINLI_COMPONENT": "mayor", "PATH": "/bin"},
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert done.returncode == 64 and "unknown LINLI_COMPONENT" in done.stderr


def test_compose_runs_every_component_with_its_ports_and_the_infrastructure():
    services = _compose()["services"]
    assert {"mongo", "kafka", "prometheus", "grafana", *COMPONENTS} <= set(services)
    assert "--replSet" in services["mongo"]["command"]
    assert "controller" in str(services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"])
    for service in SERVICES:
        api, worker = _env(services[f"{service}-api"]), _env(services[f"{service}-worker"])
        assert api["LINLI_COMPONENT"] == f"{service}-api"
        assert api["LINLI_GRPC_PORT"] == str(DEFAULT_GRPC_PORTS[service])
        assert api["LINLI_METRICS_PORT"] == str(DEFAULT_METRICS_PORTS[service])
        assert worker["LINLI_METRICS_PORT"] == str(DEFAULT_METRICS_PORTS[service] + 10)
        assert "replicaSet=rs0" in api["LINLI_MONGO_URI"] and api["LINLI_KAFKA_BOOTSTRAP"] == "kafka:9092"


def test_prometheus_scrapes_every_metrics_port_of_the_compose_services():
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    targets = {t for job in config["scrape_configs"] for sc in job["static_configs"] for t in sc["targets"]}
    services = _compose()["services"]
    for component in COMPONENTS:
        assert f"{component}:{_env(services[component])['LINLI_METRICS_PORT']}" in targets


def test_alert_rules_use_the_metrics_the_chassis_exports():
    exprs = " ".join(
        r["expr"]
        for name in ("rules.yml", "alerts.yml")
        for group in yaml.safe_load((DEPLOY / "prometheus" / name).read_text())["groups"]
        for r in group["rules"]
    )
    for metric in (
        "grpc_server_handled_total",
        "grpc_server_handling_seconds_bucket",
        "linli_outbox_oldest_pending_age_seconds",
        "linli_consumer_lag",
        "linli_events_dead_lettered_total",
    ):
        assert metric in exprs


def test_grafana_is_provisioned_with_the_datasource_and_dashboard():
    dashboards = [json.loads(p.read_text()) for p in (DEPLOY / "grafana" / "dashboards").glob("*.json")]
    exprs = " ".join(t["expr"] for d in dashboards for p in d["panels"] for t in p.get("targets", []))
    assert "grpc_server_handled_total" in exprs and "linli_consumer_lag" in exprs
    datasource = yaml.safe_load(
        (DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml").read_text()
    )
    assert datasource["datasources"][0]["url"] == "http://prometheus:9090"


def test_promtool_checks_config_and_rules(tmp_path):
    assert shutil.which("promtool"), (
        "promtool is not installed: `apt-get install prometheus` (.ci/run does it)"
    )
    prom = DEPLOY / "prometheus"
    # The config names the rules at their in-container path; check a copy pointing at the file here.
    config = yaml.safe_load((prom / "prometheus.yml").read_text())
    config["rule_files"] = [str(prom / "alerts.yml")]
    local = tmp_path / "prometheus.yml"
    local.write_text(yaml.safe_dump(config))
    for args in (
        ["check", "config", str(local)],
        ["check", "rules", str(prom / "alerts.yml")],
        ["test", "rules", str(prom / "alerts_test.yml")],
    ):
        done = subprocess.run(["promtool", *args], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"promtool {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
