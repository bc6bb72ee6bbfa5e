"""docker-compose.yml, the production deployment on one host: valid under `docker-compose config`, every
secret from the environment (listed in .env.example, none in the file), every linli process with a
health check, a restart policy and resource limits, MongoDB initiated as a replica set and Kafka's
topics created by one-shot jobs that run before any linli process — and those jobs' scripts run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from linli_platform.config import DEFAULT_GRPC_PORTS, SERVICES

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
COMPONENTS = [f"{s}-{kind}" for s in SERVICES for kind in ("api", "worker")] + ["gateway"]
REQUIRED = re.compile(r"\$\{(\w+):\?")  # ${NAME:?message}: compose refuses to run without NAME
DEFAULTED = re.compile(r"\$\{(\w+):-")
SECRET_NAME = re.compile(r"PASSWORD|SECRET|_KEY$|TOKEN")


def _required() -> set[str]:
    return set(REQUIRED.findall(COMPOSE.read_text()))


def _compose_bin() -> str:
    found = shutil.which("docker-compose")
    assert found, "docker-compose is not installed: `apt-get install docker-compose` (.ci/run does it)"
    return found


def _config(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    # An empty env file: a developer's own .env must not fill in what the test leaves unset.
    env_file = tmp_path / "empty.env"
    env_file.write_text("")
    keep = {k: v for k, v in os.environ.items() if k not in _required()}
    return subprocess.run(
        [_compose_bin(), "--env-file", str(env_file), "-f", str(COMPOSE), "config", "-q"],
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def rendered() -> dict:
    """The file as docker-compose itself resolves it (anchors merged, variables filled)."""
    env = {name: f"value-of-{name.lower()}" for name in _required()}
    done = subprocess.run(
        [_compose_bin(), "-f", str(COMPOSE), "config"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)["services"]


def test_docker_compose_config_accepts_the_file_with_every_secret_set(tmp_path):
    secrets = {name: f"test-{name.lower()}-0123456789abcdef0123456789" for name in _required()}
    done = _config(tmp_path, secrets)
    assert done.returncode == 0, done.stderr


def test_docker_compose_config_refuses_to_run_without_each_secret(tmp_path):
    required = _required()
    assert {
        "LINLI_JWT_SECRET",
        "LINLI_MONGO_PASSWORD",
        "MONGO_ROOT_PASSWORD",
        "MONGO_REPLICA_SET_KEY",
        "GRAFANA_ADMIN_PASSWORD",
    } <= required
    for missing in sorted(required):
        env = {name: "x" * 40 for name in required if name != missing}
        done = _config(tmp_path, env)
        assert done.returncode != 0 and missing in done.stderr, (missing, done.stderr)


def test_env_example_names_every_variable_and_holds_no_secret():
    example = (ROOT / ".env.example").read_text().splitlines()
    assigned = dict(line.split("=", 1) for line in example if line and not line.startswith("#"))
    assert set(assigned) == _required()
    assert all(value == "" for value in assigned.values()), "secrets in .env.example"
    mentioned = " ".join(example)
    for name in set(DEFAULTED.findall(COMPOSE.read_text())):
        assert name in mentioned, name


def test_no_secret_value_is_written_in_the_file():
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    for name, service in services.items():
        for key, value in (service.get("environment") or {}).items():
            if SECRET_NAME.search(key):
                assert re.fullmatch(r"\$\{\w+:\?[^}]*\}", str(value)), f"{name}: {key}={value}"
    uri = services["tickets-api"]["environment"]["LINLI_MONGO_URI"]
    assert re.search(r"mongodb://linli:\$\{LINLI_MONGO_PASSWORD:\?[^}]*\}@", uri)


def test_every_linli_process_is_checked_limited_restarted_and_unprivileged(rendered):
    for component in COMPONENTS:
        service = rendered[component]
        assert service["restart"] == "unless-stopped", component
        assert float(service["cpus"]) > 0 and service["mem_limit"], component
        assert service["read_only"] is True and service["cap_drop"] == ["ALL"], component
        assert "no-new-privileges:true" in service["security_opt"], component
        check = service["healthcheck"]["test"]
        assert check[0] == "CMD" and check[1] == "python", component
        env = service["environment"]
        if component.endswith("-api"):
            assert "HealthStub" in check[-1] and "LINLI_GRPC_PORT" in check[-1], component
            assert env["LINLI_GRPC_PORT"] == str(DEFAULT_GRPC_PORTS[component.removesuffix("-api")])
        elif component.endswith("-worker"):
            assert "/metrics" in check[-1] and "LINLI_METRICS_PORT" in check[-1], component
        else:
            assert "/healthz" in check[-1]
        depends = service["depends_on"]
        assert depends["mongo-init"]["condition"] == "service_completed_successfully", component
        assert depends["kafka-init"]["condition"] == "service_completed_successfully", component
        assert env["LINLI_MONGO_URI"].endswith("replicaSet=rs0&authSource=admin"), component
    for infra in ("mongo", "kafka", "prometheus", "grafana"):
        assert rendered[infra]["restart"] == "unless-stopped", infra
        assert rendered[infra]["healthcheck"]["test"], infra
        assert rendered[infra]["mem_limit"], infra
    for job in ("mongo-keyfile", "mongo-init", "kafka-init"):
        assert rendered[job]["restart"] == "no", job


def test_mongo_runs_an_authenticated_replica_set_that_the_init_job_initiates(rendered):
    command = rendered["mongo"]["command"]
    assert command[command.index("--replSet") + 1] == "rs0" and "--keyFile" in command
    assert rendered["mongo"]["depends_on"]["mongo-keyfile"]["condition"] == "service_completed_successfully"
    assert rendered["mongo-init"]["depends_on"]["mongo"]["condition"] == "service_healthy"
    script = rendered["mongo-init"]["environment"]["MONGO_INIT_SCRIPT"]
    assert "rs.initiate" in script and "createUser" in script
    # Every service's own database, and nothing else, is the application user's.
    for database in [*SERVICES, "gateway"]:
        assert f"'{database}'" in script, database


def test_the_mongo_init_script_is_valid_javascript(tmp_path, rendered):
    script = tmp_path / "init.js"
    script.write_text(rendered["mongo-init"]["environment"]["MONGO_INIT_SCRIPT"])
    node = shutil.which("node")
    assert node, "node is needed (the Makefile's lint uses npx too)"
    done = subprocess.run([node, "--check", str(script)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


def test_kafka_runs_in_kraft_mode_with_topics_partitioned_alike(rendered):
    env = rendered["kafka"]["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert "zookeeper" not in str(rendered["kafka"]).lower()
    init = rendered["kafka-init"]["environment"]
    assert env["KAFKA_NUM_PARTITIONS"] == init["KAFKA_TOPIC_PARTITIONS"] == "12"
    assert rendered["kafka-init"]["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_kafka_init_lists_every_topic_the_services_publish_or_consume(rendered, every_topic):
    listed = set(rendered["kafka-init"]["environment"]["LINLI_TOPICS"].split())
    missing = every_topic - listed
    assert not missing, (
        f"add to LINLI_TOPICS in deploy/k8s/base/kafka-topics.env (compose and Kubernetes read it): {missing}"
    )


def _run_kafka_init(tmp_path: Path, rendered: dict, existing: list[str]) -> list[list[str]]:
    """kafka-init's own script with its environment, run by sh against a stand-in kafka-topics.sh."""
    calls, listing, stub = tmp_path / "calls", tmp_path / "existing", tmp_path / "kafka-topics.sh"
    listing.write_text("".join(f"{name}\n" for name in existing))
    stub.write_text(f'#!/bin/sh\necho "$*" >> {calls}\ncase "$*" in *--list*) cat {listing} ;; esac\n')
    stub.chmod(0o755)
    calls.write_text("")
    service = rendered["kafka-init"]
    assert service["entrypoint"] == ["sh", "/scripts/kafka-topics.sh"]
    source = _mounts(service)["/scripts/kafka-topics.sh"][0]
    done = subprocess.run(
        ["sh", source],
        env={"PATH": "/usr/bin:/bin", **service["environment"], "KAFKA_TOPICS_BIN": str(stub)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0 and "topics ready" in done.stdout, done.stderr
    return [line.split() for line in calls.read_text().splitlines() if "--create" in line]


def test_kafka_init_creates_each_topic_and_its_dead_letter_topic_with_the_partitions(tmp_path, rendered):
    created = _run_kafka_init(tmp_path, rendered, existing=[])
    names = [args[args.index("--topic") + 1] for args in created]
    listed = rendered["kafka-init"]["environment"]["LINLI_TOPICS"].split()
    assert sorted(names) == sorted([*listed, *(f"{t}.dlq" for t in listed)])
    for args in created:
        assert args[args.index("--partitions") + 1] == "12"
        assert args[args.index("--replication-factor") + 1] == "1"
        assert args[args.index("--bootstrap-server") + 1] == "kafka:9092"


def test_kafka_init_run_again_creates_only_what_is_missing(tmp_path, rendered):
    listed = rendered["kafka-init"]["environment"]["LINLI_TOPICS"].split()
    existing = [t for t in listed if t != "tickets.ticket.v1"] + [f"{t}.dlq" for t in listed]
    created = _run_kafka_init(tmp_path, rendered, existing=existing)
    assert [args[args.index("--topic") + 1] for args in created] == ["tickets.ticket.v1"]


def test_the_mongo_key_file_job_writes_the_key_only_the_database_user_can_read(tmp_path, rendered):
    service = rendered["mongo-keyfile"]
    assert service["user"] == "root" and _mounts(service)["/keys"][0] == "mongo-keys"
    script = service["entrypoint"][2].replace("$$", "$").replace("/keys/", f"{tmp_path}/")
    done = subprocess.run(
        [service["entrypoint"][0], service["entrypoint"][1], script],
        env={"PATH": "/usr/bin:/bin", **service["environment"]},
        capture_output=True,
        text=True,
        timeout=30,
    )
    if os.geteuid() != 0:  # chown needs root, as in the container
        pytest.fail("run as root (as CI does): the job's chown needs it")
    assert done.returncode == 0, done.stderr
    key = tmp_path / "replica.key"
    assert key.read_text() == service["environment"]["MONGO_REPLICA_SET_KEY"]
    assert (key.stat().st_mode & 0o777, key.stat().st_uid, key.stat().st_gid) == (0o400, 999, 999)


def test_kafka_init_passes_a_client_configuration_to_every_call_when_given(tmp_path, rendered):
    service = {**rendered["kafka-init"]}
    service["environment"] = {**service["environment"], "KAFKA_CLIENT_CONFIG": "/secrets/client.properties"}
    created = _run_kafka_init(tmp_path, {**rendered, "kafka-init": service}, existing=[])
    calls = (tmp_path / "calls").read_text().splitlines()
    assert created and all("--command-config /secrets/client.properties" in call for call in calls)


def test_only_the_gateway_and_grafana_listen_beyond_the_hosts_loopback(rendered):
    public = set()
    for name, service in rendered.items():
        for port in service.get("ports", []):
            published = port if isinstance(port, str) else f"{port.get('host_ip', '')}:{port['published']}"
            if not published.startswith("127.0.0.1:"):
                public.add(name)
    assert public == {"gateway", "grafana"}


def _mounts(service: dict) -> dict[str, tuple[str, str]]:
    """target → (source, mode) from `source:target[:mode]` (docker-compose 1.x prints volumes so)."""
    mounts = {}
    for volume in service["volumes"]:
        source, target, *mode = volume.split(":")
        mounts[target] = (source, mode[0] if mode else "rw")
    return mounts


def test_monitoring_mounts_the_observability_configuration_read_only(rendered):
    prom, graf = _mounts(rendered["prometheus"]), _mounts(rendered["grafana"])
    assert prom["/etc/prometheus"] == (str(ROOT / "deploy/prometheus"), "ro")
    assert graf["/etc/grafana/provisioning"] == (str(ROOT / "deploy/grafana/provisioning"), "ro")
    assert graf["/var/lib/grafana/dashboards"] == (str(ROOT / "deploy/grafana/dashboards"), "ro")
    assert (ROOT / "deploy/prometheus/prometheus.yml").is_file()
    assert (ROOT / "deploy/grafana/provisioning").is_dir() and (ROOT / "deploy/grafana/dashboards").is_dir()
