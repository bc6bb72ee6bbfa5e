"""The hierarchy, households, care file and organisations through real gRPC on the real database."""

from __future__ import annotations

import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_communities.entrypoints.grpc_api import specs
from linli_platform.errors import field_violations
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import bearer, make_token

pytestmark = pytest.mark.integration


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


def test_another_districts_ids_are_not_found_on_every_rpc(stub):
    seed(stub, "alpha")
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


def test_phones_are_whole_for_staff_and_masked_for_a_council(stub):
    seed(stub, "alpha")
    request = pb.GetHouseholdRequest(compound_id="jinjiang", household_id="1-1-101")
    staff = stub.GetHousehold(request, metadata=as_("alpha", "community_staff"))
    council = stub.GetHousehold(request, metadata=as_("alpha", "council"))
    assert staff.residents[0].phone == "13812345678" and not staff.phones_masked
    assert council.residents[0].phone == "138****5678" and council.phones_masked
    for role in ("property_firm", "resident", "volunteer"):
        with pytest.raises(grpc.RpcError) as err:
            stub.GetHousehold(request, metadata=as_("alpha", role, org="shimao"))
        assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_care_file_is_for_staff_and_grid_workers_only_and_every_access_is_audited(stub):
    seed(stub, "alpha")
    key = {"compound_id": "jinjiang", "household_id": "1-1-101"}
    changed = stub.SetCareFile(
        pb.SetCareFileRequest(
            request_id=rid(), tags=[pb.CARE_TAG_BLUE, pb.CARE_TAG_YELLOW], notes="独居老人，每周探访", **key
        ),
        metadata=as_("alpha", "grid_worker"),
    )
    assert list(changed.tags) == [pb.CARE_TAG_YELLOW, pb.CARE_TAG_BLUE]
    read = stub.GetCareFile(pb.GetCareFileRequest(**key), metadata=as_("alpha", "community_staff"))
    assert read.notes == "独居老人，每周探访" and read.updated_by == "grid_worker@alpha"
    for role in ("property_firm", "resident", "council", "district_admin", "volunteer"):
        with pytest.raises(grpc.RpcError) as err:
            stub.GetCareFile(pb.GetCareFileRequest(**key), metadata=as_("alpha", role, org="shimao"))
        assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED, role
    audit = stub.ListCareAudit(pb.ListCareAuditRequest(**key), metadata=as_("alpha", "district_admin"))
    assert [(e.action, e.role) for e in audit.entries] == [
        ("read", "community_staff"),
        ("change", "grid_worker"),
    ]
    assert audit.entries[1].detail == "无 → yellow,blue；备注已修改"
    household = stub.GetHousehold(pb.GetHouseholdRequest(**key), metadata=as_("alpha", "community_staff"))
    assert "yellow" not in str(household)  # care tags never ride on the household message


def test_an_unknown_care_tag_number_names_the_field(stub):
    seed(stub, "alpha")
    with pytest.raises(grpc.RpcError) as err:
        stub.SetCareFile(
            pb.SetCareFileRequest(request_id=rid(), compound_id="jinjiang", household_id="1-1-101", tags=[9]),
            metadata=as_("alpha", "grid_worker"),
        )
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(err.value)[0][0] == "tags[0]"


def test_upserting_the_same_content_changes_nothing_and_archiving_hides_from_lists(stub):
    seed(stub, "alpha")
    admin = as_("alpha", "district_admin")
    same = stub.UpsertCompound(
        pb.UpsertCompoundRequest(
            request_id=rid(), compound_id="jinjiang", name="金江公寓", community_id="yangsi"
        ),
        metadata=admin,
    )
    assert same.version == 1 and same.community == "杨泗社区"
    archived = stub.UpsertCompound(
        pb.UpsertCompoundRequest(
            request_id=rid(), compound_id="jinjiang", name="金江公寓", community_id="yangsi", archived=True
        ),
        metadata=admin,
    )
    assert archived.version == 2
    assert stub.ListCompounds(pb.ListCompoundsRequest(), metadata=admin).page.total == 0
    assert stub.ListCompounds(pb.ListCompoundsRequest(include_archived=True), metadata=admin).page.total == 1


def test_cooperative_make_up_follows_the_district_config(stub, mongo_db):
    seed(stub, "alpha")
    admin = as_("alpha", "district_admin")
    members = [
        pb.Member(
            subject="s0",
            name="书记",
            position=pb.MEMBER_POSITION_CHAIR,
            party_member=True,
            title="社区党组织书记",
        )
    ]
    members += [
        pb.Member(subject=f"s{i}", name=f"副{i}", position=pb.MEMBER_POSITION_VICE_CHAIR, party_member=True)
        for i in (1, 2)
    ]
    members += [pb.Member(subject=f"m{i}", name=f"成员{i}", party_member=i < 2) for i in range(3)]
    request = pb.UpsertOrganisationRequest(
        request_id=rid(),
        org_id="coop",
        kind=pb.ORGANISATION_KIND_COOPERATIVE,
        name="共享物业社",
        community_id="yangsi",
        members=members,
    )
    with pytest.raises(grpc.RpcError) as err:  # six members: the default rules want 7–9
        stub.UpsertOrganisation(request, metadata=admin)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "7–9 members" in field_violations(err.value)[0][1]
    from mongoengine.connection import get_db  # noqa: PLC0415

    get_db()["governance_configs"].insert_one(
        {
            "tenant_id": "alpha",
            "version": 1,
            "current": True,
            "document": {"cooperative": {"min_members": 5, "max_members": 7}},
        }
    )
    created = stub.UpsertOrganisation(request, metadata=admin)
    assert created.kind == pb.ORGANISATION_KIND_COOPERATIVE and len(created.members) == 6


def test_a_property_firm_sees_only_its_own_contracts(stub):
    seed(stub, "alpha")
    admin = as_("alpha", "district_admin")
    stub.RegisterPropertyFirm(
        pb.RegisterPropertyFirmRequest(request_id=rid(), org_id="lit", name="力天物业"), metadata=admin
    )
    stub.UpsertPropertyContract(
        pb.UpsertPropertyContractRequest(
            request_id=rid(), org_id="lit", compound_id="jinjiang", starts_on="2025-01-01", active=True
        ),
        metadata=admin,
    )
    mine = stub.ListPropertyContracts(
        pb.ListPropertyContractsRequest(), metadata=as_("alpha", "property_firm", org="shimao")
    )
    assert [(c.org_id, c.org_name) for c in mine.contracts] == [("shimao", "世茂物业")]
    with pytest.raises(grpc.RpcError) as err:
        stub.UpsertPropertyContract(
            pb.UpsertPropertyContractRequest(
                request_id=rid(),
                org_id="lit",
                compound_id="jinjiang",
                starts_on="2025-02-01",
                ends_on="2025-01-01",
            ),
            metadata=admin,
        )
    assert field_violations(err.value) == [("ends_on", "is before starts_on")]
