"""`linli qr` with buildings named by hand: works without the communities service."""

from __future__ import annotations

import re

from linli_cli.main import app
from linli_platform.config import DEV_JWT_SECRET
from linli_platform.testing.launchers import free_port
from linli_qr.tokens import verify
from typer.testing import CliRunner


def test_a_sheet_from_named_buildings_when_communities_is_unreachable(tmp_path, monkeypatch):
    monkeypatch.setenv("LINLI_COMMUNITIES_ADDR", f"127.0.0.1:{free_port()}")
    monkeypatch.setenv("LINLI_JWT_SECRET", DEV_JWT_SECRET)
    out = tmp_path / "sheet.html"
    args = [
        "qr",
        "--tenant",
        "hanyang",
        "--compound",
        "jinjiang",
        "--building",
        "1=1栋",
        "--building",
        "2",
        "--base-url",
        "http://gw.example",
        "--out",
        str(out),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "2 栋楼的报修二维码" in result.output
    urls = re.findall(r'<p class="url">([^<]+)</p>', out.read_text(encoding="utf-8"))
    codes = [verify(DEV_JWT_SECRET, u.rsplit("/", 1)[1]) for u in urls]
    assert [(c.tenant, c.compound_id, c.building_id, c.label) for c in codes] == [
        ("hanyang", "jinjiang", "1", "1栋"),
        ("hanyang", "jinjiang", "2", "2"),
    ]


def test_without_buildings_or_communities_it_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("LINLI_COMMUNITIES_ADDR", f"127.0.0.1:{free_port()}")
    result = CliRunner().invoke(
        app, ["qr", "--tenant", "hanyang", "--compound", "jinjiang", "--out", str(tmp_path / "x.html")]
    )
    assert result.exit_code == 1
    assert "--building" in result.output
    assert not (tmp_path / "x.html").exists()


def test_without_tenant_the_district_comes_from_the_token(tmp_path, monkeypatch):
    from linli_platform.testing.fixtures import make_token  # noqa: PLC0415

    monkeypatch.setenv("LINLI_COMMUNITIES_ADDR", f"127.0.0.1:{free_port()}")
    monkeypatch.setenv("LINLI_JWT_SECRET", DEV_JWT_SECRET)
    monkeypatch.setenv("LINLI_TOKEN", make_token("xingshan", "district_admin"))
    out = tmp_path / "sheet.html"
    args = ["qr", "--compound", "yuying-1", "--building", "1=1号楼", "--base-url", "http://gw.example"]
    result = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    (url,) = re.findall(r'<p class="url">([^<]+)</p>', out.read_text(encoding="utf-8"))
    assert verify(DEV_JWT_SECRET, url.rsplit("/", 1)[1]).tenant == "xingshan"


def test_without_tenant_or_token_it_says_what_to_give(tmp_path, monkeypatch):
    monkeypatch.delenv("LINLI_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["qr", "--compound", "jinjiang", "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "--tenant" in result.output
    forged = CliRunner().invoke(
        app, ["qr", "--compound", "jinjiang", "--token", "not-a-token", "--out", str(tmp_path / "x.html")]
    )
    assert forged.exit_code == 2 and "令牌无效" in forged.output
