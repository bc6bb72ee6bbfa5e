"""A district administrator of one district can read or change nothing of another: every RPC."""

from __future__ import annotations

import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as pb
from linli_platform.testing.fixtures import bearer, make_token

pytestmark = pytest.mark.integration


def rid() -> str:
    return uuid.uuid4().hex


def as_(tenant: str, role: str, org: str = ""):
    return bearer(make_token(tenant, role, org=org))


def test_another_districts_ids_are_not_found_on_every_rpc(stub, seeded):
    seeded("alpha")
    stub.CreateTenant(
        pb.CreateTenantRequest(request_id=rid(), tenant_id="beta", name="北区"),
        metadata=as_("platform", "platform_admin"),
    )
    admin, staff = as_("beta", "district_admin"), as_("beta", "community_staff")
    calls = [
        (stub.GetTenant, pb.GetTenantRequest(tenant_id="alpha"), admin),
        (stub.GetCommunity, pb.GetCommunityRequest(community_id="yangsi"), admin),
        (stub.GetCompound, pb.GetCompoundRequest(compound_id="jinjiang"), admin),
        (stub.GetBuilding, pb.GetBuildingRequest(compound_id="jinjiang", building_id="1"), admin),
        (stub.GetHousehold, pb.GetHouseholdRequest(compound_id="jinjiang", household_id="1-1-101"), admin),
        (stub.GetOrganisation, pb.GetOrganisationRequest(org_id="shuidian"), admin),
        (stub.GetCareFile, pb.GetCareFileRequest(compound_id="jinjiang", household_id="1-1-101"), staff),
        (
            stub.SetCareFile,
            pb.SetCareFileRequest(
                request_id=rid(), compound_id="jinjiang", household_id="1-1-101", tags=[pb.CARE_TAG_RED]
            ),
            staff,
        ),
        (
            stub.UpsertCompound,
            pb.UpsertCompoundRequest(request_id=rid(), compound_id="x", name="x", community_id="yangsi"),
            admin,
        ),
        (
            stub.UpsertBuilding,
            pb.UpsertBuildingRequest(request_id=rid(), compound_id="jinjiang", building_id="2", name="2栋"),
            admin,
        ),
        (
            stub.UpsertHousehold,
            pb.UpsertHouseholdRequest(
                request_id=rid(),
                compound_id="jinjiang",
                building_id="1",
                household_id="1-1-102",
                area_centi_m2=100,
            ),
            admin,
        ),
        (
            stub.UpsertOrganisation,
            pb.UpsertOrganisationRequest(
                request_id=rid(),
                org_id="t",
                kind=pb.ORGANISATION_KIND_COUNCIL,
                name="议事会",
                community_id="yangsi",
            ),
            admin,
        ),
        (
            stub.UpsertPropertyContract,
            pb.UpsertPropertyContractRequest(
                request_id=rid(), org_id="shimao", compound_id="jinjiang", starts_on="2025-01-01", active=True
            ),
            admin,
        ),
        (
            stub.RevokeRole,
            pb.RevokeRoleRequest(request_id=rid(), subject="v1", role="volunteer", org_id=""),
            admin,
        ),
        (
            stub.GrantRole,
            pb.GrantRoleRequest(request_id=rid(), subject="v1", role="volunteer", org_id="shuidian"),
            admin,
        ),
    ]
    for method, request, metadata in calls:
        with pytest.raises(grpc.RpcError) as err:
            method(request, metadata=metadata)
        assert err.value.code() == grpc.StatusCode.NOT_FOUND, method._method
    lists = [
        (stub.ListCommunities, pb.ListCommunitiesRequest(), "communities"),
        (stub.ListCompounds, pb.ListCompoundsRequest(), "compounds"),
        (stub.ListBuildings, pb.ListBuildingsRequest(compound_id="jinjiang"), "buildings"),
        (stub.ListHouseholds, pb.ListHouseholdsRequest(compound_id="jinjiang"), "households"),
        (stub.ListOrganisations, pb.ListOrganisationsRequest(), "organisations"),
        (stub.ListPropertyContracts, pb.ListPropertyContractsRequest(), "contracts"),
        (stub.ListRoleGrants, pb.ListRoleGrantsRequest(), "grants"),
        (stub.ListCareAudit, pb.ListCareAuditRequest(), "entries"),
    ]
    for method, request, field in lists:
        answer = method(request, metadata=admin)
        assert len(getattr(answer, field)) == 0 and answer.page.total == 0, method._method
    rows = pb.ImportHouseholdsRequest(
        request_id=rid(),
        rows=[
            pb.HouseholdRow(
                line=2, compound_id="jinjiang", building_id="1", household_id="1-1-103", area_centi_m2=100
            )
        ],
    )
    assert stub.ImportHouseholds(rows, metadata=admin).results[0].outcome == pb.ROW_OUTCOME_REJECTED
    # the same natural ids in beta are beta's own records; a global firm cannot be renamed by a district
    stub.UpsertCommunity(
        pb.UpsertCommunityRequest(request_id=rid(), community_id="yangsi", name="别的社区"), metadata=admin
    )
    firm = stub.RegisterPropertyFirm(
        pb.RegisterPropertyFirmRequest(request_id=rid(), org_id="shimao", name="改名"), metadata=admin
    )
    assert firm.name == "世茂物业"
    # alpha's data is intact
    alpha_admin = as_("alpha", "district_admin")
    alpha = stub.ListHouseholds(pb.ListHouseholdsRequest(), metadata=alpha_admin)
    assert [h.id for h in alpha.households] == ["1-1-101"]
    assert (
        stub.GetCommunity(pb.GetCommunityRequest(community_id="yangsi"), metadata=alpha_admin).name
        == "杨泗社区"
    )
