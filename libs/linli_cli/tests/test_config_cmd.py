"""`linli config …` and the demo districts' governance configs, against an in-process communities API."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import grpc
import pytest
import yaml
from linli.communities.v1 import governance_pb2 as pb
from linli.communities.v1 import governance_pb2_grpc as pb_grpc
from linli_cli import demo_governance
from linli_cli.main import app
from linli_communities.entrypoints.governance_api import governance_specs
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import bearer, make_token
from mongoengine.connection import get_db
from typer.testing import CliRunner

DEMO = Path(__file__).resolve().parents[3] / "deploy" / "demo"
TENANTS = ("hanyang", "xingshan", "longtan", "donghu")
runner = CliRunner()


def seed_from_demo_files() -> None:
    """Communities and compounds of deploy/demo/<tenant>.yaml, stored as the hierarchy does."""
    db = get_db()
    for tenant in TENANTS:
        spec = yaml.safe_load((DEMO / f"{tenant}.yaml").read_text(encoding="utf-8"))
        for community in spec["communities"]:
            db["communities"].insert_one(
                {
                    "tenant_id": tenant,
                    "community_id": community["id"],
                    "name": community["name"],
                    "archived": False,
                }
            )
            for compound in community["compounds"]:
                db["compounds"].insert_one(
                    {
                        "tenant_id": tenant,
                        "compound_id": compound["id"],
                        "name": compound["name"],
                        "community": community["name"],
                        "community_id": community["id"],
                        "archived": False,
                        "created_at": datetime.now(UTC),
                    }
                )


@pytest.fixture
def address(mongo_mock):
    seed_from_demo_files()
    running = build_server(Settings(service="communities", grpc_workers=4), governance_specs(), port=0)
    yield f"127.0.0.1:{running.port}"
    running.drain(0)


def cli(address: str, tenant: str, role: str, *args: str, subject: str = ""):
    token = make_token(tenant, role, subject)
    waiting = [] if args[0] != "apply" or "--wait" in args else ["--no-wait"]  # no services here
    return runner.invoke(app, ["config", *args, *waiting, "--token", token, "--address", address])


def test_validate_apply_diff_show_and_history(address, tmp_path):
    source = DEMO / "hanyang" / "governance.yaml"
    assert cli(address, "hanyang", "district_admin", "validate", str(source)).exit_code == 0
    applied = cli(address, "hanyang", "district_admin", "apply", str(source), "-m", "首版", subject="张媛媛")
    assert applied.exit_code == 0 and "已保存：版本 1" in applied.output

    edited = tmp_path / "governance.yaml"
    edited.write_text(
        source.read_text(encoding="utf-8").replace(
            "price_fen_per_m2_month: 40", "price_fen_per_m2_month: 45"
        ),
        encoding="utf-8",
    )
    diff = cli(address, "hanyang", "district_admin", "diff", str(edited))
    assert diff.exit_code == 0
    assert "-  price_fen_per_m2_month: 40" in diff.output and "+  price_fen_per_m2_month: 45" in diff.output
    assert cli(address, "hanyang", "district_admin", "apply", str(edited), "-m", "调价").exit_code == 0

    shown = cli(address, "hanyang", "community_staff", "show", "--version", "1")
    assert (
        shown.exit_code == 0
        and "# 版本 1，张媛媛" in shown.output
        and "price_fen_per_m2_month: 40" in shown.output
    )
    effective = cli(address, "hanyang", "resident", "show", "--effective", "--compound", "jiangshan-heyue")
    assert effective.exit_code == 0 and "单元大堂与楼道照明" in effective.output
    history = cli(address, "hanyang", "district_admin", "history")
    assert history.exit_code == 0 and "共 2 个版本" in history.output and "调价" in history.output


def test_a_bad_file_is_refused_with_its_paths_and_nothing_changes(address, tmp_path):
    source = DEMO / "hanyang" / "governance.yaml"
    cli(address, "hanyang", "district_admin", "apply", str(source))
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        source.read_text(encoding="utf-8")
        .replace("accept_within_minutes: 30", "accept_within_minutes: -1")
        .replace("    jiangshan-heyue:", "    atlantis:"),
        encoding="utf-8",
    )
    validated = cli(address, "hanyang", "district_admin", "validate", str(bad))
    assert validated.exit_code == 1
    assert "tickets.categories.lighting.accept_within_minutes" in validated.output
    assert "overrides.compounds.atlantis" in validated.output
    applied = cli(address, "hanyang", "district_admin", "apply", str(bad))
    assert applied.exit_code == 1 and "当前生效版本不变" in applied.output
    assert "共 1 个版本" in cli(address, "hanyang", "district_admin", "history").output


def test_the_cli_reports_refusals_in_chinese(address):
    source = DEMO / "hanyang" / "governance.yaml"
    denied = cli(address, "hanyang", "resident", "apply", str(source))
    assert denied.exit_code == 1 and "无权限" in denied.output
    missing = runner.invoke(app, ["config", "history", "--token", "", "--address", address])
    assert missing.exit_code == 2 and "缺少令牌" in missing.output


def test_the_demo_districts_configs_apply_over_their_demo_hierarchy(address):
    tenants = [{"id": t, "tokens": {"district_admin": make_token(t, "district_admin")}} for t in TENANTS]
    assert demo_governance.apply_all(address, tenants, DEMO) == dict.fromkeys(TENANTS, 1)
    assert demo_governance.apply_all(address, tenants, DEMO) == dict.fromkeys(TENANTS, 1)  # re-run: no change
    stub = pb_grpc.GovernanceServiceStub(grpc.insecure_channel(address))

    def effective(tenant: str, **scope) -> dict:
        found = stub.GetEffectiveConfig(
            pb.GetEffectiveConfigRequest(**scope), metadata=bearer(make_token(tenant, "resident"))
        )
        return yaml.safe_load(found.sections_yaml)

    xingshan = effective("xingshan", compound="yuying-2")
    assert (
        xingshan["fees"]["price_fen_per_m2_month"] == 30 and xingshan["fees"]["prepay"][0]["free_months"] == 2
    )
    assert xingshan["points"]["name"] == "红色积分"
    xinwuli = effective("hanyang", compound="jiangshan-heyue")
    assert [t["decided_by"] for t in xinwuli["deliberation"]["tiers"]] == ["council", "three_party"]
    assert [t["decided_by"] for t in effective("hanyang", compound="jinjiang")["deliberation"]["tiers"]] == [
        "self_management_team",
        "council",
        "three_party",
    ]
    assert effective("longtan", compound="zhanqian-3")["deliberation"]["votes"]["rule"] == "headcount"
    assert effective("longtan")["cooperative"]["max_members"] == 9
    donghu = effective("donghu", compound="anpudun")
    assert (
        donghu["points"]["name"] == "湾郡币"
        and donghu["tickets"]["categories"]["elevator"]["accept_within_minutes"] == 10
    )


class Applied:
    """A service's configuration copy as the ConfigVersionService sees it."""

    ttl = 0.1

    def __init__(self, version: int = 0):
        self.current = version

    def version(self, tenant: str) -> int:
        return self.current


@pytest.fixture
def services(monkeypatch):
    """tickets, fees, points and notifications reporting the versions they apply (no copies behind)."""
    from linli_platform.config_version import config_version_spec  # noqa: PLC0415

    copies, running = {}, []
    for svc in ("tickets", "fees", "points", "notifications"):
        copies[svc] = Applied()
        server = build_server(Settings(service=svc), [config_version_spec(svc, copies[svc])], port=0)
        running.append(server)
        monkeypatch.setenv(f"LINLI_{svc.upper()}_ADDR", f"127.0.0.1:{server.port}")
    yield copies
    for server in running:
        server.drain(0)


def test_apply_waits_until_every_service_applies_the_new_version(address, services):
    for copy in services.values():
        copy.current = 1  # what they would hold once the event reached them
    source = DEMO / "hanyang" / "governance.yaml"
    applied = cli(address, "hanyang", "district_admin", "apply", str(source), "--wait", subject="张媛媛")
    assert applied.exit_code == 0, applied.output
    assert "最多 60 秒" in applied.output and "✓ 已生效：版本 1（修改人 张媛媛）" in applied.output
    assert all(f"{svc} " in applied.output for svc in services)


def test_apply_names_the_service_that_is_late_and_exits_3(address, services):
    for svc, copy in services.items():
        copy.current = 0 if svc == "fees" else 1
    source = DEMO / "hanyang" / "governance.yaml"
    applied = cli(address, "hanyang", "district_admin", "apply", str(source), "--wait", "--timeout", "1")
    assert applied.exit_code == 3, applied.output
    assert "版本 1 已保存，但 1 秒内未在全部服务生效" in applied.output
    assert "fees" in applied.output and "仍在使用版本 0" in applied.output
    assert "[red]" not in applied.output
