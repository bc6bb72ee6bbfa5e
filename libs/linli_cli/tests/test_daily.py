"""The daily work of a district from the command line — buildings, households, contracts, firms and
role grants: list / show / edit, `--json` for scripts, edits that keep what they do not name and
refuse removals without --allow-removals — against an in-process communities API."""

from __future__ import annotations

import json
import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_cli import onboard
from linli_cli.demo import DEMO_DIR
from linli_cli.main import app
from linli_cli.onboard_files import load_yaml
from linli_communities.entrypoints.grpc_api import specs
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import bearer, make_token
from typer.testing import CliRunner

runner = CliRunner()
HEADER = "compound_id,building_id,household_id,label,area_m2,residents\n"


@pytest.fixture
def address(mongo_mock, tmp_path):
    settings = Settings(service="communities", grpc_workers=4)
    running = build_server(settings, specs(settings), port=0)
    address = f"127.0.0.1:{running.port}"
    with grpc.insecure_channel(address) as channel:
        pb_grpc.CommunitiesServiceStub(channel).CreateTenant(
            pb.CreateTenantRequest(request_id=uuid.uuid4().hex, tenant_id="hanyang", name="汉阳区"),
            metadata=bearer(make_token("platform", "platform_admin")),
        )
    rows = tmp_path / "h.csv"
    rows.write_text(
        HEADER + "jinjiang,1,1-1-101,1栋101,75.69,杨勇:13002243746:owner:resident@hanyang\n", "utf-8"
    )
    report = onboard.run(
        address, make_token("hanyang", "district_admin"), load_yaml(DEMO_DIR / "hanyang.yaml"), rows
    )
    assert report.ok, report
    yield address
    running.drain(0)


def cli(address: str, *args: str, role: str = "district_admin"):
    env = {"LINLI_TOKEN": make_token("hanyang", role), "COLUMNS": "200"}
    return runner.invoke(app, [*args, "--address", address], env=env)


def test_buildings_are_listed_with_compound_names_and_as_json(address):
    listed = cli(address, "buildings", "list", "--compound", "jinjiang")
    assert listed.exit_code == 0 and "金江公寓" in listed.output and "王建华" in listed.output, listed.output
    as_json = json.loads(cli(address, "buildings", "list", "--json").output)
    assert len(as_json) == 14 and {"compound_id", "name"} <= set(as_json[0])


def test_an_edit_changes_only_what_it_names(address):
    edited = cli(address, "buildings", "edit", "jinjiang", "2", "--name", "二号楼")
    assert edited.exit_code == 0 and "已修改" in edited.output, edited.output
    shown = json.loads(cli(address, "buildings", "show", "jinjiang", "2", "--json").output)
    assert (shown["name"], shown["leader_name"]) == ("二号楼", "刘桂英")
    same = cli(address, "buildings", "edit", "jinjiang", "2", "--name", "二号楼")
    assert "没有变化" in same.output


def test_archiving_or_dropping_a_login_link_needs_allow_removals(address):
    refused = cli(address, "buildings", "edit", "jinjiang", "1", "--leader-subject", "")
    assert refused.exit_code == 1 and "登录关联" in refused.output and "--allow-removals" in refused.output
    assert json.loads(cli(address, "buildings", "show", "jinjiang", "1", "--json").output)["leader_subject"]
    dropped = cli(
        address, "households", "edit", "jinjiang", "1-1-101", "--residents", "杨勇:13002243746:owner"
    )
    assert dropped.exit_code == 1 and "resident@hanyang" in dropped.output
    archived = cli(address, "households", "edit", "jinjiang", "1-1-101", "--archive", "--allow-removals")
    assert archived.exit_code == 0, archived.output
    shown = json.loads(cli(address, "households", "show", "jinjiang", "1-1-101", "--json").output)
    assert shown["archived"] is True and shown["residents"][0]["subject"] == "resident@hanyang"


def test_households_contracts_and_firms_are_listed(address):
    households = cli(address, "households", "list", "--compound", "jinjiang")
    assert households.exit_code == 0 and "杨勇" in households.output and "75.69" in households.output
    contracts = cli(address, "contracts", "list")
    assert "世茂物业" in contracts.output and "金江公寓" in contracts.output, contracts.output
    ended = cli(address, "contracts", "edit", "zhaoshang", "jiangshan-heyue", "--end")
    assert ended.exit_code == 1 and "终止物业合同" in ended.output
    firms = json.loads(cli(address, "firms", "list", "--json").output)
    assert [f["org_id"] for f in firms] == ["shimao", "zhaoshang"]
    assert cli(address, "contracts", "show", "shimao", "nosuch").exit_code == 1


def test_roles_are_granted_listed_revoked_and_their_tokens_issued(address):
    granted = cli(address, "grants", "grant", "wang@hanyang", "property_firm", "--org", "shimao")
    assert granted.exit_code == 0 and "有效" in granted.output, granted.output
    listed = json.loads(cli(address, "grants", "list", "--json").output)
    assert {(g["subject"], g["role"]) for g in listed} >= {("wang@hanyang", "property_firm")}
    token = cli(address, "grants", "token", "wang@hanyang", "property_firm", "--org", "shimao")
    assert token.exit_code == 0 and token.output.count(".") == 2
    assert cli(address, "grants", "revoke", "wang@hanyang", "property_firm", "--org", "shimao").exit_code == 0
    refused = cli(address, "grants", "token", "wang@hanyang", "property_firm", "--org", "shimao")
    assert refused.exit_code == 1 and "未能签发令牌" in refused.output and "[red]" not in refused.output


def test_a_resident_is_refused_in_chinese(address):
    denied = cli(address, "households", "list", role="resident")
    assert denied.exit_code == 1 and "✗ 无权限" in denied.output
