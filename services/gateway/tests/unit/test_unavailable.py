"""The gateway's database or a backend unreachable: 503 in the caller's format, never a 500."""

from __future__ import annotations

import logging
import uuid
from xml.etree import ElementTree as ET

import grpc
import mongoengine
import pytest
from fastapi.testclient import TestClient
from linli.tickets.v1 import tickets_pb2 as tpb
from linli_gateway.app import create_app
from linli_gateway.backends import Backends
from linli_gateway.open311 import keys
from linli_platform import mongo
from linli_platform.config import DEV_JWT_SECRET
from linli_platform.testing.fixtures import make_token
from linli_qr.tokens import BuildingCode, sign
from pymongo.errors import AutoReconnect

CODE = "/r/" + sign(DEV_JWT_SECRET, BuildingCode("hanyang", "jinjiang", "3", "3栋"))
FORM = {
    "jurisdiction_id": "hanyang",
    "api_key": f"o311_{'a' * 12}_{'A' * 40}",
    "service_code": "lighting",
    "attribute[compound]": "jinjiang",
    "address_string": "金江公寓",
    "description": "路灯不亮",
}


@pytest.fixture
def database_down():
    """mongoengine pointed at a port nothing listens on: pymongo raises its real
    ServerSelectionTimeoutError (a ConnectionFailure) after 100 ms."""
    mongoengine.disconnect()
    mongo.forget_cached_collections()
    mongoengine.connect(
        db="linli_gateway", host="mongodb://127.0.0.1:1/?directConnection=true", serverSelectionTimeoutMS=100
    )
    yield
    mongoengine.disconnect()
    mongo.forget_cached_collections()


@pytest.fixture
def down(settings, database_down):
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def test_an_open311_post_answers_503_in_the_specs_format_and_logs_a_warning(down, caplog):
    with caplog.at_level(logging.WARNING, logger="linli.gateway"):
        response = down.post("/open311/v2/requests.json", data=FORM)
    assert response.status_code == 503
    assert response.json() == [{"code": 503, "description": "服务暂时不可用，请稍后重试"}]
    assert any(
        r.levelno == logging.WARNING and "database unreachable" in r.getMessage() for r in caplog.records
    )
    xml = down.post("/open311/v2/requests.xml", data=FORM)
    assert xml.status_code == 503
    assert ET.fromstring(xml.content).find("error").findtext("code") == "503"


def test_a_token_lookup_answers_503(down):
    response = down.get("/open311/v2/tokens/abc.json", params={"jurisdiction_id": "hanyang"})
    assert response.status_code == 503 and response.json()[0]["code"] == 503


def test_the_key_administration_answers_503(down):
    admin = {"authorization": f"Bearer {make_token('hanyang', 'district_admin')}"}
    assert down.get("/admin/open311/keys", headers=admin).status_code == 503
    issued = down.post("/admin/open311/keys", json={"name": "热线"}, headers=admin)
    assert issued.status_code == 503 and "数据库暂时不可用" in issued.json()["detail"]


def test_a_ticket_filed_while_its_token_cannot_be_stored_is_answered_without_one(
    client, api_key, fakes, monkeypatch
):
    """The ticket exists: a 503 would make the client file it a second time."""

    def lost(*args):
        raise AutoReconnect("connection reset")

    monkeypatch.setattr(keys, "remember_token", lost)
    form = {**FORM, "api_key": api_key, "description": f"路灯不亮 {uuid.uuid4().hex[:6]}"}
    response = client.post("/open311/v2/requests.json", data=form)
    assert response.status_code == 200, response.text
    [created] = response.json()
    assert created["token"] is None
    assert fakes[0].created[-1][2].description == form["description"]


class Unavailable(grpc.RpcError):
    def code(self) -> grpc.StatusCode:
        return grpc.StatusCode.UNAVAILABLE

    def details(self) -> str:
        return "connection refused"


class TicketsDown(Backends):
    """The real backends, except that tickets refuses new tickets as an unreachable server would."""

    def call(self, method, request, acting):
        if isinstance(request, tpb.CreateTicketRequest):
            raise Unavailable()
        return super().call(method, request, acting)


def test_a_qr_report_while_tickets_is_unreachable_gets_503_and_keeps_the_text(settings, mongo_mock):
    with TestClient(create_app(settings, TicketsDown(settings)), raise_server_exceptions=False) as client:
        assert client.get(CODE).status_code == 200
        form = {"request_id": uuid.uuid4().hex, "service": "lighting", "description": "楼道灯不亮"}
        page = client.post(CODE, data=form)
    assert page.status_code == 503
    assert "提交失败，请稍后重试" in page.text and "楼道灯不亮" in page.text


def test_the_qr_page_while_the_services_are_unreachable_gets_503_not_invalid_code(settings, mongo_mock):
    nowhere = settings.model_copy(update={"communities_addr": "127.0.0.1:1", "tickets_addr": "127.0.0.1:1"})
    with TestClient(create_app(nowhere), raise_server_exceptions=False) as client:
        page = client.get(CODE)
    assert page.status_code == 503
    assert "服务暂时不可用" in page.text and "二维码无效" not in page.text
