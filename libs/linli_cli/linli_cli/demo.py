"""Demo districts from the seeds, loaded through the same gRPC API an administrator uses."""

from __future__ import annotations

import uuid

import grpc
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_platform.auth import ROLES, Principal, issue_token

DEMO_TENANTS = [
    {"id": "hanyang", "name": "汉阳区", "compounds": [
        ("jinjiang", "金江公寓", "杨泗社区"), ("jiangshan-heyue", "招商江山和樾", "新五里社区")]},
    {"id": "xingshan", "name": "兴山区", "compounds": [("yuying-1", "育英一小区", "育英社区")]},
    {"id": "longtan", "name": "龙潭区", "compounds": [("zhanqian-1", "站前小区", "站前社区")]},
    {"id": "donghu", "name": "东湖高新区", "compounds": [
        ("anpudun", "当代安普顿小镇", "湾郡社区"), ("xinlongwan", "鑫龙湾", "湾郡社区"),
        ("tianxiang", "天祥尚府", "湾郡社区")]},
]
DEMO_ORGS = {"property_firm": "shimao"}


def tokens_for(secret: str, tenant: str, ttl: int) -> dict[str, str]:
    return {
        role: issue_token(secret, Principal(tenant=tenant, role=role, subject=f"{role}@{tenant}",
                                            org=DEMO_ORGS.get(role, "")), ttl)
        for role in ROLES if role != "platform_admin"
    }


def load(address: str, secret: str, ttl: int = 7 * 24 * 3600) -> list[dict]:
    """Create the demo districts (idempotent by natural key) and return them with a token per role."""
    platform = issue_token(secret, Principal(tenant="platform", role="platform_admin", subject="linli-dev"), ttl)
    out = []
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.CommunitiesServiceStub(channel)
        for tenant in DEMO_TENANTS:
            _ignore_exists(lambda t=tenant: stub.CreateTenant(pb.CreateTenantRequest(
                request_id=f"demo-{t['id']}", tenant_id=t["id"], name=t["name"]),
                metadata=[("authorization", f"Bearer {platform}")], timeout=10))
            tokens = tokens_for(secret, tenant["id"], ttl)
            admin = [("authorization", f"Bearer {tokens['district_admin']}")]
            for compound_id, name, community in tenant["compounds"]:
                _ignore_exists(lambda c=compound_id, n=name, m=community: stub.CreateCompound(
                    pb.CreateCompoundRequest(request_id=f"demo-{c}-{uuid.uuid4().hex[:6]}", compound_id=c, name=n,
                                             community=m), metadata=admin, timeout=10))
            out.append({"id": tenant["id"], "name": tenant["name"], "tokens": tokens})
    return out


def _ignore_exists(call) -> None:
    try:
        call()
    except grpc.RpcError as err:
        if err.code() != grpc.StatusCode.ALREADY_EXISTS:
            raise
