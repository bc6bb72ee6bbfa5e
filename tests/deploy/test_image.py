"""The image, rebuilt without Docker (no image registry is reachable here): the Dockerfile's own build
commands run into a fresh directory — the same files copied, the same `uv sync` with the same
environment and the same uv version — then the sources are thrown away, as the runtime stage keeps only
the virtualenv. From that virtualenv, through the image's entrypoint and with the runtime stage's
environment, a tickets API and its worker start against the launcher's broker and database, and the
image's HEALTHCHECK and docker-compose's health checks pass on them. A broken build command, a package
left out of the install, an entrypoint naming a module that is not there, or a health check that cannot
run in the image all fail here."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
from pathlib import Path

import grpc
import pytest
import yaml
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from linli_platform.testing.launchers import wait_until
from linli_platform.testing.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
SECRET = "image-test-secret-0123456789abcdef0123456789"

pytestmark = pytest.mark.integration  # installs every package into a new virtualenv (tens of seconds)


def _stages() -> dict[str, list[tuple[str, str]]]:
    """Each stage's instructions, `\\`-continued lines joined."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    stages: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, rest = line.partition(" ")
        if instruction == "FROM":
            current = stages.setdefault(rest.split(" AS ")[1].strip(), [])
        current.append((instruction, rest.strip()))
    return stages


def _env_of(stage: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction, rest in stage:
        if instruction == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


@pytest.fixture(scope="module")
def image(tmp_path_factory) -> Path:
    """The runtime stage's /app, made by the build stage's commands; returns that /app."""
    work = tmp_path_factory.mktemp("image")
    src, app = work / "src", work / "app"
    stages = _stages()
    build, runtime = stages["build"], stages["runtime"]
    env = _env_of(build)
    venv = env["UV_PROJECT_ENVIRONMENT"]
    assert venv == "/app/.venv"
    env["UV_PROJECT_ENVIRONMENT"] = str(app / ".venv")
    workdir = None
    uv = str(ROOT / ".tools/bin/uv")
    ran_sync = False
    for instruction, rest in build:
        if instruction == "WORKDIR":
            workdir = rest
            assert workdir == "/src"
            src.mkdir()
        elif instruction == "COPY":
            *sources, target = shlex.split(rest)
            for (
                source
            ) in sources:  # Docker's rules: a directory's content into the target, a file into a dir/
                origin, destination = ROOT / source, src / target
                if origin.is_dir():
                    shutil.copytree(
                        origin, destination, ignore=shutil.ignore_patterns("__pycache__", ".venv")
                    )
                elif target.endswith("/"):
                    destination.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(origin, destination / origin.name)
                else:
                    shutil.copy2(origin, destination)
        elif instruction == "RUN" and rest.startswith("pip install"):
            (pinned,) = re.findall(r"uv==([\d.]+)", rest)
            makefile = (ROOT / "Makefile").read_text()
            assert f"UV_VERSION := {pinned}" in makefile, "the image and the Makefile must use one uv"
            version = subprocess.run([uv, "--version"], capture_output=True, text=True, check=True).stdout
            assert version.split()[1] == pinned
        elif instruction == "RUN":
            args = shlex.split(rest)
            assert args[:2] == ["uv", "sync"] and "--frozen" in args and "--no-dev" in args
            done = subprocess.run(
                [uv, *args[1:]],
                cwd=src,
                env={**os.environ, **env, "VIRTUAL_ENV": ""},
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert done.returncode == 0, done.stderr[-3000:]
            ran_sync = True
    assert ran_sync
    shutil.rmtree(src)  # the runtime stage copies the virtualenv alone
    for instruction, rest in runtime:
        if instruction == "COPY" and "--from=build" not in rest:
            source, target = [a for a in shlex.split(rest) if not a.startswith("--")]
            assert target.startswith("/app/")
            shutil.copy2(ROOT / source, app / target.removeprefix("/app/"))
    return app


def _runtime_env(app: Path, **extra: str) -> dict[str, str]:
    env = _env_of(_stages()["runtime"])
    env["PATH"] = (
        env["PATH"].replace("/app/.venv/bin", str(app / ".venv/bin")).replace("$PATH", "/usr/bin:/bin")
    )
    return {**env, "HOME": str(app), **extra}


def _entrypoint(app: Path) -> list[str]:
    (entrypoint,) = [
        json.loads(rest) for instruction, rest in _stages()["runtime"] if instruction == "ENTRYPOINT"
    ]
    return [
        str(app / Path(part).relative_to("/app")) if part.startswith("/app/") else part for part in entrypoint
    ]


def _healthcheck(app: Path) -> list[str]:
    (check,) = [rest for instruction, rest in _stages()["runtime"] if instruction == "HEALTHCHECK"]
    command = json.loads(check[check.index("CMD ") + 4 :])
    return command


def _compose_check(component: str) -> list[str]:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    test = services[component]["healthcheck"]["test"]
    assert test[0] == "CMD"
    return test[1:]


def _passes(command: list[str], env: dict[str, str]) -> bool:
    done = subprocess.run(command, env=env, capture_output=True, timeout=30)
    return done.returncode == 0


def _healthy(started: _Started, command: list[str], env: dict[str, str]) -> bool:
    if started.popen.poll() is not None:  # exited: no point waiting
        raise RuntimeError(f"exited with {started.popen.returncode}:\n{started.tail()}")
    return _passes(command, env)


class _Started:
    def __init__(self, app: Path, env: dict[str, str], log: Path):
        self.log = log
        with open(log, "wb") as out:
            self.popen = subprocess.Popen(
                _entrypoint(app), env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> int:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(30)
        finally:
            try:
                os.killpg(self.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_the_install_holds_every_entrypoint_and_the_cli_without_the_sources(image):
    bin_dir = image / ".venv/bin"
    assert (bin_dir / "linli").exists()
    done = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import linli_platform, linli_tickets; print(linli_tickets.__file__)",
        ],
        env=_runtime_env(image),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert str(image / ".venv") in done.stdout, "installed into the virtualenv, not linked to the sources"
    help_text = subprocess.run(
        [*_entrypoint(image), "linli", "--help"],
        env=_runtime_env(image),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert help_text.returncode == 0, help_text.stderr


def test_an_api_and_its_worker_start_from_the_image_and_pass_their_health_checks(image, infra, tmp_path):
    grpc_port, api_metrics, worker_metrics = free_port(), free_port(), free_port()
    common = {
        "LINLI_JWT_SECRET": SECRET,
        "LINLI_MONGO_URI": infra.mongo_uri,
        "LINLI_KAFKA_BOOTSTRAP": infra.bootstrap,
        "LINLI_MONGO_DB": "image_test_tickets",
    }
    api_env = _runtime_env(
        image,
        **common,
        LINLI_COMPONENT="tickets-api",
        LINLI_GRPC_PORT=str(grpc_port),
        LINLI_METRICS_PORT=str(api_metrics),
    )
    worker_env = _runtime_env(
        image, **common, LINLI_COMPONENT="tickets-worker", LINLI_METRICS_PORT=str(worker_metrics)
    )
    api = _Started(image, api_env, tmp_path / "api.log")
    worker = _Started(image, worker_env, tmp_path / "worker.log")
    try:
        image_check, api_check = _healthcheck(image), _compose_check("tickets-api")
        wait_until(
            lambda: _healthy(api, image_check, api_env),
            90,
            f"the API's health\n{api.tail()}",
        )
        assert _passes(api_check, api_env), "docker-compose's check of an API fails in the image"
        with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
            stub = reflection_pb2_grpc.ServerReflectionStub(channel)
            request = reflection_pb2.ServerReflectionRequest(list_services="")
            (answer,) = list(stub.ServerReflectionInfo(iter([request]), timeout=10))
            names = {s.name for s in answer.list_services_response.service}
        assert any(name.startswith("linli.tickets.v1.") for name in names), names
        worker_check = _compose_check("tickets-worker")
        wait_until(
            lambda: _healthy(worker, image_check, worker_env),
            120,
            f"the worker's health\n{worker.tail()}",
        )
        assert _passes(worker_check, worker_env), "docker-compose's check of a worker fails in the image"
    finally:
        api_code, worker_code = api.stop(), worker.stop()
    assert api_code == 0, api.tail()
    assert worker_code == 0, worker.tail()
    assert not _passes(_healthcheck(image), api_env), "the health check passes with nothing running"


def test_the_gateway_starts_from_the_image_and_passes_its_health_checks(image, infra, tmp_path):
    port, metrics = free_port(), free_port()
    env = _runtime_env(
        image,
        LINLI_JWT_SECRET=SECRET,
        LINLI_MONGO_URI=infra.mongo_uri,
        LINLI_MONGO_DB="image_test_gateway",
        LINLI_COMPONENT="gateway",
        LINLI_GATEWAY_HOST="0.0.0.0",
        LINLI_GATEWAY_PORT=str(port),
        LINLI_METRICS_PORT=str(metrics),
    )
    gateway = _Started(image, env, tmp_path / "gateway.log")
    try:
        wait_until(
            lambda: _healthy(gateway, _healthcheck(image), env), 90, f"the gateway's health\n{gateway.tail()}"
        )
        # docker-compose's check names the gateway's port there (8080); here it listens elsewhere.
        compose_check = [part.replace(":8080/", f":{port}/") for part in _compose_check("gateway")]
        assert _passes(compose_check, env), "docker-compose's check of the gateway fails in the image"
    finally:
        code = gateway.stop()
    # uvicorn shuts down gracefully on SIGTERM and then raises the signal again, so the process ends by it.
    assert code == -signal.SIGTERM, gateway.tail()
