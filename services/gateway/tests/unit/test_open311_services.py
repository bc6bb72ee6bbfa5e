"""Open311 discovery, service list and service definitions (JSON and XML)."""

from __future__ import annotations

from xml.etree import ElementTree as ET


def test_discovery_names_the_spec_and_both_formats(client):
    body = client.get("/open311/v2/discovery.json").json()
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/")
    assert endpoint["formats"] == ["application/json", "text/xml"]


def test_services_list_categories_and_the_compound_menu_in_chinese(client):
    response = client.get("/open311/v2/services.json", params={"jurisdiction_id": "hanyang"})
    assert response.status_code == 200
    services = {s["service_code"]: s for s in response.json()}
    assert services["lighting"]["service_name"] == "楼道照明"
    assert services["lighting"]["metadata"] is True
    menu = services["menu.jinjiang.pipe-unclog"]
    assert menu["service_name"] == "管道疏通（金江公寓）"
    assert menu["group"] == "点菜单·金江公寓"


def test_services_in_xml_are_well_formed_utf8(client):
    response = client.get("/open311/v2/services.xml", params={"jurisdiction_id": "hanyang"})
    assert response.headers["content-type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "services"
    names = [s.findtext("service_name") for s in root.findall("service")]
    assert "楼道照明" in names and "管道疏通（金江公寓）" in names


def test_a_district_sees_only_its_own_compounds_and_menus(client):
    services = client.get("/open311/v2/services.json", params={"jurisdiction_id": "xingshan"}).json()
    assert not [s for s in services if s["service_code"].startswith("menu.")]
    definition = client.get(
        "/open311/v2/services/lighting.json", params={"jurisdiction_id": "xingshan"}
    ).json()
    compound = next(a for a in definition["attributes"] if a["code"] == "compound")
    assert [v["key"] for v in compound["values"]] == ["yuying-1"]


def test_definition_lists_compound_values_and_building(client):
    response = client.get("/open311/v2/services/plumbing.xml", params={"jurisdiction_id": "hanyang"})
    root = ET.fromstring(response.content)
    assert root.tag == "service_definition"
    attributes = root.find("attributes").findall("attribute")
    assert [a.findtext("code") for a in attributes] == ["compound", "building"]
    values = {v.findtext("key"): v.findtext("name") for v in attributes[0].find("values").findall("value")}
    assert values == {"jinjiang": "金江公寓", "jiangshan-heyue": "招商江山和樾"}


def test_unknown_service_code_is_404_with_error_array(client):
    response = client.get("/open311/v2/services/nope.json", params={"jurisdiction_id": "hanyang"})
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404


def test_unknown_jurisdiction_is_404_and_missing_one_is_400(client):
    unknown = client.get("/open311/v2/services.json", params={"jurisdiction_id": "atlantis"})
    assert unknown.status_code == 404
    assert "jurisdiction_id" in unknown.json()[0]["description"]
    missing = client.get("/open311/v2/services.xml")
    assert missing.status_code == 400
    error = ET.fromstring(missing.content).find("error")
    assert error.findtext("code") == "400" and "jurisdiction_id" in error.findtext("description")


def test_unknown_format_and_path_are_404(client):
    assert client.get("/open311/v2/services.yaml", params={"jurisdiction_id": "hanyang"}).status_code == 404
    assert client.get("/open311/v2/whatever.json").json()[0]["code"] == 404


def test_categories_follow_the_districts_governance_config(client):
    services = client.get("/open311/v2/services.json", params={"jurisdiction_id": "xingshan"}).json()
    assert {s["service_code"]: s["service_name"] for s in services} == {
        "snow_removal": "积雪清除",
        "lighting": "楼道灯",
        "heating": "暖气不热",
    }


def test_discovery_in_xml_uses_the_spec_element_names(client):
    root = ET.fromstring(client.get("/open311/v2/discovery.xml").content)
    endpoint = root.find("endpoints").find("endpoint")
    assert [f.text for f in endpoint.find("formats").findall("format")] == ["application/json", "text/xml"]
