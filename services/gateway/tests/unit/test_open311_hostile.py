"""Hostile input gets a 400 with the spec's error array, in the format asked for, never a 500."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

GOOD = {
    "jurisdiction_id": "hanyang",
    "service_code": "lighting",
    "attribute[compound]": "jinjiang",
    "address_string": "金江公寓",
    "description": "楼道灯坏了",
}


def post(client, api_key, fmt="json", **changes):
    form = {**GOOD, "api_key": api_key, **changes}
    return client.post(f"/open311/v2/requests.{fmt}", data={k: v for k, v in form.items() if v is not None})


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"description": "灯" * 10_000}, "description"),
        ({"description": "<script>alert(1)</script>"}, "description"),
        ({"description": "好的<img src=x onerror=alert(1)>"}, "description"),
        ({"description": "&lt;b&gt;"}, "description"),
        ({"description": "nul\x00byte"}, "description"),
        ({"description": ""}, "description"),
        ({"lat": "north", "long": "114.25"}, "lat"),
        ({"lat": "NaN", "long": "114.25"}, "lat"),
        ({"lat": "1e308", "long": "114.25"}, "lat"),
        ({"long": "[1,2]", "lat": "30"}, "long"),
        ({"service_code": "<svg/onload=1>"}, "service_code"),
        ({"service_code": "x" * 10_000}, "service_code"),
        ({"service_code": None}, "service_code"),
        ({"attribute[compound]": "nowhere"}, "compound"),
        ({"attribute[compound]": None}, "compound"),
        ({"attribute[building]": "B" * 5000}, "building"),
        ({"attribute[colour]": "red"}, "colour"),
        ({"address_id": "<b>1</b>"}, "address_id"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"email": "<a href=x>me</a>"}, "email"),
        ({"jurisdiction_id": "Han Yang!"}, "jurisdiction_id"),
    ],
)
def test_bad_fields_are_400_naming_the_field(client, api_key, changes, field):
    response = post(client, api_key, **changes)
    assert response.status_code == 400, response.text
    errors = response.json()
    assert errors[0]["code"] == 400
    assert field in errors[0]["description"]


def test_errors_in_xml_follow_the_spec(client, api_key):
    response = post(client, api_key, fmt="xml", description="x" * 10_000)
    assert response.status_code == 400
    root = ET.fromstring(response.content)
    assert root.tag == "errors"
    assert root.find("error").findtext("code") == "400"


def test_a_repeated_field_is_a_wrong_type(client, api_key):
    body = "jurisdiction_id=hanyang&service_code=lighting&service_code=plumbing&description=x"
    response = client.post(
        "/open311/v2/requests.json",
        content=body,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert "service_code" in response.json()[0]["description"]


@pytest.mark.parametrize("body", [b"\xff\xfe\x00garbage", b"%", b"a" * 300_000, b'{"json": true}'])
def test_unreadable_bodies_are_400(client, body):
    response = client.post(
        "/open311/v2/requests.json",
        content=body,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "yesterday"},
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
        {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"status": "pending"},
        {"page_size": "-1"},
        {"page_size": "1" * 300},
        {"service_code": "no-such-service"},
        {"address_id": "atlantis"},
    ],
)
def test_bad_query_filters_are_400(client, params):
    response = client.get("/open311/v2/requests.json", params={"jurisdiction_id": "hanyang", **params})
    assert response.status_code == 400, response.text
    assert response.json()[0]["code"] == 400


def test_invalid_utf8_in_the_query_is_400(client):
    response = client.get("/open311/v2/services.json?jurisdiction_id=%ff%fe")
    assert response.status_code == 400


def test_markup_in_a_request_id_is_404_not_500(client):
    response = client.get("/open311/v2/requests/%3Cscript%3E.json", params={"jurisdiction_id": "hanyang"})
    assert response.status_code == 404
