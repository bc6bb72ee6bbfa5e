"""The demo districts' governance configs (deploy/demo/<tenant>/governance.yaml), applied over gRPC.

Applied by each district's administrator after its hierarchy is loaded, so that the overrides of its
communities and compounds are checked against what exists. Re-running changes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import grpc
from linli.communities.v1 import governance_pb2 as pb
from linli.communities.v1 import governance_pb2_grpc as pb_grpc

from linli_cli.rpc import bearer


def config_path(demo_dir: Path, tenant_id: str) -> Path:
    return demo_dir / tenant_id / "governance.yaml"


def apply_all(address: str, tenants: list[dict], demo_dir: Path) -> dict[str, int]:
    """Apply every tenant's governance.yaml that exists; returns tenant → version in force."""
    versions = {}
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.GovernanceServiceStub(channel)
        for tenant in tenants:
            path = config_path(demo_dir, tenant["id"])
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            digest = hashlib.sha256(text.encode()).hexdigest()[:24]
            applied = stub.ApplyConfig(
                pb.ApplyConfigRequest(request_id=f"demo-config-{digest}", document=text, comment="演示数据"),
                metadata=bearer(tenant["tokens"]["district_admin"]),
                timeout=30,
            )
            versions[tenant["id"]] = applied.version
    return versions
