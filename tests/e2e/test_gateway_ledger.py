"""收支公示 on a resident's phone: `linli fees ledger link` prints 育英一小区's page, headless Chromium
opens it, sees labour's share and the materials by brand, and the browser itself verifies the chain of
statements; an altered copy of the page fails the browser's check and names the month."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.request

import grpc
import pytest
from linli_cli import demo_fees_ledger
from linli_platform.config import DEV_JWT_SECRET
from linli_platform.testing.browser import headless_chromium
from linli_qr.tokens import CompoundCode, ledger_url
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from typer.testing import CliRunner

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def period(system) -> str:
    """The demo's month of 育英一小区 (seed 001), published (loading it again changes nothing)."""
    tokens = next(t["tokens"] for t in system.tenants if t["id"] == "xingshan")
    with grpc.insecure_channel(system.address("fees")) as channel:
        return demo_fees_ledger.load_yuying(channel, tokens)


@pytest.fixture(scope="module")
def link(system, period, monkeypatch_module, tmp_path_factory) -> tuple[str, str]:
    """(the page's URL, the notice-board sheet) as `linli fees ledger link` prints them."""
    from linli_cli.main import app  # noqa: PLC0415 - the CLI as community staff run it

    monkeypatch_module.setenv("LINLI_COMMUNITIES_ADDR", system.address("communities"))
    monkeypatch_module.setenv("LINLI_JWT_SECRET", DEV_JWT_SECRET)
    sheet = tmp_path_factory.mktemp("ledger") / "notice.html"
    base = f"http://127.0.0.1:{system.gateway_port}"
    args = ["fees", "ledger", "link", "--tenant", "xingshan", "--compound", "yuying-1", "--base-url", base]
    result = CliRunner().invoke(app, [*args, "--sheet", str(sheet)])
    assert result.exit_code == 0, result.output
    assert "育英一小区 收支公示" in result.output
    url = re.search(rf"{re.escape(base)}/l/\S+", result.output).group(0)
    return url, sheet.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as driver:
        yield driver


def verdict(browser) -> tuple[str, str]:
    """The browser's own verdict, once its script has computed it."""
    WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.ID, "verdict").get_attribute("data-state") != "checking"
    )
    found = browser.find_element(By.ID, "verdict")
    return found.get_attribute("data-state"), found.text


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def test_the_sheet_carries_the_pages_url_as_one_qr_code(link):
    url, sheet = link
    assert url in sheet and sheet.count("<svg") == 1


def test_a_resident_sees_the_shares_and_materials_and_the_browser_verifies_the_chain(link, period, browser):
    browser.get(link[0])
    assert browser.find_element(By.ID, "place").text == "育英一小区"
    month = browser.find_element(By.CSS_SELECTOR, f'section.month[data-period="{period}"]')
    labour = month.find_element(By.CSS_SELECTOR, '[data-check-bp="labour"]')
    assert labour.text == "占 68%"
    materials = [m.text for m in month.find_elements(By.CSS_SELECTOR, "li.material")]
    assert any(m.startswith("公牛 GN-LED-9W × 40 个") for m in materials), materials
    assert any("九牧 J-33012" in m for m in materials)
    assert "工单 demo-yuying-lighting" in month.text
    state, text = verdict(browser)
    assert state == "ok", text
    assert re.fullmatch(r"✓ 已核验：\d+ 个月的公示未被改动", text)
    assert month.find_element(By.CSS_SELECTOR, f'[data-badge="{period}"]').text == "✓ 已核验"


def test_the_raw_chain_recomputes_with_anyones_tools(link, period):
    chain = json.loads(fetch(link[0] + "/chain.json"))
    assert chain["compound_name"] == "育英一小区"
    before = ""
    for item in chain["statements"]:
        assert hashlib.sha256(item["canonical_json"].encode("utf-8")).hexdigest() == item["hash"]
        assert json.loads(item["canonical_json"])["previous_hash"] == before
        before = item["hash"]
    assert period in [s["period"] for s in chain["statements"]]


CHAIN = re.compile(r'(<script type="application/json" id="ledger-chain">)(.*?)(</script>)', re.S)


def with_month_altered(page: str, period: str) -> str:
    """The page with the hashed content of `period` changed by one yuan of labour, its hash kept."""
    chain = json.loads(CHAIN.search(page).group(2))
    item = next(i for i in chain if i["period"] == period)
    content = json.loads(item["canonical_json"])
    content["expenses"]["labour"] -= 100
    item["canonical_json"] = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    embedded = json.dumps(chain, ensure_ascii=False).replace("<", "\\u003c")
    return CHAIN.sub(lambda m: m.group(1) + embedded + m.group(3), page, count=1)


def test_an_altered_copy_of_the_page_fails_the_browsers_check_naming_the_month(
    link, period, browser, tmp_path
):
    page = fetch(link[0])
    year, month = period.split("-")
    unaltered = tmp_path / "unaltered.html"
    unaltered.write_text(page, encoding="utf-8")  # a saved copy of the page verifies itself
    browser.get(unaltered.as_uri())
    assert verdict(browser)[0] == "ok"
    altered = tmp_path / "altered.html"
    altered.write_text(with_month_altered(page, period), encoding="utf-8")
    browser.get(altered.as_uri())
    state, text = verdict(browser)
    assert state == "bad", text
    assert text.startswith(f"✗ 核验未通过：{year}年{int(month)}月的公示本机重算的校验码与公布的不符"), text
    badge = browser.find_element(By.CSS_SELECTOR, f'[data-badge="{period}"]').text
    assert badge.startswith("✗")
    shown = re.search(r'data-check="expenses\.labour" data-fen="(\d+)"', page)
    figure = tmp_path / "figure.html"
    figure.write_text(page.replace(shown.group(0), shown.group(0)[:-1] + '1"', 1), encoding="utf-8")
    browser.get(figure.as_uri())
    state, text = verdict(browser)
    assert state == "bad" and "显示的金额与公示原文不符" in text, text


def test_a_forged_or_other_districts_link_shows_the_chinese_404(system, link, browser):
    url = link[0]
    header, payload, signature = url.rsplit("/", 1)[1].split(".")
    browser.get(url.rsplit("/", 1)[0] + f"/{header}.{payload[:-2]}xx.{signature}")
    assert "链接无效" in browser.find_element(By.ID, "error").text
    other = ledger_url(
        f"http://127.0.0.1:{system.gateway_port}", DEV_JWT_SECRET, CompoundCode("hanyang", "yuying-1")
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(other)
    assert refused.value.code == 404
    assert "未找到该小区的收支公示" in refused.value.read().decode("utf-8")
