"""Households, masking, the care file, upserts and organisations through real gRPC on the real database."""

from __future__ import annotations

import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as pb
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import bearer, make_token

pytestmark = pytest.mark.integration


def rid() -> str:
    return uuid.uuid4().hex


def as_(tenant: str, role: str, org: str = ""):
    return bearer(make_token(tenant, role, org=org))


def test_phones_are_whole_for_staff_and_masked_for_a_council(stub, seeded):
    seeded("alpha")
    request = pb.GetHouseholdRequest(compound_id="jinjiang", household_id="1-1-101")
    staff = stub.GetHousehold(request, metadata=as_("alpha", "community_staff"))
    council = stub.GetHousehold(request, metadata=as_("alpha", "council"))
    assert staff.residents[0].phone == "13812345678" and not staff.phones_masked
    assert council.residents[0].phone == "138****5678" and council.phones_masked
    for role in ("property_firm", "resident", "volunteer"):
        with pytest.raises(grpc.RpcError) as err:
            stub.GetHousehold(request, metadata=as_("alpha", role, org="shimao"))
        assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_care_file_is_for_staff_and_grid_workers_only_and_every_access_is_audited(stub, seeded):
    seeded("alpha")
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


def test_an_unknown_care_tag_number_names_the_field(stub, seeded):
    seeded("alpha")
    with pytest.raises(grpc.RpcError) as err:
        stub.SetCareFile(
            pb.SetCareFileRequest(request_id=rid(), compound_id="jinjiang", household_id="1-1-101", tags=[9]),
            metadata=as_("alpha", "grid_worker"),
        )
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(err.value)[0][0] == "tags[0]"


def test_upserting_the_same_content_changes_nothing_and_archiving_hides_from_lists(stub, seeded):
    seeded("alpha")
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


def test_cooperative_make_up_follows_the_district_config(stub, seeded):
    seeded("alpha")
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
    assert "7–9 名成员" in field_violations(err.value)[0][1]
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


def test_a_property_firm_sees_only_its_own_contracts(stub, seeded):
    seeded("alpha")
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
    assert field_violations(err.value) == [("ends_on", "早于开始日期 starts_on")]


def test_tokens_follow_grants_and_a_revoked_role_gets_no_new_token(stub, seeded):
    from linli_platform.auth import verify_token  # noqa: PLC0415
    from linli_platform.config import DEV_JWT_SECRET  # noqa: PLC0415

    seeded("alpha")
    admin = as_("alpha", "district_admin")
    grant = pb.GrantRoleRequest(request_id=rid(), subject="li@alpha", role="volunteer", org_id="shuidian")
    assert stub.GrantRole(grant, metadata=admin).active
    issue = pb.IssueGrantTokenRequest(
        subject="li@alpha", role="volunteer", org_id="shuidian", ttl_seconds=600
    )
    token = stub.IssueGrantToken(issue, metadata=admin).token
    principal = verify_token(DEV_JWT_SECRET, token)
    assert (principal.tenant, principal.role, principal.subject, principal.org) == (
        "alpha",
        "volunteer",
        "li@alpha",
        "shuidian",
    )
    with pytest.raises(grpc.RpcError) as err:  # a role never granted
        stub.IssueGrantToken(
            pb.IssueGrantTokenRequest(subject="li@alpha", role="community_staff"), metadata=admin
        )
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    stub.RevokeRole(
        pb.RevokeRoleRequest(request_id=rid(), subject="li@alpha", role="volunteer", org_id="shuidian"),
        metadata=admin,
    )
    with pytest.raises(grpc.RpcError) as err:
        stub.IssueGrantToken(issue, metadata=admin)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as err:  # a grant of another district mints nothing here
        stub.IssueGrantToken(issue, metadata=as_("beta", "district_admin"))
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as err:
        stub.GrantRole(
            pb.GrantRoleRequest(request_id=rid(), subject="x", role="platform_admin"), metadata=admin
        )
    assert field_violations(err.value)[0][0] == "role"
