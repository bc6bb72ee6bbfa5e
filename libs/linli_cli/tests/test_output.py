"""Errors of every command are rendered by rich as text: a server's refusal never shows markup such
as `[red]…[/red]`, and field problems come in Chinese with their path."""

from __future__ import annotations

from pathlib import Path

import pytest
from linli_cli.main import app
from linli_communities.entrypoints.governance_api import governance_specs
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.messages_zh import pydantic_message, translate
from linli_platform.testing.fixtures import make_token
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from typer.testing import CliRunner

DEMO = Path(__file__).resolve().parents[3] / "deploy" / "demo"
runner = CliRunner()


@pytest.fixture
def address(mongo_mock):
    running = build_server(Settings(service="communities", grpc_workers=2), governance_specs(), port=0)
    yield f"127.0.0.1:{running.port}"
    running.drain(0)


def cli(address: str, role: str, *args: str):
    env = {"LINLI_TOKEN": make_token("hanyang", role), "COLUMNS": "200"}
    return runner.invoke(app, ["config", *args, "--address", address], env=env)


def no_markup(text: str) -> bool:
    return not any(tag in text for tag in ("[red]", "[/red]", "[green]", "[/green]", "[/]"))


def test_a_refusal_by_role_is_rendered_not_printed_as_markup(address):
    denied = cli(address, "resident", "apply", str(DEMO / "hanyang" / "governance.yaml"))
    assert denied.exit_code == 1 and "✗ 无权限" in denied.output and no_markup(denied.output), denied.output


def test_an_unknown_compound_is_rendered_not_printed_as_markup(address):
    shown = cli(address, "district_admin", "show", "--effective", "--compound", "nosuch")
    assert shown.exit_code == 1 and "✗ 未找到" in shown.output and no_markup(shown.output), shown.output


def test_field_problems_are_in_chinese_with_their_path(address, tmp_path):
    source = tmp_path / "g.yaml"
    source.write_text("district: {name: 汉阳区}\nfees:\n  due_day: 31\n", encoding="utf-8")
    refused = cli(address, "district_admin", "apply", str(source))
    assert refused.exit_code == 1 and no_markup(refused.output), refused.output
    assert "fees.due_day: 应小于或等于 28" in refused.output


def test_an_unreachable_service_exits_3_so_scripts_retry():
    env = {"LINLI_TOKEN": make_token("hanyang", "district_admin")}
    result = runner.invoke(app, ["config", "history", "--address", "127.0.0.1:1"], env=env)
    assert result.exit_code == 3 and "✗ 无法连接" in result.output and no_markup(result.output)


class Probe(BaseModel):
    model_config = ConfigDict(extra="forbid")
    day: int = Field(le=28)
    kind: str = Field(pattern="^[a-z]+$")


def test_pydantic_errors_are_translated_by_type():
    with pytest.raises(ValidationError) as err:
        Probe.model_validate({"day": 31, "kind": "ABC", "extra": 1})
    messages = {e["loc"][0]: pydantic_message(e) for e in err.value.errors()}
    assert messages == {
        "day": "应小于或等于 28",
        "kind": "格式不正确（应符合 ^[a-z]+$）",
        "extra": "不认识的字段（请检查拼写）",
    }
    assert translate("Input should be less than or equal to 28") == "应小于或等于 28"
    assert translate("is required") == "必填" and translate("没有模板的消息") == "没有模板的消息"
