"""The demo districts' governance configs, end to end: loaded by `linli dev`'s path, relayed by the worker,
changed with the `linli config` CLI as a separate process, invisible to other districts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import grpc
import pytest
import yaml
from kafka import KafkaConsumer
from linli.communities.v1 import events_pb2
from linli.communities.v1 import governance_pb2 as pb
from linli.communities.v1 import governance_pb2_grpc as pb_grpc
from linli_platform.events import decode, unpack
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until

pytestmark = pytest.mark.e2e
DEMO = Path(__file__).resolve().parents[2] / "deploy" / "demo"
TENANTS = ("hanyang", "xingshan", "longtan", "donghu")


@pytest.fixture
def stub(system):
    channel = grpc.insecure_channel(system.address("communities"))
    yield pb_grpc.GovernanceServiceStub(channel)
    channel.close()


def effective(stub, tenant: str, **scope) -> dict:
    found = stub.GetEffectiveConfig(
        pb.GetEffectiveConfigRequest(**scope), metadata=bearer(make_token(tenant, "resident"))
    )
    return yaml.safe_load(found.sections_yaml)


def test_every_demo_district_runs_its_own_config(stub):
    for tenant in TENANTS:
        assert (
            stub.GetConfig(
                pb.GetConfigRequest(), metadata=bearer(make_token(tenant, "district_admin"))
            ).version
            >= 1
        )
    assert effective(stub, "xingshan", compound="yuying-1")["fees"]["price_fen_per_m2_month"] == 30
    assert (
        effective(stub, "hanyang", compound="jiangshan-heyue")["tickets"]["categories"]["lighting"][
            "accept_within_minutes"
        ]
        == 15
    )
    assert (
        effective(stub, "hanyang", compound="jinjiang")["tickets"]["categories"]["lighting"][
            "accept_within_minutes"
        ]
        == 30
    )
    assert effective(stub, "donghu")["points"]["name"] == "湾郡币"


def test_the_worker_publishes_each_districts_config(system):
    consumer = KafkaConsumer(
        "communities.config.v1",
        bootstrap_servers=system.broker.bootstrap,
        auto_offset_reset="earliest",
        group_id="e2e-governance",
        consumer_timeout_ms=500,
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
    )
    seen: dict[str, object] = {}

    def all_published() -> bool:
        for record in consumer:
            event = unpack(decode(record.value))
            seen[event.tenant_id] = event
        return set(TENANTS) <= set(seen)

    try:
        wait_until(all_published, timeout=60, what="GovernanceConfigChanged of every demo district")
    finally:
        consumer.close()
    assert isinstance(seen["donghu"], events_pb2.GovernanceConfigChanged)
    assert dict(seen["donghu"].compound_communities) == {
        "anpudun": "wanjun",
        "xinlongwan": "wanjun",
        "tianxiang": "wanjun",
    }
    assert "湾郡币" in seen["donghu"].document_json


def test_the_config_cli_changes_one_district_and_no_other(system, stub, tmp_path):
    edited = tmp_path / "governance.yaml"
    edited.write_text(
        (DEMO / "longtan" / "governance.yaml")
        .read_text(encoding="utf-8")
        .replace("price_fen_per_m2_month: 20", "price_fen_per_m2_month: 25"),
        encoding="utf-8",
    )
    admin = make_token("longtan", "district_admin", "龙潭区管理员")
    before = stub.GetConfig(pb.GetConfigRequest(), metadata=bearer(admin)).version
    addresses = {
        f"LINLI_{svc.upper()}_ADDR": system.address(svc)
        for svc in ("communities", "tickets", "fees", "points", "notifications")
    }
    env = {**os.environ, "LINLI_TOKEN": admin, **addresses}
    done = subprocess.run(
        [sys.executable, "-m", "linli_cli.main", "config", "apply", str(edited), "-m", "调价", "--wait"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"已生效：版本 {before + 1}" in done.stdout
    assert "tickets " in done.stdout and "notifications " in done.stdout  # each reported the new version
    assert effective(stub, "longtan")["fees"]["price_fen_per_m2_month"] == 25
    other = bearer(make_token("xingshan", "district_admin"))
    history = stub.ListConfigHistory(pb.ListConfigHistoryRequest(), metadata=other)
    assert all(v.tenant_id == "xingshan" for v in history.versions)
    with pytest.raises(grpc.RpcError) as exc:
        stub.GetEffectiveConfig(pb.GetEffectiveConfigRequest(compound="zhanqian-1"), metadata=other)
    assert exc.value.code() == grpc.StatusCode.NOT_FOUND
