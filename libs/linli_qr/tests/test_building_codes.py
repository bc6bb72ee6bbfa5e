"""Building codes: what one signs the other verifies, nothing else verifies, and the sheet carries them."""

from __future__ import annotations

import re

from linli_qr.sheet import render_sheet
from linli_qr.tokens import BuildingCode, report_url, sign, verify

SECRET = "a-test-secret-of-at-least-thirty-two-characters"


def test_a_signed_code_verifies_to_its_building():
    code = BuildingCode("hanyang", "jinjiang", "3", "3栋")
    assert verify(SECRET, sign(SECRET, code)) == code


def test_a_code_under_another_secret_or_tampered_is_refused():
    token = sign(SECRET, BuildingCode("hanyang", "jinjiang", "3"))
    assert verify("another-secret-of-at-least-thirty-two-chars", token) is None
    assert verify(SECRET, token[:-2] + "xx") is None
    assert verify(SECRET, "") is None
    assert verify(SECRET, "a" * 601) is None


def test_the_sheet_has_a_card_whose_url_verifies_per_building():
    codes = [BuildingCode("hanyang", "jinjiang", "1", "1栋"), BuildingCode("hanyang", "jinjiang", "2")]
    html = render_sheet(SECRET, "http://gw.example/", "汉阳区", "金江公寓", codes)
    urls = re.findall(r'<p class="url">([^<]+)</p>', html)
    assert urls == [report_url("http://gw.example", SECRET, c) for c in codes]
    assert html.count("<svg") == 2 and "金江公寓" in html


def test_a_ledger_code_verifies_to_its_compound_and_no_other_code_does():
    from linli_qr.sheet import render_ledger_sheet
    from linli_qr.tokens import CompoundCode, ledger_url, sign_compound, verify_compound

    code = CompoundCode("xingshan", "yuying-1")
    token = sign_compound(SECRET, code)
    assert verify_compound(SECRET, token) == code
    assert verify_compound("another-secret-of-at-least-thirty-two-chars", token) is None
    building = sign(SECRET, BuildingCode("xingshan", "yuying-1", "1"))
    assert verify_compound(SECRET, building) is None  # a building code is no ledger code
    assert verify(SECRET, token) is None  # and a ledger code no building code
    html = render_ledger_sheet(SECRET, "http://gw.example/", "兴山区", "育英一小区", code)
    url = re.search(r'<p class="url">([^<]+)</p>', html).group(1)
    assert url == ledger_url("http://gw.example", SECRET, code)
    assert verify_compound(SECRET, url.rsplit("/", 1)[1]) == code
    assert html.count("<svg") == 1 and "育英一小区 收支公示" in html
