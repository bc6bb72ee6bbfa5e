"""扫码报修 for a hurried resident: nothing preselected, common categories first, optional room and phone,
and a signed link to follow the report (status and timeline, no personal data)."""

from __future__ import annotations

import re

from linli_gateway.qr import status
from linli_platform.config import DEV_JWT_SECRET
from linli_qr.tokens import BuildingCode, sign

HANYANG = BuildingCode(tenant="hanyang", compound_id="jinjiang", building_id="3", building_name="3栋")
XINGSHAN = BuildingCode(tenant="xingshan", compound_id="yuying-1", building_id="2", building_name="2号楼")


def path(code: BuildingCode) -> str:
    return "/r/" + sign(DEV_JWT_SECRET, code)


def submit(client, code: BuildingCode = HANYANG, **fields):
    page = client.get(path(code)).text
    request_id = re.search(r'name="request_id" value="([0-9a-f]+)"', page).group(1)
    form = {"request_id": request_id, "service": "lighting", "description": "二单元楼道灯不亮", **fields}
    return client.post(path(code), data=form)


def options(page: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)"', page)


def test_nothing_is_preselected_and_the_placeholder_comes_first(client):
    page = client.get(path(HANYANG)).text
    assert re.search(r'<option value="" selected disabled>请选择</option>', page)
    assert options(page)[0] == "" and page.count(" selected") == 1


def test_the_districts_common_categories_come_first_in_the_configs_order(client):
    page = client.get(path(XINGSHAN)).text
    assert options(page) == ["", "lighting", "snow_removal", "heating"]
    assert page.index('label="常见问题"') < page.index("楼道灯") < page.index('label="其他问题"')


def test_a_report_without_a_chosen_category_is_refused_and_keeps_the_text(client, fakes):
    before = len(fakes[0].created)
    refused = submit(client, service="", room="502")
    assert refused.status_code == 400 and "请选择问题类型" in refused.text
    assert "二单元楼道灯不亮" in refused.text and 'value="502"' in refused.text
    assert len(fakes[0].created) == before


def test_the_room_joins_the_description_and_the_phone_goes_to_the_staff_desk_only(client, fakes):
    done = submit(client, room="2单元502", phone="138 0000 1234")
    assert done.status_code == 200, done.text
    _, _, sent = fakes[0].created[-1]
    assert sent.description == "二单元楼道灯不亮（房间：2单元502）"
    assert "1380000" not in sent.description
    tenant, role, message = fakes[3].sent[-1]
    assert (tenant, role, message.recipient) == ("hanyang", "community_staff", "staff:jinjiang-community")
    assert "138 0000 1234" in message.body and "金江公寓·3栋·2单元502" in message.body
    assert "已转交社区" in done.text


def test_a_phone_that_is_not_a_number_is_refused(client):
    refused = submit(client, phone="call me")
    assert refused.status_code == 400 and "回电电话" in refused.text


def test_the_status_link_shows_status_and_timeline_without_personal_data(client):
    done = submit(client, description="楼道灯不亮，王大爷 13912345678")
    link = re.search(r'id="status-link" href="([^"]+)"', done.text).group(1)
    assert link.startswith("/r/s/s1.")
    page = client.get(link)
    assert page.status_code == 200
    assert "已上报，等待派单" in page.text and "提交报修" in page.text and "楼道照明" in page.text
    assert "金江公寓 · 3栋" in page.text
    for private in ("王大爷", "13912345678", "13800001234", "qr:jinjiang"):
        assert private not in page.text
    assert re.search(r"\d+月\d+日 \d\d:\d\d", page.text)


def test_a_forged_or_retargeted_status_link_shows_nothing(client):
    done = submit(client)
    link = re.search(r'id="status-link" href="/r/s/([^"]+)"', done.text).group(1)
    prefix, body, mac = link.split(".")
    other = status.sign(DEV_JWT_SECRET, status.StatusLink("hanyang", "t-hanyang-1", "qr:jinjiang/3", "3栋"))
    assert client.get(f"/r/s/{prefix}.{other.split('.')[1]}.{mac}").status_code == 404
    assert client.get(f"/r/s/{link[:-2]}xx").status_code == 404
    assert status.verify("another-secret", link) is None
    stranger = status.sign(DEV_JWT_SECRET, status.StatusLink("hanyang", link and "t-x", "qr:jinjiang/5", ""))
    assert client.get(f"/r/s/{stranger}").status_code == 404
