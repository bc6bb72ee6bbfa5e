"""Every mutating RPC (its request has a request_id) answers a retry with the first answer, and the
same request_id with other content with ALREADY_EXISTS naming request_id — on the in-memory fakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli.communities.v1 import deliberation_pb2 as dpb
from linli.communities.v1 import deliberation_pb2_grpc as dpb_grpc
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from linli_communities.adapters.fakes import StoreRoster, fake_unit_of_work
from linli_communities.domain.households import HouseholdRecord, Resident
from linli_communities.domain.model import TenantProfile
from linli_communities.domain.organisations import Member
from linli_communities.entrypoints.grpc_api import CommunitiesServicer, specs
from linli_communities.service_layer import districts, governance, hierarchy, households, meetings, proposals
from linli_communities.service_layer import organisations as orgs
from linli_platform.auth import Principal
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import bearer, make_token

T = "hanyang"
ADMIN = Principal(T, "district_admin", "admin")
CONFIG = "district: {name: 汉阳区}\n"


def when(days: int) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(datetime.now(UTC) + timedelta(days=days))
    return stamp


def seed(store: FakeStore) -> dict[str, str]:
    """A district with its hierarchy, a team, a firm's contract, a grant, an open proposal, one
    being voted on, and a meeting. Returns the ids the requests name."""
    uow = fake_unit_of_work(store)
    districts.create_tenant(uow(T), TenantProfile(T, "汉阳区"))
    hierarchy.upsert_community(uow(T), "yangsi", "杨泗社区", "", False)
    hierarchy.upsert_compound(uow(T), "jinjiang", "金江公寓", "yangsi", "", False)
    hierarchy.upsert_building(uow(T), "jinjiang", "1", "1栋", "", "", False)
    owner = (Resident("张三", "13812345678", "owner", "owner0"),)
    households.upsert_household(uow(T), HouseholdRecord("jinjiang", "1", "1-1-101", "", 8650, owner), False)
    orgs.upsert_organisation(
        uow(T), "shuidian", "volunteer_team", "水电队", "yangsi", [], [], [Member("v", "李")], False
    )
    orgs.register_property_firm(uow(T), ADMIN, "shimao", "世茂物业", "")
    orgs.upsert_contract(uow(T), "shimao", "jinjiang", [], "2025-01-01", "", "", True)
    orgs.set_grant(uow(T), ADMIN, "v0", "volunteer", "shuidian", True)
    governance.apply(uow(T), ADMIN, CONFIG)
    open_ = proposals.create(uow(T), ADMIN, "jinjiang", "更换路灯", "", "greening", 100)
    voting = proposals.create(uow(T), ADMIN, "jinjiang", "加装监控", "", "security", 100)
    proposals.open_vote(uow(T), voting.id, StoreRoster(store), None)
    meeting = meetings.schedule(
        uow(T), ADMIN, "jinjiang", "self_management_team", "会议", datetime.now(UTC), [], []
    )
    return {"open": open_.id, "voting": voting.id, "meeting": meeting.id}


def row(area: int) -> cpb.HouseholdRow:
    return cpb.HouseholdRow(
        line=2, compound_id="jinjiang", building_id="1", household_id="1-1-9", area_centi_m2=area
    )


# (service, method, role, request(ids), the same request_id with other content(ids))
CASES = {
    "CreateTenant": (
        "c",
        "platform_admin",
        lambda i: cpb.CreateTenantRequest(tenant_id="beta", name="北区"),
        lambda i: cpb.CreateTenantRequest(tenant_id="beta", name="南区"),
    ),
    "CreateCompound": (
        "c",
        "district_admin",
        lambda i: cpb.CreateCompoundRequest(compound_id="c2", name="二号院"),
        lambda i: cpb.CreateCompoundRequest(compound_id="c2", name="三号院"),
    ),
    "UpsertCompound": (
        "c",
        "district_admin",
        lambda i: cpb.UpsertCompoundRequest(compound_id="jinjiang", name="金江", community_id="yangsi"),
        lambda i: cpb.UpsertCompoundRequest(compound_id="jinjiang", name="银江", community_id="yangsi"),
    ),
    "UpsertCommunity": (
        "c",
        "district_admin",
        lambda i: cpb.UpsertCommunityRequest(community_id="xinwuli", name="新五里社区"),
        lambda i: cpb.UpsertCommunityRequest(community_id="xinwuli", name="旧五里社区"),
    ),
    "UpsertBuilding": (
        "c",
        "district_admin",
        lambda i: cpb.UpsertBuildingRequest(compound_id="jinjiang", building_id="2", name="2栋"),
        lambda i: cpb.UpsertBuildingRequest(compound_id="jinjiang", building_id="2", name="3栋"),
    ),
    "UpsertHousehold": (
        "c",
        "district_admin",
        lambda i: cpb.UpsertHouseholdRequest(
            compound_id="jinjiang", building_id="1", household_id="1-1-102", area_centi_m2=8000
        ),
        lambda i: cpb.UpsertHouseholdRequest(
            compound_id="jinjiang", building_id="1", household_id="1-1-102", area_centi_m2=9000
        ),
    ),
    "ImportHouseholds": (
        "c",
        "district_admin",
        lambda i: cpb.ImportHouseholdsRequest(rows=[row(8000)]),
        lambda i: cpb.ImportHouseholdsRequest(rows=[row(9000)]),
    ),
    "ApplyOnboarding": (
        "c",
        "district_admin",
        lambda i: cpb.ApplyOnboardingRequest(
            buildings=[cpb.OnboardBuilding(compound_id="jinjiang", building_id="2", name="2栋")]
        ),
        lambda i: cpb.ApplyOnboardingRequest(
            buildings=[cpb.OnboardBuilding(compound_id="jinjiang", building_id="2", name="二栋")]
        ),
    ),
    "SetCareFile": (
        "c",
        "community_staff",
        lambda i: cpb.SetCareFileRequest(
            compound_id="jinjiang", household_id="1-1-101", tags=[cpb.CARE_TAG_RED]
        ),
        lambda i: cpb.SetCareFileRequest(
            compound_id="jinjiang", household_id="1-1-101", tags=[cpb.CARE_TAG_BLUE]
        ),
    ),
    "UpsertOrganisation": (
        "c",
        "district_admin",
        lambda i: cpb.UpsertOrganisationRequest(
            org_id="council", kind=cpb.ORGANISATION_KIND_COUNCIL, name="议事会", community_id="yangsi"
        ),
        lambda i: cpb.UpsertOrganisationRequest(
            org_id="council", kind=cpb.ORGANISATION_KIND_COUNCIL, name="理事会", community_id="yangsi"
        ),
    ),
    "RegisterPropertyFirm": (
        "c",
        "district_admin",
        lambda i: cpb.RegisterPropertyFirmRequest(org_id="vanke", name="万科物业"),
        lambda i: cpb.RegisterPropertyFirmRequest(org_id="vanke", name="万科服务"),
    ),
    "UpsertPropertyContract": (
        "c",
        "district_admin",
        lambda i: cpb.UpsertPropertyContractRequest(
            org_id="shimao", compound_id="jinjiang", starts_on="2025-03-01", active=True
        ),
        lambda i: cpb.UpsertPropertyContractRequest(
            org_id="shimao", compound_id="jinjiang", starts_on="2025-04-01", active=True
        ),
    ),
    "GrantRole": (
        "c",
        "district_admin",
        lambda i: cpb.GrantRoleRequest(subject="v1", role="volunteer", org_id="shuidian"),
        lambda i: cpb.GrantRoleRequest(subject="v2", role="volunteer", org_id="shuidian"),
    ),
    "RevokeRole": (
        "c",
        "district_admin",
        lambda i: cpb.RevokeRoleRequest(subject="v0", role="volunteer", org_id="shuidian"),
        lambda i: cpb.RevokeRoleRequest(subject="v9", role="volunteer", org_id="shuidian"),
    ),
    "ApplyConfig": (
        "g",
        "district_admin",
        lambda i: gpb.ApplyConfigRequest(document=CONFIG + "deliberation: {votes: {rule: headcount}}\n"),
        lambda i: gpb.ApplyConfigRequest(document=CONFIG + "deliberation: {votes: {rule: area_weighted}}\n"),
    ),
    "CreateProposal": (
        "d",
        "community_staff",
        lambda i: dpb.CreateProposalRequest(
            compound_id="jinjiang", title="绿化", category="greening", building_ids=["1"]
        ),
        # the same request but for the whole compound instead of 1栋: other content
        lambda i: dpb.CreateProposalRequest(compound_id="jinjiang", title="绿化", category="greening"),
    ),
    "OpenVote": (
        "d",
        "community_staff",
        lambda i: dpb.OpenVoteRequest(proposal_id=i["open"]),
        lambda i: dpb.OpenVoteRequest(proposal_id=i["open"], closes_at=when(9)),
    ),
    "CastBallot": (
        "d",
        "community_staff",
        lambda i: dpb.CastBallotRequest(
            proposal_id=i["voting"], household_id="1-1-101", choice=dpb.CHOICE_FOR
        ),
        lambda i: dpb.CastBallotRequest(
            proposal_id=i["voting"], household_id="1-1-101", choice=dpb.CHOICE_AGAINST
        ),
    ),
    "CloseVote": (
        "d",
        "community_staff",
        lambda i: dpb.CloseVoteRequest(proposal_id=i["voting"]),
        lambda i: dpb.CloseVoteRequest(proposal_id=i["open"]),
    ),
    "WithdrawProposal": (
        "d",
        "community_staff",
        lambda i: dpb.WithdrawProposalRequest(proposal_id=i["open"], reason="改由物业承担"),
        lambda i: dpb.WithdrawProposalRequest(proposal_id=i["open"], reason="另有安排"),
    ),
    "ScheduleMeeting": (
        "d",
        "community_staff",
        lambda i: dpb.ScheduleMeetingRequest(
            compound_id="jinjiang", tier="council", title="议事会", scheduled_at=when(1)
        ),
        lambda i: dpb.ScheduleMeetingRequest(
            compound_id="jinjiang", tier="council", title="议事会", scheduled_at=when(2)
        ),
    ),
    "RecordAttendance": (
        "d",
        "community_staff",
        lambda i: dpb.RecordAttendanceRequest(
            meeting_id=i["meeting"], attendees=[dpb.Attendee(name="张媛媛", party="community")]
        ),
        lambda i: dpb.RecordAttendanceRequest(
            meeting_id=i["meeting"], attendees=[dpb.Attendee(name="王修远", party="community")]
        ),
    ),
    "RecordMinutes": (
        "d",
        "community_staff",
        lambda i: dpb.RecordMinutesRequest(meeting_id=i["meeting"], minutes="议定"),
        lambda i: dpb.RecordMinutesRequest(meeting_id=i["meeting"], minutes="未议定"),
    ),
}
STUBS = {
    "c": cpb_grpc.CommunitiesServiceStub,
    "g": gpb_grpc.GovernanceServiceStub,
    "d": dpb_grpc.DeliberationServiceStub,
}
MUTATING = sorted(
    method.name
    for module in (cpb, gpb, dpb)
    for service in module.DESCRIPTOR.services_by_name.values()
    for method in service.methods
    if "request_id" in method.input_type.fields_by_name
)


@pytest.fixture
def system():
    store = FakeStore()
    ids = seed(store)
    settings = Settings(service="communities", grpc_workers=2)
    served = specs(settings, fake_unit_of_work(store), FakeIdempotencyStore(), StoreRoster(store))
    running = build_server(settings, served, port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield channel, ids
    channel.close()
    running.drain(0)


def test_every_mutating_rpc_is_covered_and_declares_its_request_id_semantics():
    assert sorted(CASES) == MUTATING
    servicers = [CommunitiesServicer, *(type(s.servicer) for s in specs(Settings(service="x"))[1:])]
    for name in MUTATING:
        [method] = [getattr(s, name) for s in servicers if hasattr(s, name)]
        assert getattr(method, "__linli_request_id__", "") in ("idempotent", "fingerprinted"), name


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_retry_gets_the_first_answer_and_other_content_is_already_exists(system, name):
    channel, ids = system
    service, role, request, other = CASES[name]
    call = getattr(STUBS[service](channel), name)
    meta = bearer(make_token(T, role))
    first_request = request(ids)
    first_request.request_id = "rid-1"
    first = call(first_request, metadata=meta)
    assert call(first_request, metadata=meta) == first
    changed = other(ids)
    changed.request_id = "rid-1"
    with pytest.raises(grpc.RpcError) as exc:
        call(changed, metadata=meta)
    assert exc.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert "request_id" in exc.value.details()
