"""Open311 POST requests, GET requests with filters, requests/{id} and tokens/{token}."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

DESCRIPTION = "金江公寓3栋二单元楼道灯不亮，晚上老人上下楼不方便 🙏"


def report(client, api_key, **extra):
    form = {
        "jurisdiction_id": "hanyang",
        "api_key": api_key,
        "service_code": "lighting",
        "attribute[compound]": "jinjiang",
        "attribute[building]": "3栋",
        "description": DESCRIPTION,
        "lat": "30.5526",
        "long": "114.2510",
        **extra,
    }
    return client.post("/open311/v2/requests.json", data=form)


def test_a_report_round_trips_chinese_exactly(client, fakes, api_key):
    created = report(client, api_key)
    assert created.status_code == 200, created.text
    request_id = created.json()[0]["service_request_id"]
    record = client.get(
        f"/open311/v2/requests/{request_id}.json", params={"jurisdiction_id": "hanyang"}
    ).json()[0]
    assert record["description"] == DESCRIPTION
    assert record["service_name"] == "楼道照明"
    assert record["status"] == "open"
    assert record["address_id"] == "jinjiang/3栋"
    assert record["lat"] == pytest.approx(30.5526)
    assert record["requested_datetime"].endswith("+08:00")
    xml = client.get(f"/open311/v2/requests/{request_id}.xml", params={"jurisdiction_id": "hanyang"})
    assert ET.fromstring(xml.content).find("request").findtext("description") == DESCRIPTION
    tenant, actor, sent = fakes[0].created[-1]
    assert (tenant, sent.channel, sent.building_id) == ("hanyang", "open311", "3栋")
    assert actor.startswith("resident:open311:")


def test_the_token_finds_the_request(client, api_key):
    created = report(client, api_key).json()[0]
    found = client.get(f"/open311/v2/tokens/{created['token']}.json", params={"jurisdiction_id": "hanyang"})
    assert found.json() == [{"service_request_id": created["service_request_id"], "token": created["token"]}]
    assert (
        client.get("/open311/v2/tokens/nope.json", params={"jurisdiction_id": "hanyang"}).status_code == 404
    )


def test_a_menu_order_carries_its_item_and_compound(client, fakes, api_key):
    created = report(client, api_key, service_code="menu.jinjiang.pipe-unclog", description="厨房下水道堵了")
    assert created.status_code == 200, created.text
    _, _, sent = fakes[0].created[-1]
    assert (sent.menu_item_id, sent.compound_id, sent.category) == ("pipe-unclog", "jinjiang", "")
    record = client.get(
        f"/open311/v2/requests/{created.json()[0]['service_request_id']}.json",
        params={"jurisdiction_id": "hanyang"},
    ).json()[0]
    assert record["service_code"] == "menu.jinjiang.pipe-unclog"
    assert record["service_name"] == "管道疏通（金江公寓）"


def test_without_a_valid_key_the_answer_is_403(client, api_key):
    assert report(client, "").status_code == 403
    forged = api_key[:-4] + "AAAA"
    response = report(client, forged)
    assert response.status_code == 403
    assert response.json()[0]["code"] == 403


def test_a_key_of_another_district_is_403(client, api_key):
    response = report(client, api_key, jurisdiction_id="xingshan", **{"attribute[compound]": "yuying-1"})
    assert response.status_code == 403


def test_a_revoked_key_is_403(client, api_key):
    from linli_gateway.open311 import keys

    assert keys.revoke_key("hanyang", api_key.split("_")[1])
    assert report(client, api_key).status_code == 403


def test_lists_ask_tickets_not_to_count_every_match(client, fakes, api_key):
    client.get("/open311/v2/requests.json", params={"jurisdiction_id": "hanyang", "service_code": "lighting"})
    assert fakes[0].last_list.skip_total is True
    assert fakes[0].last_list.category == "lighting"


def test_get_requests_filters_by_service_status_and_dates(client, api_key):
    report(client, api_key)
    report(client, api_key, service_code="plumbing", description="水管漏水")
    base = {"jurisdiction_id": "hanyang"}
    lighting = client.get("/open311/v2/requests.json", params={**base, "service_code": "lighting"}).json()
    assert lighting and {r["service_code"] for r in lighting} == {"lighting"}
    assert client.get("/open311/v2/requests.json", params={**base, "status": "closed"}).json() == []
    assert len(client.get("/open311/v2/requests.json", params={**base, "status": "open,closed"}).json()) >= 2
    future = client.get(
        "/open311/v2/requests.json", params={**base, "start_date": "2099-01-01T00:00:00+08:00"}
    )
    assert future.json() == []
    ranged = client.get(
        "/open311/v2/requests.json",
        params={**base, "start_date": "2020-01-01T00:00:00Z", "end_date": "2020-03-01T00:00:00Z"},
    )
    assert ranged.status_code == 200 and ranged.json() == []


def test_get_requests_by_ids_ignores_other_filters(client, api_key):
    first = report(client, api_key).json()[0]["service_request_id"]
    second = report(client, api_key, service_code="plumbing", description="水管漏水").json()[0][
        "service_request_id"
    ]
    found = client.get(
        "/open311/v2/requests.json",
        params={
            "jurisdiction_id": "hanyang",
            "service_request_id": f"{first},{second},missing",
            "status": "closed",
        },
    )
    assert sorted(r["service_request_id"] for r in found.json()) == sorted([first, second])


def test_another_districts_request_is_404(client, api_key):
    request_id = report(client, api_key).json()[0]["service_request_id"]
    response = client.get(f"/open311/v2/requests/{request_id}.json", params={"jurisdiction_id": "xingshan"})
    assert response.status_code == 404
    listed = client.get("/open311/v2/requests.json", params={"jurisdiction_id": "xingshan"}).json()
    assert request_id not in {r["service_request_id"] for r in listed}


def test_a_post_without_any_location_is_a_400_in_the_spec_error_array(client, fakes, api_key):
    before = len(fakes[0].created)
    response = report(client, api_key, lat="", long="")
    assert response.status_code == 400
    (error,) = [e for e in response.json() if e["description"].startswith("lat:")]
    assert error["code"] == 400 and "address_id" in error["description"]
    half = report(client, api_key, long="")
    assert half.status_code == 400 and any(e["description"].startswith("long:") for e in half.json())
    xml = client.post(
        "/open311/v2/requests.xml",
        data={
            "jurisdiction_id": "hanyang",
            "api_key": api_key,
            "service_code": "lighting",
            "attribute[compound]": "jinjiang",
            "description": DESCRIPTION,
        },
    )
    assert xml.status_code == 400 and ET.fromstring(xml.content).find("error").findtext("code") == "400"
    assert len(fakes[0].created) == before


@pytest.mark.parametrize(
    "place",
    [
        {"address_string": "金江公寓3栋", "attribute[building]": "3栋"},
        {"address_id": "jinjiang/3栋"},
        {"address_id": "3栋"},  # a building's id; the compound from attribute[compound]
        {"address_id": "3栋", "attribute[building]": "3栋"},
    ],
)
def test_any_one_location_is_enough_and_address_id_may_name_a_building(client, fakes, api_key, place):
    response = report(client, api_key, lat="", long="", **{"attribute[building]": "", **place})
    assert response.status_code == 200, response.text
    _, _, sent = fakes[0].created[-1]
    assert (sent.compound_id, sent.building_id) == ("jinjiang", "3栋")


def test_a_building_named_twice_differently_is_a_400(client, api_key):
    response = report(client, api_key, address_id="5栋")
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("attribute[building]:")
