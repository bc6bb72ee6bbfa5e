"""The demo districts as `linli dev` loads them (through `linli onboard`'s path) on the real processes:
the seeds' sizes, firm isolation, masking, and a second load that changes nothing."""

from __future__ import annotations

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_cli import demo
from linli_platform.config import DEV_JWT_SECRET
from linli_platform.testing.fixtures import bearer, make_token

pytestmark = pytest.mark.e2e


@pytest.fixture
def stub(system):
    channel = grpc.insecure_channel(system.address("communities"))
    yield pb_grpc.CommunitiesServiceStub(channel)
    channel.close()


def count(method, request, tenant: str, role: str = "district_admin") -> int:
    request.page.page_size = 1
    return method(request, metadata=bearer(make_token(tenant, role)), timeout=30).page.total


def sizes(stub) -> dict[str, tuple[int, int, int]]:
    return {
        t: (
            count(stub.ListCompounds, pb.ListCompoundsRequest(), t),
            count(stub.ListBuildings, pb.ListBuildingsRequest(), t),
            count(stub.ListHouseholds, pb.ListHouseholdsRequest(), t),
        )
        for t in ("hanyang", "xingshan", "longtan", "donghu")
    }


def test_the_demo_districts_have_the_seeds_sizes_and_a_second_load_changes_nothing(system, stub):
    before = sizes(stub)
    limit = system.demo_household_limit  # the seeds have 3200 (兴山), 6549 (湾郡), 764 (汉阳) households
    assert before["xingshan"] == (8, 34, min(3200, limit))
    assert before["donghu"][0] == 3 and before["donghu"][2] == min(6549, limit)
    assert before["hanyang"] == (2, 14, min(764, limit))
    versions = {
        h.id: h.version
        for h in stub.ListHouseholds(
            pb.ListHouseholdsRequest(compound_id="jinjiang"),
            metadata=bearer(make_token("hanyang", "district_admin")),
        ).households
    }
    demo.load(system.address("communities"), DEV_JWT_SECRET, household_limit=limit)
    assert sizes(stub) == before
    again = {
        h.id: h.version
        for h in stub.ListHouseholds(
            pb.ListHouseholdsRequest(compound_id="jinjiang"),
            metadata=bearer(make_token("hanyang", "district_admin")),
        ).households
    }
    assert again == versions and set(again.values()) == {1}


def test_shimao_sees_its_jinjiang_contract_and_masked_phones_stay_masked(system, stub):
    firm = bearer(system.tenants[0]["tokens"]["property_firm"])
    contracts = stub.ListPropertyContracts(pb.ListPropertyContractsRequest(), metadata=firm).contracts
    assert [(c.org_id, c.compound_id, c.org_name) for c in contracts] == [("shimao", "jinjiang", "世茂物业")]
    with pytest.raises(grpc.RpcError) as err:
        stub.ListHouseholds(pb.ListHouseholdsRequest(), metadata=firm)
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED
    council = stub.GetHousehold(
        pb.GetHouseholdRequest(compound_id="jinjiang", household_id="1-1-101"),
        metadata=bearer(system.tenants[0]["tokens"]["council"]),
    )
    assert council.phones_masked and "****" in council.residents[0].phone
    coop = stub.ListOrganisations(
        pb.ListOrganisationsRequest(kind=pb.ORGANISATION_KIND_COOPERATIVE),
        metadata=bearer(make_token("longtan", "resident")),
    ).organisations
    assert [c.name for c in coop] == ["站前社区共享物业社"] and len(coop[0].members) == 8
