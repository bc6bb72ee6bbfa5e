"""Open311 GeoReport v2 through the real gateway, tickets and communities processes."""

from __future__ import annotations

import json
import uuid
from xml.etree import ElementTree as ET

import grpc
import httpx
import pytest
from linli.communities.v1 import governance_pb2, governance_pb2_grpc
from linli_platform.testing.fixtures import bearer
from linli_platform.testing.launchers import wait_until

pytestmark = pytest.mark.e2e
DESCRIPTION = "金江公寓3栋二单元楼道灯不亮，老人晚上上下楼看不见（请尽快修理）"


def tokens(system, tenant: str) -> dict[str, str]:
    return next(t["tokens"] for t in system.tenants if t["id"] == tenant)


def category_name(system, tenant: str, key: str) -> str:
    """The name the district's governance config in force gives a ticket category."""
    with grpc.insecure_channel(system.address("communities")) as channel:
        config = governance_pb2_grpc.GovernanceServiceStub(channel).GetEffectiveConfig(
            governance_pb2.GetEffectiveConfigRequest(),
            metadata=bearer(tokens(system, tenant)["community_staff"]),
            timeout=10,
        )
    return json.loads(config.sections_json)["tickets"]["categories"][key]["name"]


@pytest.fixture(scope="module")
def gateway(system):
    with httpx.Client(base_url=f"http://127.0.0.1:{system.gateway_port}", timeout=15) as client:
        yield client


@pytest.fixture(scope="module")
def api_key(system, gateway) -> str:
    admin = {"authorization": f"Bearer {tokens(system, 'hanyang')['district_admin']}"}
    issued = gateway.post("/admin/open311/keys", json={"name": "12345 市民热线"}, headers=admin)
    assert issued.status_code == 201, issued.text
    return issued.json()["api_key"]


def form(api_key: str, **changes) -> dict:
    return {
        "jurisdiction_id": "hanyang",
        "api_key": api_key,
        "service_code": "lighting",
        "attribute[compound]": "jinjiang",
        "attribute[building]": "3",
        "description": DESCRIPTION,
        "lat": "30.5526",
        "long": "114.2510",
        **changes,
    }


@pytest.fixture(scope="module")
def reported(gateway, api_key) -> dict:
    created: list[dict] = []

    def filed() -> bool:  # tickets learns of the demo compounds from communities' events
        response = gateway.post("/open311/v2/requests.json", data=form(api_key))
        assert response.status_code in (200, 400), response.text
        if response.status_code == 200:
            created.append(response.json()[0])
        return bool(created)

    wait_until(filed, 60, "tickets to accept Open311 reports for 金江公寓", interval=0.5)
    return created[0]


def test_a_report_round_trips_through_the_real_services(system, gateway, reported):
    request_id = reported["service_request_id"]
    response = gateway.get(f"/open311/v2/requests/{request_id}.json", params={"jurisdiction_id": "hanyang"})
    assert response.status_code == 200
    record = response.json()[0]
    assert record["description"] == DESCRIPTION
    lighting = category_name(system, "hanyang", "lighting")
    assert (record["status"], record["service_code"], record["service_name"]) == (
        "open",
        "lighting",
        lighting,
    )
    assert record["address_id"] == "jinjiang/3"
    assert record["address"] == "金江公寓3"
    token = gateway.get(f"/open311/v2/tokens/{reported['token']}.json", params={"jurisdiction_id": "hanyang"})
    assert token.json()[0]["service_request_id"] == request_id


def test_filters_find_it_in_xml(gateway, reported):
    base = {"jurisdiction_id": "hanyang", "service_code": "lighting"}
    open_now = gateway.get("/open311/v2/requests.xml", params={**base, "status": "open"})
    root = ET.fromstring(open_now.content)
    ids = [r.findtext("service_request_id") for r in root.findall("request")]
    assert reported["service_request_id"] in ids
    assert any(r.findtext("description") == DESCRIPTION for r in root.findall("request"))
    closed = gateway.get("/open311/v2/requests.json", params={**base, "status": "closed"}).json()
    assert reported["service_request_id"] not in [r["service_request_id"] for r in closed]
    plumbing = gateway.get("/open311/v2/requests.json", params={**base, "service_code": "plumbing"}).json()
    assert reported["service_request_id"] not in [r["service_request_id"] for r in plumbing]


def test_another_district_cannot_see_it_or_use_the_key(gateway, reported, api_key):
    request_id = reported["service_request_id"]
    other = gateway.get(f"/open311/v2/requests/{request_id}.json", params={"jurisdiction_id": "xingshan"})
    assert other.status_code == 404
    listed = gateway.get("/open311/v2/requests.json", params={"jurisdiction_id": "xingshan"}).json()
    assert request_id not in [r["service_request_id"] for r in listed]
    foreign = form(api_key, jurisdiction_id="xingshan", **{"attribute[compound]": "yuying-1"})
    assert gateway.post("/open311/v2/requests.json", data=foreign).status_code == 403


@pytest.mark.parametrize(
    "changes",
    [
        {"description": "灯" * 10_000},
        {"description": "<iframe src=//evil>"},
        {"lat": "thirty"},
        {"service_code": "x" * 10_000},
        {"attribute[compound]": str(uuid.uuid4())},
    ],
)
def test_hostile_reports_are_400_never_500(gateway, api_key, reported, changes):
    response = gateway.post("/open311/v2/requests.json", data=form(api_key, **changes))
    assert response.status_code == 400, response.text
    assert response.json()[0]["code"] == 400


def test_services_offer_the_categories_of_the_districts_config(system, gateway):
    with grpc.insecure_channel(system.address("communities")) as channel:
        config = governance_pb2_grpc.GovernanceServiceStub(channel).GetEffectiveConfig(
            governance_pb2.GetEffectiveConfigRequest(),
            metadata=bearer(tokens(system, "hanyang")["community_staff"]),
            timeout=10,
        )
    categories = json.loads(config.sections_json)["tickets"]["categories"]
    services = gateway.get("/open311/v2/services.json", params={"jurisdiction_id": "hanyang"}).json()
    offered = {
        s["service_code"]: s["service_name"] for s in services if not s["service_code"].startswith("menu.")
    }
    assert offered == {key: category["name"] for key, category in categories.items()}
