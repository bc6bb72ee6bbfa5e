"""Scan-to-report (扫码报修): `linli qr` prints a compound's codes; a phone (headless Chromium) reports."""

from __future__ import annotations

import re
import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli.tickets.v1 import tickets_pb2 as tpb
from linli.tickets.v1 import tickets_pb2_grpc as tpb_grpc
from linli_platform.config import DEV_JWT_SECRET
from linli_platform.testing.browser import headless_chromium
from linli_platform.testing.fixtures import bearer
from linli_platform.testing.launchers import wait_until
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from typer.testing import CliRunner

pytestmark = pytest.mark.e2e
DESCRIPTION = "3栋二单元二楼楼道灯不亮，晚上看不清台阶"


def tokens(system, tenant: str) -> dict[str, str]:
    return next(t["tokens"] for t in system.tenants if t["id"] == tenant)


@pytest.fixture(scope="module")
def sheet(system, tmp_path_factory, monkeypatch_module) -> str:
    """Onboard two buildings of 金江公寓, then print their codes with `linli qr`."""
    admin = bearer(tokens(system, "hanyang")["district_admin"])
    with grpc.insecure_channel(system.address("communities")) as channel:
        stub = cpb_grpc.CommunitiesServiceStub(channel)
        for building_id, name in (("3", "3栋"), ("5", "5栋")):
            stub.UpsertBuilding(
                cpb.UpsertBuildingRequest(
                    request_id=f"qr-e2e-{building_id}",
                    compound_id="jinjiang",
                    building_id=building_id,
                    name=name,
                ),
                metadata=admin,
                timeout=10,
            )
    from linli_cli.main import app  # noqa: PLC0415 - the CLI as an administrator runs it

    monkeypatch_module.setenv("LINLI_COMMUNITIES_ADDR", system.address("communities"))
    monkeypatch_module.setenv("LINLI_JWT_SECRET", DEV_JWT_SECRET)
    out = tmp_path_factory.mktemp("qr") / "sheet.html"
    result = CliRunner().invoke(
        app,
        [
            "qr",
            "--tenant",
            "hanyang",
            "--compound",
            "jinjiang",
            "--out",
            str(out),
            "--base-url",
            f"http://127.0.0.1:{system.gateway_port}",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "金江公寓" in result.output
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as driver:
        yield driver


def code_url(sheet: str, building_id: str) -> str:
    card = re.search(rf'data-building="{building_id}">(.*?)</div>', sheet, re.S).group(1)
    return re.search(r'<p class="url">([^<]+)</p>', card).group(1)


def compound_known(system) -> None:
    """Tickets learns of 金江公寓 from communities' events; wait until it takes reports there."""
    resident = bearer(tokens(system, "hanyang")["resident"])
    probe = tpb.CreateTicketRequest(
        request_id="qr-e2e-probe", compound_id="jinjiang", category="other", description="连通性检查"
    )

    def accepted() -> bool:
        with grpc.insecure_channel(system.address("tickets")) as channel:
            try:
                tpb_grpc.TicketsServiceStub(channel).CreateTicket(probe, metadata=resident, timeout=5)
            except grpc.RpcError as err:
                assert err.code() == grpc.StatusCode.NOT_FOUND, err
                return False
        return True

    wait_until(accepted, 60, "tickets to know 金江公寓", interval=0.5)


def test_the_sheet_has_a_card_per_building(sheet):
    cards = re.findall(r'data-building="([^"]+)"', sheet)
    assert {"3", "5"} <= set(cards)
    assert sheet.count("<svg") == len(cards)


def test_a_resident_scans_and_reports_from_the_phone_page(system, sheet, browser):
    compound_known(system)
    browser.get(code_url(sheet, "3"))
    assert browser.find_element(By.ID, "place").text == "金江公寓 · 3栋"
    Select(browser.find_element(By.ID, "service")).select_by_value("lighting")
    browser.find_element(By.ID, "description").send_keys(DESCRIPTION)
    browser.find_element(By.ID, "submit").click()
    ticket_id = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "ticket-id")).text
    assert "报修已提交" in browser.page_source
    staff = bearer(tokens(system, "hanyang")["community_staff"])
    with grpc.insecure_channel(system.address("tickets")) as channel:
        ticket = tpb_grpc.TicketsServiceStub(channel).GetTicket(
            tpb.GetTicketRequest(ticket_id=ticket_id), metadata=staff, timeout=10
        )
    assert (ticket.compound_id, ticket.building_id, ticket.channel, ticket.category) == (
        "jinjiang",
        "3",
        "qr",
        "lighting",
    )
    assert ticket.description == DESCRIPTION


def test_a_resident_follows_the_report_and_sees_it_move_when_staff_dispatch_it(system, sheet, browser):
    compound_known(system)
    browser.get(code_url(sheet, "5"))
    chooser = Select(browser.find_element(By.ID, "service"))
    assert chooser.first_selected_option.text == "请选择"  # nothing preselected
    assert [o.get_attribute("value") for o in chooser.options[1:5]] == [
        "lighting",
        "plumbing",
        "electrical",
        "cleaning",
    ]  # 汉阳区's tickets.common_categories first
    chooser.select_by_value("lighting")
    browser.find_element(By.ID, "description").send_keys("5栋一楼门厅灯不亮")
    browser.find_element(By.ID, "room").send_keys("1单元101")
    browser.find_element(By.ID, "submit").click()
    ticket_id = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "ticket-id")).text
    browser.find_element(By.ID, "status-link").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "status").text == "已上报，等待派单")
    assert browser.find_element(By.ID, "ticket-id").text == ticket_id
    assert "金江公寓 · 5栋" in browser.find_element(By.ID, "place").text
    assert "1单元101" not in browser.page_source and "门厅灯" not in browser.page_source  # no description
    staff = bearer(tokens(system, "hanyang")["community_staff"])
    with grpc.insecure_channel(system.address("tickets")) as channel:
        dispatched = tpb_grpc.TicketsServiceStub(channel).DispatchTicket(
            tpb.DispatchTicketRequest(request_id=f"qr-follow-{ticket_id}", ticket_id=ticket_id),
            metadata=staff,
            timeout=10,
        )
    assert dispatched.status == tpb.TICKET_STATUS_DISPATCHED

    def moved(driver) -> bool:
        driver.refresh()
        return driver.find_element(By.ID, "status").text == "已派单，等待接单"

    WebDriverWait(browser, 20, poll_frequency=0.5).until(moved)
    assert "社区派单" in browser.find_element(By.ID, "timeline").text


def test_a_forged_code_reports_nothing(system, sheet, browser):
    url = code_url(sheet, "3")
    header, payload, signature = url.rsplit("/", 1)[1].split(".")
    other_payload = code_url(sheet, "5").rsplit("/", 1)[1].split(".")[1]
    browser.get(url.rsplit("/", 1)[0] + f"/{header}.{other_payload}.{signature}")
    assert "二维码无效" in browser.find_element(By.ID, "error").text
    assert not browser.find_elements(By.ID, "submit")
    browser.get(url.rsplit("/", 1)[0] + f"/{uuid.uuid4().hex}")
    assert "二维码无效" in browser.find_element(By.ID, "error").text
