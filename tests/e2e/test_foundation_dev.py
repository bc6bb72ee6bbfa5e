"""`linli dev` as a developer runs it: a subprocess on the fixed ports 50051–50055, healthy with
reflection within 60 s, a manifest with tokens for every demo district and role, and Ctrl-C (SIGINT)
leaves nothing listening."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from linli.tickets.v1 import tickets_pb2 as tpb
from linli.tickets.v1 import tickets_pb2_grpc as tpb_grpc
from linli_platform.config import DEFAULT_GRPC_PORTS, DEFAULT_METRICS_PORTS
from linli_platform.testing.launchers import port_open, wait_until

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
ROLE_KEYS = {
    "district_admin",
    "community_staff",
    "grid_worker",
    "council",
    "property_firm",
    "volunteer",
    "resident",
}
GRPC_PORTS = sorted(DEFAULT_GRPC_PORTS.values())
# Each probe connects afresh: channels of one process share a subchannel per address, and an earlier
# test of this pytest process that called a fixed dev port while nothing listened leaves it in
# reconnect backoff (up to 2 minutes), so a shared probe would answer UNAVAILABLE while the API serves.
FRESH = [("grpc.use_local_subchannel_pool", 1)]
ALL_PORTS = [
    *GRPC_PORTS,
    *DEFAULT_METRICS_PORTS.values(),
    *(p + 10 for p in DEFAULT_METRICS_PORTS.values()),
    8080,
]


def _serving(port: int) -> bool:
    with grpc.insecure_channel(f"127.0.0.1:{port}", options=FRESH) as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=1)
        except grpc.RpcError:
            return False
    return reply.status == health_pb2.HealthCheckResponse.SERVING


def test_linli_dev_is_healthy_within_60s_and_ctrl_c_leaves_nothing_listening(tmp_path):
    # Another developer's `linli dev` on this machine holds the same fixed ports: wait for it to stop.
    wait_until(
        lambda: not any(port_open(p) for p in ALL_PORTS), 120, "the fixed dev ports to be free", interval=1
    )
    workdir = tmp_path / "dev"
    log = open(tmp_path / "linli-dev.log", "wb")  # noqa: SIM115 - closed below
    began = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "linli_cli.main", "dev", "--workdir", str(workdir)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until(
            lambda: all(_serving(p) for p in GRPC_PORTS) or process.poll() is not None,
            60,
            "every API to be SERVING",
            interval=0.5,
        )
        assert process.poll() is None, (tmp_path / "linli-dev.log").read_text()
        healthy_after = time.monotonic() - began
        assert healthy_after <= 60
        for port in GRPC_PORTS:
            with grpc.insecure_channel(f"127.0.0.1:{port}", options=FRESH) as channel:
                listed = ProtoReflectionDescriptorDatabase(channel).get_services()
            assert "grpc.health.v1.Health" in listed
            assert any(name.startswith("linli.") for name in listed), f"{port} lists {listed}"
        manifest_path = workdir / "dev.json"
        # The manifest follows the demo load (districts, households, governance), slower on a busy machine.
        wait_until(
            lambda: manifest_path.exists() or process.poll() is not None, 240, ".linli/dev.json", interval=0.5
        )
        assert process.poll() is None, (tmp_path / "linli-dev.log").read_text()[-3000:]
        manifest = json.loads(manifest_path.read_text())
        assert {s: f"127.0.0.1:{p}" for s, p in DEFAULT_GRPC_PORTS.items()}.items() <= manifest[
            "endpoints"
        ].items()
        assert manifest["endpoints"]["gateway"].startswith("http://")
        assert len(manifest["tenants"]) >= 2
        for tenant in manifest["tenants"]:
            assert tenant["id"] and tenant["name"]
            assert set(tenant["tokens"]) >= ROLE_KEYS, tenant["id"]
        # Ready means usable: a report in a demo compound works at once (no NOT_FOUND while copies arrive).
        hanyang = next(t for t in manifest["tenants"] if t["id"] == "hanyang")
        with grpc.insecure_channel(manifest["endpoints"]["tickets"], options=FRESH) as channel:
            ticket = tpb_grpc.TicketsServiceStub(channel).CreateTicket(
                tpb.CreateTicketRequest(
                    request_id="dev-ready",
                    compound_id="jinjiang",
                    category="lighting",
                    description="楼道灯不亮",
                ),
                metadata=[("authorization", f"Bearer {hanyang['tokens']['resident']}")],
                timeout=10,
            )
        assert ticket.id
        printed = (tmp_path / "linli-dev.log").read_text(encoding="utf-8")
        assert "✓ linli 已就绪（" in printed and "住户：" in printed
        # How long a governance change takes to be in force in every service of a fresh dev system.
        changed = tmp_path / "governance.yaml"
        original = (ROOT / "deploy/demo/hanyang/governance.yaml").read_text(encoding="utf-8")
        assert "price_fen_per_m2_month: 40" in original
        changed.write_text(original.replace("price_fen_per_m2_month: 40", "price_fen_per_m2_month: 41"))
        began_apply = time.monotonic()
        applied = subprocess.run(
            [
                sys.executable,
                "-m",
                "linli_cli.main",
                "config",
                "apply",
                str(changed),
                "--wait",
                "-m",
                "dev e2e",
            ],
            env={**os.environ, "LINLI_TOKEN": hanyang["tokens"]["district_admin"]},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert applied.returncode == 0, applied.stdout + applied.stderr
        print(f"config apply --wait: {time.monotonic() - began_apply:.1f} s", applied.stdout)  # noqa: T201
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGINT)  # Ctrl-C
        try:
            code = process.wait(60)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            log.close()
    assert code == 0, (tmp_path / "linli-dev.log").read_text()[-3000:]
    still = [p for p in ALL_PORTS if port_open(p)]
    assert still == [], f"still listening after Ctrl-C: {still}"
