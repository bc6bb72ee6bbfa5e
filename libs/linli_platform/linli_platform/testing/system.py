"""The whole system as processes: broker, database, five API + five worker processes, gateway.

`linli dev` and the e2e/integration fixtures both use `System`, so tests run what developers run.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from linli_platform.config import DEFAULT_GRPC_PORTS, DEFAULT_METRICS_PORTS, DEV_JWT_SECRET, SERVICES
from linli_platform.testing.launchers import (
    Broker,
    Database,
    Process,
    free_port,
    port_open,
    wait_for_broker,
    wait_until,
)

WORKER_METRICS_OFFSET = 10  # worker of a service exposes metrics on its API metrics port + 10


@dataclass
class System:
    workdir: Path
    fixed_ports: bool = False
    services: tuple[str, ...] = SERVICES
    gateway: bool = True
    jwt_secret: str = DEV_JWT_SECRET
    extra_env: dict[str, str] = field(default_factory=dict)
    broker: Broker | None = None
    database: Database | None = None
    processes: dict[str, Process] = field(default_factory=dict)
    grpc_ports: dict[str, int] = field(default_factory=dict)
    metrics_ports: dict[str, int] = field(default_factory=dict)
    gateway_port: int = 0

    # -- lifecycle -----------------------------------------------------------------------------
    def start_infrastructure(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.broker = Broker(self.workdir).start()
        self.database = Database(self.workdir).start()

    def start(self, timeout: float = 60) -> System:
        self.start_infrastructure()
        for service in self.services:
            self.grpc_ports[service] = DEFAULT_GRPC_PORTS[service] if self.fixed_ports else free_port()
            self.metrics_ports[service] = DEFAULT_METRICS_PORTS[service] if self.fixed_ports else free_port()
            self.metrics_ports[f"{service}-worker"] = (
                DEFAULT_METRICS_PORTS[service] + WORKER_METRICS_OFFSET if self.fixed_ports else free_port()
            )
        self.gateway_port = 8080 if self.fixed_ports else free_port()
        self.metrics_ports["gateway"] = DEFAULT_METRICS_PORTS["gateway"] if self.fixed_ports else free_port()
        for service in self.services:
            self.start_api(service)
            self.start_worker(service)
        if self.gateway:
            self.start_gateway()
        self.wait_healthy(timeout)
        return self

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            process.wait_stopped()
        for infra in (self.database, self.broker):
            if infra is not None:
                infra.stop()

    def restart_exited(self) -> list[str]:
        """Start again every service process that has exited (what `restart: unless-stopped` does in
        docker-compose: a worker exits non-zero when its container dies); returns their names.

        The database comes back on its port with its data directory. The broker comes back on its port
        empty (Tansu keeps nothing), so every worker is stopped before it starts and started after:
        kafka-python clients that knew the old broker would otherwise wait at offsets the new logs do
        not have, and a send to a topic the new broker has not created yet is acknowledged and lost.
        Events recorded meanwhile wait in the outboxes; what the old broker held undelivered is gone.
        """
        restarted = []
        if self.database is not None and not self.database.process.alive:
            self.database = Database(self.workdir, port=self.database.port).start()
            restarted.append(self.database.process.name)
        if self.broker is not None and not self.broker.process.alive:
            workers = [p for name, p in self.processes.items() if name.endswith("-worker")]
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait_stopped()
            self.broker = Broker(self.workdir, port=self.broker.port).start()
            wait_for_broker(self.broker.bootstrap)
            restarted.append(self.broker.process.name)
        for name, process in list(self.processes.items()):
            if process.alive:
                continue
            if name == "gateway":
                self.start_gateway()
            elif name.endswith("-worker"):
                self.start_worker(name.removesuffix("-worker"))
            else:
                self.start_api(name.removesuffix("-api"))
            restarted.append(name)
        return restarted

    def __enter__(self) -> System:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- processes -----------------------------------------------------------------------------
    def env_for(self, service: str, metrics_port: int, grpc_port: int = 0) -> dict[str, str]:
        assert self.broker and self.database
        env = {
            "LINLI_SERVICE": service,
            "LINLI_GRPC_PORT": str(grpc_port),
            "LINLI_METRICS_PORT": str(metrics_port),
            "LINLI_MONGO_URI": self.database.uri,
            "LINLI_KAFKA_BOOTSTRAP": self.broker.bootstrap,
            "LINLI_JWT_SECRET": self.jwt_secret,
            "PYTHONUNBUFFERED": "1",
        }
        for other, port in self.grpc_ports.items():
            env[f"LINLI_{other.upper()}_ADDR"] = f"127.0.0.1:{port}"
        env.update(self.extra_env)
        return env

    def start_api(self, service: str) -> Process:
        process = Process(
            f"{service}-api",
            [sys.executable, "-m", f"linli_{service}.entrypoints.grpc_api"],
            self.workdir / "logs" / f"{service}-api.log",
            self.env_for(service, self.metrics_ports[service], self.grpc_ports[service]),
        )
        self.processes[process.name] = process.start()
        return process

    def start_worker(self, service: str) -> Process:
        process = Process(
            f"{service}-worker",
            [sys.executable, "-m", f"linli_{service}.entrypoints.worker"],
            self.workdir / "logs" / f"{service}-worker.log",
            self.env_for(service, self.metrics_ports[f"{service}-worker"]),
        )
        self.processes[process.name] = process.start()
        return process

    def start_gateway(self) -> Process:
        env = self.env_for("gateway", self.metrics_ports["gateway"])
        env["LINLI_GATEWAY_PORT"] = str(self.gateway_port)
        process = Process(
            "gateway", [sys.executable, "-m", "linli_gateway.app"], self.workdir / "logs" / "gateway.log", env
        )
        self.processes[process.name] = process.start()
        return process

    # -- health --------------------------------------------------------------------------------
    def address(self, service: str) -> str:
        return f"127.0.0.1:{self.grpc_ports[service]}"

    def serving(self, service: str) -> bool:
        with grpc.insecure_channel(self.address(service)) as channel:
            try:
                reply = health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(service=""), timeout=1
                )
            except grpc.RpcError:
                return False
        return reply.status == health_pb2.HealthCheckResponse.SERVING

    def worker_ready(self, service: str) -> bool:
        return port_open(self.metrics_ports[f"{service}-worker"])

    def wait_healthy(self, timeout: float = 60) -> None:
        def healthy() -> bool:
            dead = [p.name for p in self.processes.values() if not p.alive]
            if dead:
                raise RuntimeError(f"{dead} exited:\n" + "\n".join(self.processes[d].tail() for d in dead))
            return all(self.serving(s) and self.worker_ready(s) for s in self.services) and (
                not self.gateway or port_open(self.gateway_port)
            )

        wait_until(healthy, timeout, "every service to be SERVING", interval=0.2)

    def manifest(self, tenants: list[dict] | None = None) -> dict:
        endpoints = {s: self.address(s) for s in self.services}
        if self.gateway:
            endpoints["gateway"] = f"http://127.0.0.1:{self.gateway_port}"
        return {
            "endpoints": endpoints,
            "metrics": {
                name: f"http://127.0.0.1:{port}/metrics" for name, port in self.metrics_ports.items()
            },
            "broker": self.broker.bootstrap if self.broker else "",
            "mongo_uri": self.database.uri if self.database else "",
            "tenants": tenants or [],
        }

    def write_manifest(self, path: Path, tenants: list[dict]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.manifest(tenants), ensure_ascii=False, indent=2))
