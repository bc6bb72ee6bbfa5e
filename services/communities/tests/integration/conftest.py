"""Fixtures of the hierarchy integration tests: the API in-process on the real db, a seeded district."""

from __future__ import annotations

import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_communities.entrypoints.grpc_api import specs
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import bearer, make_token


@pytest.fixture
def stub(mongo_db):
    running = build_server(mongo_db, specs(mongo_db), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.CommunitiesServiceStub(channel)
    channel.close()
    running.drain(0)


def rid() -> str:
    return uuid.uuid4().hex


def as_(tenant: str, role: str, org: str = ""):
    return bearer(make_token(tenant, role, org=org))


def seed(stub, tenant: str) -> None:
    """A district with one community, compound, building, household, team and firm contract."""
    stub.CreateTenant(
        pb.CreateTenantRequest(request_id=rid(), tenant_id=tenant, name=f"{tenant}区"),
        metadata=as_("platform", "platform_admin"),
    )
    admin = as_(tenant, "district_admin")
    stub.UpsertCommunity(
        pb.UpsertCommunityRequest(
            request_id=rid(), community_id="yangsi", name="杨泗社区", street="鹦鹉街道"
        ),
        metadata=admin,
    )
    stub.UpsertCompound(
        pb.UpsertCompoundRequest(
            request_id=rid(), compound_id="jinjiang", name="金江公寓", community_id="yangsi"
        ),
        metadata=admin,
    )
    stub.UpsertBuilding(
        pb.UpsertBuildingRequest(
            request_id=rid(),
            compound_id="jinjiang",
            building_id="1",
            name="1栋",
            leader_subject="lead@x",
            leader_name="王楼长",
        ),
        metadata=admin,
    )
    stub.UpsertHousehold(
        pb.UpsertHouseholdRequest(
            request_id=rid(),
            compound_id="jinjiang",
            building_id="1",
            household_id="1-1-101",
            label="1栋1单元101",
            area_centi_m2=8650,
            residents=[pb.Resident(name="张三", phone="13812345678", tenure=pb.TENURE_OWNER)],
        ),
        metadata=admin,
    )
    stub.UpsertOrganisation(
        pb.UpsertOrganisationRequest(
            request_id=rid(),
            org_id="shuidian",
            kind=pb.ORGANISATION_KIND_VOLUNTEER_TEAM,
            name="水电志愿服务队",
            community_id="yangsi",
            specialties=["水电"],
            members=[pb.Member(subject="v1", name="李四")],
        ),
        metadata=admin,
    )
    stub.RegisterPropertyFirm(
        pb.RegisterPropertyFirmRequest(request_id=rid(), org_id="shimao", name="世茂物业"), metadata=admin
    )
    stub.UpsertPropertyContract(
        pb.UpsertPropertyContractRequest(
            request_id=rid(),
            org_id="shimao",
            compound_id="jinjiang",
            services=["plumbing"],
            starts_on="2025-08-01",
            active=True,
        ),
        metadata=admin,
    )


@pytest.fixture
def seeded(stub):
    """seeded(tenant): a district with a community, compound, building, household, team and firm contract."""
    return lambda tenant: seed(stub, tenant)
