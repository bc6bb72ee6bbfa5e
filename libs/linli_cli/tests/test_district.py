"""`linli district create|list` against an in-process communities API: the operator creates a
district with its first administrator and governance config, and that administrator can onboard."""

from __future__ import annotations

import json

import jwt
import pytest
from linli_cli.main import app
from linli_communities.entrypoints.grpc_api import specs
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import make_token
from typer.testing import CliRunner

runner = CliRunner()


@pytest.fixture
def address(mongo_mock):
    settings = Settings(service="communities", grpc_workers=4)
    running = build_server(settings, specs(settings), port=0)
    yield f"127.0.0.1:{running.port}"
    running.drain(0)


def operator(address: str, *args: str, role: str = "platform_admin"):
    env = {"LINLI_TOKEN": make_token("platform", role), "COLUMNS": "200"}
    return runner.invoke(app, ["district", *args, "--address", address], env=env)


def test_create_prints_the_first_administrators_token_and_config_version(address, tmp_path):
    config = tmp_path / "g.yaml"
    config.write_text("district: {name: 青山区}\nfees:\n  due_day: 10\n", encoding="utf-8")
    made = operator(address, "create", "qingshan", "青山区", "--config", str(config), "--json")
    assert made.exit_code == 0, made.output
    answer = json.loads(made.output)
    assert (answer["id"], answer["name"], answer["config_version"]) == ("qingshan", "青山区", 1)
    claims = jwt.decode(answer["token"], options={"verify_signature": False})
    assert (claims["tenant"], claims["role"], claims["sub"]) == (
        "qingshan",
        "district_admin",
        "admin@qingshan",
    )
    again = operator(address, "create", "qingshan", "青山区", "--config", str(config))
    assert again.exit_code == 0 and "版本 1" in again.output, again.output  # re-run: same end state
    listed = operator(address, "list", "--json")
    assert [t["id"] for t in json.loads(listed.output)] == ["qingshan"]
    shown = operator(address, "list")
    assert "青山区" in shown.output and "Asia/Shanghai" in shown.output


def test_another_name_for_an_existing_district_is_refused(address):
    assert operator(address, "create", "qingshan", "青山区").exit_code == 0
    other = operator(address, "create", "qingshan", "别的区")
    assert other.exit_code == 1 and "已存在" in other.output


def test_only_a_platform_operator_creates_districts(address):
    denied = operator(address, "create", "qingshan", "青山区", role="district_admin")
    assert denied.exit_code == 1 and "无权限" in denied.output and "[red]" not in denied.output
