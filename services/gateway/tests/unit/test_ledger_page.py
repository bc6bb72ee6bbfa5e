"""The public ledger page (收支公示, /l/<code>): the gateway against the real fees servicer in process
(in-memory books), so what the page embeds is what the fees service hashed."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from linli.fees.v1 import ledger_pb2 as pb
from linli.tickets.v1 import tickets_pb2 as tpb
from linli_fees.adapters.ledger_fakes import fake_ledger_unit_of_work
from linli_fees.domain.public_ledger import EntryDraft, Material
from linli_fees.entrypoints.ledger_api import ledger_specs
from linli_fees.service_layer import public_ledger
from linli_fees.service_layer.ledger_ports import CompoundCopy
from linli_gateway.app import create_app
from linli_gateway.ledger import view
from linli_gateway.settings import GatewaySettings
from linli_platform.auth import Principal
from linli_platform.config import DEV_JWT_SECRET, Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.browser import headless_chromium
from linli_platform.testing.fakes import FakeStore
from linli_qr.tokens import BuildingCode, CompoundCode, sign, sign_compound

STAFF = Principal("xingshan", "community_staff", "staff-he")
YUYING = CompoundCode("xingshan", "yuying-1")
JAN = datetime(2026, 1, 12, 2, tzinfo=UTC)
FEB = datetime(2026, 2, 3, 2, tzinfo=UTC)


def draft(kind: str, category: str, amount: int, what: str, **extra) -> EntryDraft:
    return EntryDraft("yuying-1", kind, category, amount, what, "2026-01-12", **extra)


@pytest.fixture(scope="module")
def fees():
    """育英一小区 (兴山区): January (labour 68 %, materials by brand and model) and February (a
    correction of January's electricity bill) published; 金江公寓 of 汉阳区 has a ledger of its own."""
    store = FakeStore()
    uows = fake_ledger_unit_of_work(store)
    uows("xingshan").directory.keep_compound(CompoundCopy("yuying-1", "育英一小区"), 1)
    uows("hanyang").directory.keep_compound(CompoundCopy("jinjiang", "金江公寓"), 1)
    lamps = (
        Material("公牛", "GN-LED-9W", 40_000, "个", 2_500),
        Material("东方雨虹", "JS-II", 1_500, "公斤", 2_600),
    )
    january = [
        draft("income", "fees", 3_150_000, "物业费收入"),
        draft("expense", "labour", 2_040_000, "保洁与维修人工"),
        draft(
            "expense",
            "materials",
            600_000,
            "楼道灯与防水材料",
            materials=lamps,
            ticket_id="t-lighting-7",
            evidence_urls=("https://evidence.example/invoice-1.jpg", "linli://files/invoice-2"),
        ),
        draft("expense", "utilities", 360_000, "公共照明电费"),
    ]
    booked = [
        public_ledger.record_entry(uows("xingshan"), STAFF, d, f"jan-{i}", JAN) for i, d in enumerate(january)
    ]
    public_ledger.reverse_entry(
        uows("xingshan"), STAFF, "yuying-1", booked[3].id, "电费单据重复录入", "feb-fix", FEB
    )
    public_ledger.record_entry(
        uows("xingshan"),
        STAFF,
        draft("expense", "utilities", 300_000, "公共照明电费（更正后）"),
        "feb-1",
        FEB,
    )
    for period in ("2026-01", "2026-02"):
        public_ledger.publish_statement(uows("xingshan"), STAFF, "yuying-1", period)
    uows("xingshan").directory.keep_compound(CompoundCopy("yuying-2", "育英二小区"), 1)
    public_ledger.record_entry(
        uows("xingshan"),
        STAFF,
        EntryDraft("yuying-2", "income", "donations", 10_000, "捐赠", "2025-01-05"),
        "y2-0",
        datetime(2025, 1, 5, 2, tzinfo=UTC),
    )
    for month in range(13):  # 2025-01 … 2026-01: one more than a page
        period = f"{2025 + month // 12}-{month % 12 + 1:02d}"
        public_ledger.publish_statement(uows("xingshan"), STAFF, "yuying-2", period)
    running = build_server(Settings(service="fees"), ledger_specs(uows, FakeIdempotencyStore()), port=0)
    yield running.port
    running.drain(0)


@pytest.fixture
def ledger_client(fees, fakes, mongo_mock):
    """The gateway with fees in process, and the conftest's tickets and communities fakes (兴山区's
    categories name 楼道灯; the materials' ticket is closed)."""
    kept = fakes[0].tickets.setdefault("xingshan", {})
    kept["t-lighting-7"] = tpb.Ticket(
        id="t-lighting-7",
        tenant_id="xingshan",
        compound_id="yuying-1",
        category="lighting",
        status=tpb.TICKET_STATUS_CLOSED,
        description="3栋2单元302 王阿姨家门口灯不亮",
    )
    others = f"127.0.0.1:{fakes[2]}"
    settings = GatewaySettings(
        fees_addr=f"127.0.0.1:{fees}",
        tickets_addr=others,
        communities_addr=others,
        notifications_addr=others,
        jwt_secret=DEV_JWT_SECRET,
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client
    kept.pop("t-lighting-7")  # the fakes are the session's


def path(code: CompoundCode = YUYING) -> str:
    return "/l/" + sign_compound(DEV_JWT_SECRET, code)


def embedded_chain(html: str) -> list[dict]:
    found = re.search(r'<script type="application/json" id="ledger-chain">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_page_shows_the_months_newest_first_with_shares_and_materials_in_chinese(ledger_client):
    page = ledger_client.get(path())
    assert page.status_code == 200 and 'lang="zh-CN"' in page.text
    assert "育英一小区" in page.text
    assert re.findall(r'data-period="(\d{4}-\d{2})" data-entries', page.text) == ["2026-02", "2026-01"]
    assert "2026年1月" in page.text and "支出 · 人工" in page.text and "占 68%" in page.text
    assert "公牛 GN-LED-9W × 40 个（单价 25.00 元）" in page.text
    assert "东方雨虹 JS-II × 1.5 公斤" in page.text
    assert "工单 t-lighting-7（楼道灯 · 已办结）" in page.text  # the district's name, never the description
    assert "王阿姨" not in page.text
    assert '<a href="https://evidence.example/invoice-1.jpg"' in page.text
    assert 'href="linli://' not in page.text  # not openable in a browser: shown as text
    assert "31,500.00 元" in page.text  # fee income in 元, never fen
    assert "记账：工作人员（账号 staff-he）" in page.text


def test_a_correction_is_shown_on_both_entries_never_hidden(ledger_client):
    page = ledger_client.get(path()).text
    assert "更正：冲销1月12日的“公共照明电费”，原因：电费单据重复录入" in page
    assert "已于2026年2月更正（电费单据重复录入）" in page
    assert page.count('data-category="utilities"') == 3  # the original, its reversal, the new bill


def test_the_embedded_canonical_strings_are_the_bytes_the_fees_service_hashed(ledger_client):
    page = ledger_client.get(path()).text
    chain = embedded_chain(page)
    assert [c["period"] for c in chain] == ["2026-01", "2026-02"]
    for before, item in zip([""] + [c["hash"] for c in chain], chain, strict=False):
        assert hashlib.sha256(item["canonical_json"].encode("utf-8")).hexdigest() == item["hash"]
        assert json.loads(item["canonical_json"])["previous_hash"] == before == item["previous_hash"]
    january = json.loads(chain[0]["canonical_json"])
    assert january["expense_shares_bp"]["labour"] == 6800
    shown = re.search(r'data-period="2026-01".*?</section>', page, re.S).group(0)
    assert f'data-check="expenses.labour" data-fen="{january["expenses"]["labour"]}"' in shown
    rows = re.findall(
        r'data-entry="([^"]+)" data-kind="(\w+)" data-category="(\w+)" data-signed="(-?\d+)"', shown
    )
    assert sorted([e, k, c, int(s)] for e, k, c, s in rows) == january["entries"]
    raw = ledger_client.get(path() + "/chain.json")
    assert raw.status_code == 200 and raw.json()["statements"] == chain
    assert raw.json()["compound_name"] == "育英一小区"


def test_markup_in_canonical_json_cannot_end_the_script_element():
    tricky = [{"canonical_json": '{"x":"</script><script>alert(1)</script>&"}'}]
    text = view.script_json(tricky)
    assert "</" not in text and "<script" not in text
    assert json.loads(text) == tricky


def test_a_forged_or_other_purpose_code_gets_the_chinese_404_page(ledger_client):
    token = sign_compound(DEV_JWT_SECRET, YUYING)
    header, _, signature = token.split(".")
    other = sign_compound(DEV_JWT_SECRET, CompoundCode("xingshan", "jinjiang")).split(".")[1]
    building = sign(DEV_JWT_SECRET, BuildingCode("xingshan", "yuying-1", "1"))
    for bad in (f"{header}.{other}.{signature}", building, "not-a-code", "x" * 700):
        page = ledger_client.get(f"/l/{bad}")
        assert page.status_code == 404 and "链接无效" in page.text, bad
        assert ledger_client.get(f"/l/{bad}/chain.json").status_code == 404


def test_another_districts_compound_is_never_reachable(ledger_client):
    for code in (CompoundCode("hanyang", "yuying-1"), CompoundCode("xingshan", "jinjiang")):
        page = ledger_client.get(path(code))
        assert page.status_code == 404 and "未找到该小区的收支公示" in page.text
        assert "31,500.00" not in page.text
        assert ledger_client.get(path(code) + "/chain.json").status_code == 404


def test_a_compound_with_nothing_published_says_so(ledger_client):
    page = ledger_client.get(path(CompoundCode("hanyang", "jinjiang")))
    assert page.status_code == 200 and "金江公寓" in page.text and "尚未发布收支公示" in page.text
    assert embedded_chain(page.text) == []


def test_tickets_unreachable_leaves_the_tickets_id_alone(fees, mongo_mock):
    settings = GatewaySettings(
        fees_addr=f"127.0.0.1:{fees}",
        tickets_addr="127.0.0.1:1",
        communities_addr="127.0.0.1:1",
        jwt_secret=DEV_JWT_SECRET,
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        page = client.get(path())
    assert page.status_code == 200 and "工单 t-lighting-7</span>" in page.text


def test_the_fees_service_down_answers_503_in_chinese(mongo_mock):
    settings = GatewaySettings(fees_addr="127.0.0.1:1", jwt_secret=DEV_JWT_SECRET, gateway_call_timeout=2)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        page = client.get(path())
    assert page.status_code == 503 and "服务暂时不可用" in page.text


def test_the_read_limit_applies_to_ledger_pages(fees, mongo_mock, clock):
    settings = GatewaySettings(
        fees_addr=f"127.0.0.1:{fees}",
        jwt_secret=DEV_JWT_SECRET,
        gateway_reads_burst=2,
        gateway_reads_per_second=1,
    )
    with TestClient(create_app(settings, clock=clock), raise_server_exceptions=False) as client:
        assert [client.get(path()).status_code for _ in range(2)] == [200, 200]
        refused = client.get(path() + "/chain.json")
        assert refused.status_code == 429 and "访问过于频繁" in refused.text
        assert refused.headers["Retry-After"] == "1"
        clock.advance(1)
        assert client.get(path()).status_code == 200


def test_older_months_are_a_page_further_and_the_whole_chain_is_always_embedded(ledger_client):
    code = CompoundCode("xingshan", "yuying-2")
    first = ledger_client.get(path(code)).text
    periods = re.findall(r'data-period="(\d{4}-\d{2})" data-entries', first)
    assert len(periods) == 12 and periods[0] == "2026-01" and periods[-1] == "2025-02"
    assert "第 1 / 2 页" in first and 'href="?page=2"' in first
    assert len(embedded_chain(first)) == 13
    second = ledger_client.get(path(code) + "?page=2").text
    assert re.findall(r'data-period="(\d{4}-\d{2})" data-entries', second) == ["2025-01"]
    assert "捐赠" in second and len(embedded_chain(second)) == 13
    beyond = ledger_client.get(path(code) + "?page=9")
    assert beyond.status_code == 200 and "没有更早的月份了" in beyond.text
    assert ledger_client.get(path(code) + "?page=abc").text.count('class="month"') == 12


def test_the_totals_carry_what_the_script_sums(ledger_client):
    page = ledger_client.get(path()).text
    january = json.loads(embedded_chain(page)[0]["canonical_json"])
    shown = re.search(r'data-period="2026-01".*?</section>', page, re.S).group(0)
    assert f'data-sum="expenses" data-fen="{sum(january["expenses"].values())}"' in shown
    assert f'data-sum="income" data-fen="{sum(january["income"].values())}"' in shown


# -- the page's script, run by headless Chromium on pages this gateway served, as served and altered --
CHAIN = re.compile(r'(<script type="application/json" id="ledger-chain">)(.*?)(</script>)', re.S)


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as driver:
        yield driver


def checked(browser, tmp_path, html: str) -> tuple[str, str, dict[str, str]]:
    """(state, verdict, badge per month) once the page's script has run on `html` in Chromium."""
    from selenium.webdriver.common.by import By  # noqa: PLC0415
    from selenium.webdriver.support.ui import WebDriverWait  # noqa: PLC0415

    page = tmp_path / f"page-{len(list(tmp_path.iterdir()))}.html"
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.ID, "verdict").get_attribute("data-state") != "checking"
    )
    found = browser.find_element(By.ID, "verdict")
    badges = {
        b.get_attribute("data-badge"): b.text for b in browser.find_elements(By.CSS_SELECTOR, "[data-badge]")
    }
    return found.get_attribute("data-state"), found.text, badges


def altered(html: str, change) -> str:
    """`html` with its embedded chain passed through `change` (a list of items, oldest first)."""
    chain = json.loads(CHAIN.search(html).group(2))
    change(chain)
    embedded = view.script_json(chain)
    return CHAIN.sub(lambda m: m.group(1) + embedded + m.group(3), html, count=1)


def rehashed(item: dict, content: dict) -> None:
    """Replace an item's content and give it the matching hash (a forger who recomputes the hash)."""
    item["canonical_json"] = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    item["hash"] = hashlib.sha256(item["canonical_json"].encode("utf-8")).hexdigest()


def test_the_browser_verifies_the_page_as_served(ledger_client, browser, tmp_path):
    state, text, badges = checked(browser, tmp_path, ledger_client.get(path()).text)
    assert (state, text) == ("ok", "✓ 已核验：2 个月的公示未被改动")
    assert badges == {"2026-02": "✓ 已核验", "2026-01": "✓ 已核验"}
    thirteen = ledger_client.get(path(CompoundCode("xingshan", "yuying-2"))).text
    assert checked(browser, tmp_path, thirteen)[:2] == ("ok", "✓ 已核验：13 个月的公示未被改动")
    empty = ledger_client.get(path(CompoundCode("hanyang", "jinjiang"))).text
    assert checked(browser, tmp_path, empty)[:2] == ("none", "尚未发布收支公示")


def test_the_browser_names_the_first_month_that_does_not_match(ledger_client, browser, tmp_path):
    html = ledger_client.get(path()).text

    def content_changed(chain):
        content = json.loads(chain[0]["canonical_json"])
        content["expenses"]["labour"] -= 100
        chain[0]["canonical_json"] = json.dumps(
            content, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )

    def link_broken(chain):
        chain[1]["previous_hash"] = "0" * 64

    def month_dropped(chain):
        chain.pop(0)

    def rechained_with_other_opening(chain):  # February recomputed and rehashed with another opening
        content = json.loads(chain[1]["canonical_json"])
        content["opening_balance_fen"] += 100
        rehashed(chain[1], content)

    cases = [
        (altered(html, content_changed), "2026年1月的公示本机重算的校验码与公布的不符"),
        (altered(html, link_broken), "2026年2月的公示未链接到上一期的校验码"),
        (altered(html, month_dropped), "2026年2月的公示期号不连续"),
        (altered(html, rechained_with_other_opening), "2026年2月的公示上月结余与上一期的本月结余不符"),
        (
            html.replace('data-sum="income" data-fen="3150000"', 'data-sum="income" data-fen="3150100"'),
            "2026年1月的公示显示的金额",
        ),
        (
            html.replace('data-check-bp="labour" data-bp="6800"', 'data-check-bp="labour" data-bp="6900"'),
            "2026年1月的公示显示的占比",
        ),
        (
            re.sub(
                r'<li class="entry" data-entry="[^"]+" data-kind="income".*?</li>',
                "",
                html,
                count=1,
                flags=re.S,
            ),
            "2026年1月的公示显示的明细与公示原文不符",
        ),
    ]
    for page, expected in cases:
        assert page != html
        state, text, _ = checked(browser, tmp_path, page)
        assert state == "bad" and text.startswith(f"✗ 核验未通过：{expected}"), (expected, text)
    _, _, badges = checked(browser, tmp_path, altered(html, month_dropped))
    assert badges["2026-01"] == "✗ 不在校验数据中"  # a month shown but not in the chain is not verified


def test_the_recorder_is_said_in_words():
    def entry(**fields):
        return view.who(pb.LedgerEntry(**fields))

    assert entry(recorded_by="staff-he", source="rpc:r1") == "工作人员（账号 staff-he）"
    assert entry(recorded_by="好邻居物业·firm-li", source="rpc:r2") == "好邻居物业（账号 firm-li）"
    assert entry(recorded_by="staff-he", source="fees.account.v1/e1") == "缴费系统自动入账"
    assert entry(recorded_by="fees") == "系统自动入账"
