"""Rate limits at the edge: 扫码报修 reports per address, Open311 POSTs per api_key, reads per address.

The app runs in-process against the fake services (conftest), on a fake clock: time passes only when a
test says so. Each client address is a TestClient of its own on the same app.
"""

from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from linli_gateway.app import create_app
from linli_gateway.open311 import keys
from linli_gateway.settings import GatewaySettings
from linli_platform.config import DEV_JWT_SECRET
from linli_qr.tokens import BuildingCode, sign
from prometheus_client import REGISTRY

RESIDENT, NEIGHBOUR, PROXY = "203.0.113.7", "203.0.113.8", "10.0.0.2"


def code_path() -> str:
    return "/r/" + sign(DEV_JWT_SECRET, BuildingCode("hanyang", "jinjiang", "3", "3栋"))


@pytest.fixture
def limited(settings):
    """Small limits, so a test reaches them in a few requests."""
    return settings.model_copy(
        update={
            "gateway_qr_reports_per_minute": 3,
            "gateway_qr_reports_per_hour": 5,
            "gateway_open311_posts_per_minute": 2,
            "gateway_reads_per_second": 1.0,
            "gateway_reads_burst": 4,
        }
    )


@pytest.fixture
def app(limited, clock, mongo_mock):
    return create_app(limited, clock=clock)


def at(app, address: str, **headers) -> TestClient:
    return TestClient(app, client=(address, 50000), headers=headers, raise_server_exceptions=False)


def refusals(route: str) -> float:
    return REGISTRY.get_sample_value("linli_http_rate_limited_total", {"route": route}) or 0.0


def report(client: TestClient, n: int):
    form = {"request_id": uuid.uuid4().hex, "service": "lighting", "description": f"楼道灯不亮（{n}）"}
    return client.post(code_path(), data=form)


def test_the_report_over_the_limit_gets_429_and_files_nothing(app, fakes, clock):
    resident = at(app, RESIDENT)
    before, refused = len(fakes[0].created), refusals("qr_report")
    assert [report(resident, n).status_code for n in range(3)] == [200, 200, 200]
    over = report(resident, 3)
    assert over.status_code == 429
    assert over.headers["retry-after"] == "20"  # 3 a minute: the next token in 20 s
    assert "提交过于频繁" in over.text and 'lang="zh-CN"' in over.text
    assert len(fakes[0].created) == before + 3
    assert refusals("qr_report") == refused + 1
    assert report(at(app, NEIGHBOUR), 0).status_code == 200  # another address is not affected
    clock.advance(20)
    assert report(resident, 4).status_code == 200
    clock.advance(60)
    assert report(resident, 5).status_code == 200  # the 5th of the hour
    hourly = report(resident, 6)
    assert hourly.status_code == 429 and int(hourly.headers["retry-after"]) > 60


def test_every_post_to_the_report_page_counts_even_a_forged_code(app):
    spammer = at(app, RESIDENT)
    assert [spammer.post("/r/forged", data={}).status_code for _ in range(4)] == [404, 404, 404, 429]


def test_x_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(app, limited, clock):
    for n in range(3):  # a spammer who makes up a new X-Forwarded-For each time
        assert at(app, RESIDENT, **{"x-forwarded-for": f"198.51.100.{n}"}).post("/r/x").status_code == 404
    assert at(app, RESIDENT, **{"x-forwarded-for": "198.51.100.9"}).post("/r/x").status_code == 429

    behind = create_app(limited.model_copy(update={"gateway_trusted_proxies": ("10.0.0.0/8",)}), clock=clock)
    first = at(behind, PROXY, **{"x-forwarded-for": "198.51.100.1"})
    second = at(behind, PROXY, **{"x-forwarded-for": "6.6.6.6, 198.51.100.2"})  # its own say is not
    assert [first.post("/r/x").status_code for _ in range(4)] == [404, 404, 404, 429]
    assert [second.post("/r/x").status_code for _ in range(3)] == [404, 404, 404]
    assert at(behind, PROXY, **{"x-forwarded-for": "6.6.6.7, 198.51.100.2"}).post("/r/x").status_code == 429


def open311_form(api_key: str) -> dict:
    return {
        "jurisdiction_id": "hanyang",
        "api_key": api_key,
        "service_code": "lighting",
        "attribute[compound]": "jinjiang",
        "address_string": "金江公寓",
        "description": "路灯不亮",
    }


def test_open311_posts_over_the_keys_limit_get_the_specs_429_in_json_and_xml(app, fakes, clock):
    integrator = at(app, RESIDENT)
    api_key = keys.issue_key("hanyang", "12345 市民热线", "district_admin@hanyang").api_key
    before = len(fakes[0].created)
    assert integrator.post("/open311/v2/requests.json", data=open311_form(api_key)).status_code == 200
    assert integrator.post("/open311/v2/requests.xml", data=open311_form(api_key)).status_code == 200
    over = integrator.post("/open311/v2/requests.json", data=open311_form(api_key))
    assert over.status_code == 429
    assert over.headers["retry-after"] == "30"
    [error] = over.json()
    assert error["code"] == 429 and "请求过于频繁" in error["description"]
    xml = integrator.post("/open311/v2/requests.xml", data=open311_form(api_key))
    assert xml.status_code == 429 and xml.headers["content-type"].startswith("text/xml")
    root = ET.fromstring(xml.content)
    assert root.tag == "errors" and root.find("error").findtext("code") == "429"
    assert "请求过于频繁" in root.find("error").findtext("description")
    assert len(fakes[0].created) == before + 2
    # The limit is the key's, wherever it posts from; another key of the district has its own.
    assert at(app, NEIGHBOUR).post("/open311/v2/requests.json", data=open311_form(api_key)).status_code == 429
    other = keys.issue_key("hanyang", "网格员平台", "district_admin@hanyang").api_key
    assert integrator.post("/open311/v2/requests.json", data=open311_form(other)).status_code == 200
    clock.advance(30)
    assert integrator.post("/open311/v2/requests.json", data=open311_form(api_key)).status_code == 200


def test_made_up_api_keys_are_limited_by_address(app):
    guesser = at(app, RESIDENT)
    statuses = [
        guesser.post("/open311/v2/requests.json", data=open311_form(f"o311_{n:012x}_{'A' * 40}")).status_code
        for n in range(3)
    ]
    assert statuses == [403, 403, 429]


def test_reads_are_limited_per_address_and_refill(app, clock):
    scraper = at(app, RESIDENT)
    query = {"jurisdiction_id": "hanyang"}
    assert [scraper.get("/open311/v2/services.json", params=query).status_code for _ in range(4)] == [200] * 4
    over = scraper.get("/open311/v2/requests.xml", params=query)
    assert over.status_code == 429 and over.headers["retry-after"] == "1"
    assert ET.fromstring(over.content).find("error").findtext("code") == "429"
    page = scraper.get(code_path())
    assert page.status_code == 429 and "访问过于频繁" in page.text
    assert at(app, NEIGHBOUR).get(code_path()).status_code == 200
    clock.advance(1)
    assert scraper.get("/open311/v2/services.json", params=query).status_code == 200


def test_health_is_never_limited(app):
    prober = at(app, RESIDENT)
    for _ in range(10):
        prober.get("/open311/v2/discovery.json")
    assert prober.get("/open311/v2/discovery.json").status_code == 429
    assert all(prober.get("/healthz").status_code == 200 for _ in range(100))


def test_a_refusal_is_measured_like_any_answer(app):
    def answered() -> float:
        labels = {"area": "qr", "method": "POST", "code": "429"}
        return REGISTRY.get_sample_value("linli_http_requests_total", labels) or 0.0

    before = answered()
    spammer = at(app, RESIDENT)
    for _ in range(5):
        spammer.post("/r/x")
    assert answered() == before + 2


def test_the_defaults_leave_a_resident_and_an_integrator_room(settings):
    assert settings.gateway_qr_reports_per_minute >= 5 and settings.gateway_qr_reports_per_hour >= 30
    assert settings.gateway_open311_posts_per_minute >= 60
    assert settings.gateway_reads_per_second >= 5 and settings.gateway_reads_burst >= 30
    assert settings.gateway_trusted_proxies == ()


def test_trusted_proxies_read_from_the_environment_as_a_comma_list(monkeypatch):
    monkeypatch.setenv("LINLI_GATEWAY_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1")
    assert GatewaySettings().gateway_trusted_proxies == ("10.0.0.0/8", "192.0.2.1")
    monkeypatch.setenv("LINLI_GATEWAY_TRUSTED_PROXIES", "10.0.0.0/8,proxy.local")
    with pytest.raises(ValueError, match="proxy.local"):
        GatewaySettings()
