"""`linli open311-keys issue|list|revoke` against the gateway's admin API (app in-process)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from linli_cli import open311_keys
from linli_cli.main import app
from linli_gateway.app import create_app
from linli_gateway.open311 import keys
from linli_platform.testing.fixtures import make_token
from typer.testing import CliRunner


@pytest.fixture
def cli(settings, mongo_mock, monkeypatch):
    monkeypatch.setattr(open311_keys, "http_client", lambda gateway: TestClient(create_app(settings)))
    runner = CliRunner()

    def run(*args: str, role: str = "district_admin", tenant: str = "hanyang"):
        return runner.invoke(app, ["open311-keys", *args, "--token", make_token(tenant, role)])

    return run


def test_issue_list_and_revoke_a_key(cli):
    issued = cli("issue", "12345 市民热线")
    assert issued.exit_code == 0, issued.output
    api_key = issued.output.split("\n")[1].strip()
    key_id = re.search(r"编号 ([0-9a-f]{12})", issued.output).group(1)
    assert keys.verify_key("hanyang", api_key) == key_id  # the printed key is the one that works

    listed = cli("list")
    assert listed.exit_code == 0 and key_id in listed.output and "有效" in listed.output
    assert api_key not in listed.output  # shown once, when issued

    assert cli("revoke", key_id).exit_code == 0
    assert keys.verify_key("hanyang", api_key) is None
    assert "已吊销" in cli("list").output


def test_errors_are_explained_and_exit_non_zero(cli):
    key_id = re.search(r"编号 ([0-9a-f]{12})", cli("issue", "热线").output).group(1)
    other_district = cli("revoke", key_id, tenant="xingshan")
    assert other_district.exit_code == 1 and "404" in other_district.output
    resident = cli("list", role="resident")
    assert resident.exit_code == 1 and "只有区管理员" in resident.output
    markup = cli("issue", "<script>")
    assert markup.exit_code == 1 and "name" in markup.output


def test_without_a_token_nothing_is_sent(monkeypatch):
    monkeypatch.delenv("LINLI_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["open311-keys", "list"])
    assert result.exit_code == 2 and "缺少令牌" in result.output
