"""Scan-to-report: signed building codes, the report page, the printable sheet."""

from __future__ import annotations

import re

import jwt
from linli_platform.config import DEV_JWT_SECRET
from linli_qr.sheet import render_sheet
from linli_qr.tokens import BuildingCode, report_url, sign, verify

BUILDING = BuildingCode(tenant="hanyang", compound_id="jinjiang", building_id="3", building_name="3栋")


def code_path(code: BuildingCode = BUILDING) -> str:
    return "/r/" + sign(DEV_JWT_SECRET, code)


def test_a_code_verifies_and_names_its_building():
    assert verify(DEV_JWT_SECRET, sign(DEV_JWT_SECRET, BUILDING)) == BUILDING


def test_codes_cannot_be_forged_or_retargeted():
    token = sign(DEV_JWT_SECRET, BUILDING)
    assert verify("another-secret", token) is None
    header, _, signature = token.split(".")
    other = sign(DEV_JWT_SECRET, BuildingCode("hanyang", "jinjiang", "4", "4栋")).split(".")[1]
    assert verify(DEV_JWT_SECRET, f"{header}.{other}.{signature}") is None
    access_token = jwt.encode({"t": "hanyang", "c": "jinjiang", "b": "3"}, DEV_JWT_SECRET, algorithm="HS256")
    assert verify(DEV_JWT_SECRET, access_token) is None  # a key for another purpose signs nothing here


def test_the_page_shows_the_building_and_the_categories_in_chinese(client):
    page = client.get(code_path())
    assert page.status_code == 200
    assert 'lang="zh-CN"' in page.text
    assert "金江公寓 · 3栋" in page.text
    assert "楼道照明" in page.text and "管道疏通（金江公寓）" in page.text


def test_submitting_files_a_qr_ticket_for_that_building(client, fakes):
    page = client.get(code_path()).text
    request_id = re.search(r'name="request_id" value="([0-9a-f]+)"', page).group(1)
    form = {"request_id": request_id, "service": "lighting", "description": "二单元楼道灯不亮"}
    done = client.post(code_path(), data=form)
    assert done.status_code == 200
    assert "报修已提交" in done.text
    tenant, actor, sent = fakes[0].created[-1]
    assert (tenant, sent.compound_id, sent.building_id, sent.channel, sent.category) == (
        "hanyang",
        "jinjiang",
        "3",
        "qr",
        "lighting",
    )
    assert actor == "resident:qr:jinjiang/3"
    count = len(fakes[0].created)
    again = client.post(code_path(), data=form)  # a double tap files nothing new
    assert again.status_code == 200 and len(fakes[0].created) == count


def test_a_forged_code_gets_a_chinese_error_page_and_files_nothing(client, fakes):
    count = len(fakes[0].created)
    page = client.post(
        "/r/not-a-code", data={"request_id": "abc", "service": "lighting", "description": "灯坏了"}
    )
    assert page.status_code == 404
    assert "二维码无效" in page.text
    assert len(fakes[0].created) == count


def test_markup_and_overlong_text_are_refused_with_the_form_again(client, fakes):
    count = len(fakes[0].created)
    markup = client.post(
        code_path(),
        data={"request_id": "r1", "service": "lighting", "description": "<script>alert(1)</script>"},
    )
    assert markup.status_code == 400
    assert "问题描述" in markup.text and "<script>alert" not in markup.text
    long = client.post(
        code_path(), data={"request_id": "r2", "service": "lighting", "description": "灯" * 10_000}
    )
    assert long.status_code == 400
    unknown = client.post(code_path(), data={"request_id": "r3", "service": "nope", "description": "灯坏了"})
    assert unknown.status_code == 400 and "请选择问题类型" in unknown.text
    assert len(fakes[0].created) == count


def test_the_sheet_has_one_scannable_card_per_building():
    codes = [BuildingCode("hanyang", "jinjiang", b, f"{b}栋") for b in ("1", "2", "3")]
    html = render_sheet(DEV_JWT_SECRET, "http://gw.example", "汉阳区", "金江公寓", codes)
    assert html.count("<svg") == 3
    assert "金江公寓（汉阳区）扫码报修 · 共 3 栋" in html
    urls = re.findall(r'<p class="url">([^<]+)</p>', html)
    assert urls[2] == report_url("http://gw.example", DEV_JWT_SECRET, codes[2])
    assert verify(DEV_JWT_SECRET, urls[2].rsplit("/", 1)[1]) == codes[2]
