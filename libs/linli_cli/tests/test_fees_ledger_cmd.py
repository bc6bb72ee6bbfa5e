"""`linli fees ledger verify`: a resident recomputes every published month's hash on their machine and
the service checks it against the ledger; an altered month fails the check (exit 1)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli_cli.main import app
from linli_fees.adapters.ledger_fakes import fake_ledger_unit_of_work
from linli_fees.domain.public_ledger import EntryDraft
from linli_fees.entrypoints.ledger_api import ledger_specs
from linli_fees.service_layer import public_ledger
from linli_fees.service_layer.ledger_ports import CompoundCopy
from linli_platform.auth import Principal
from linli_platform.config import DEV_JWT_SECRET, Settings
from linli_platform.errors import NotFound
from linli_platform.grpc_server import ServiceSpec, build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import make_token
from linli_qr.tokens import CompoundCode, verify_compound
from typer.testing import CliRunner

STAFF = Principal("xingshan", "community_staff", "staff-he")


def entry(category: str, kind: str, amount: int) -> EntryDraft:
    return EntryDraft("yuying-1", kind, category, amount, "演示", "2026-01-10")


@pytest.fixture
def ledger(monkeypatch):
    store = FakeStore()
    uows = fake_ledger_unit_of_work(store)
    directory = uows("xingshan").directory
    directory.keep_compound(CompoundCopy("yuying-1", "育英一小区"), 1)
    directory.keep_household("yuying-1", "1-101", ["res-chen"], False, 1)
    for i, (category, kind, amount) in enumerate(
        [("fees", "income", 150_000), ("labour", "expense", 68_000), ("materials", "expense", 32_000)]
    ):
        public_ledger.record_entry(
            uows("xingshan"), STAFF, entry(category, kind, amount), f"e{i}", datetime(2026, 1, 12, tzinfo=UTC)
        )
    for period in ("2026-01", "2026-02"):
        public_ledger.publish_statement(uows("xingshan"), STAFF, "yuying-1", period)
    running = build_server(Settings(service="fees"), ledger_specs(uows, FakeIdempotencyStore()), port=0)
    monkeypatch.setenv("LINLI_FEES_ADDR", f"127.0.0.1:{running.port}")
    monkeypatch.setenv("LINLI_TOKEN", make_token("xingshan", "resident", "res-chen"))
    yield store
    running.drain(0)


def test_a_resident_verifies_every_published_month(ledger):
    got = CliRunner().invoke(app, ["fees", "ledger", "verify", "--compound", "yuying-1", "--json"])
    assert got.exit_code == 0, got.output
    report = json.loads(got.output)
    assert report["ok"] and [s["period"] for s in report["statements"]] == ["2026-01", "2026-02"]
    shown = CliRunner().invoke(
        app, ["fees", "ledger", "statement", "--compound", "yuying-1", "--period", "2026-01", "--json"]
    )
    assert json.loads(shown.output)["expense_shares_bp"] == {"labour": 6800, "materials": 3200}


def test_an_altered_month_fails_verification_with_exit_1(ledger):
    key = ("xingshan", "yuying-1:2026-01")
    stored = ledger.tables["ledger_statements"][key]
    stored.content = replace(stored.content, closing_balance_fen=stored.content.closing_balance_fen + 100)
    got = CliRunner().invoke(app, ["fees", "ledger", "verify", "--compound", "yuying-1"])
    assert got.exit_code == 1
    assert "2026-01" in got.output and "核验未通过" in got.output


def test_a_resident_of_another_compound_is_refused(ledger, monkeypatch):
    monkeypatch.setenv("LINLI_TOKEN", make_token("xingshan", "resident", "res-li"))
    got = CliRunner().invoke(app, ["fees", "ledger", "verify", "--compound", "yuying-1"])
    assert got.exit_code == 1 and "无权限" in got.output


class NamedCompounds(cpb_grpc.CommunitiesServiceServicer):
    """Communities as `link` reads it: 兴山区 and its 育英一小区."""

    def GetTenant(self, request, context):
        return cpb.Tenant(id=request.tenant_id, name="兴山区", timezone="Asia/Shanghai")

    def GetCompound(self, request, context):
        if request.compound_id != "yuying-1":
            raise NotFound(f"compound {request.compound_id} not found")
        return cpb.Compound(id="yuying-1", name="育英一小区")


@pytest.fixture
def communities(monkeypatch):
    spec = ServiceSpec(
        NamedCompounds(),
        cpb_grpc.add_CommunitiesServiceServicer_to_server,
        "linli.communities.v1.CommunitiesService",
    )
    running = build_server(Settings(service="communities"), [spec], port=0)
    monkeypatch.setenv("LINLI_COMMUNITIES_ADDR", f"127.0.0.1:{running.port}")
    monkeypatch.setenv("LINLI_JWT_SECRET", DEV_JWT_SECRET)
    yield
    running.drain(0)


def test_link_prints_the_signed_page_and_a_notice_board_sheet(communities, tmp_path):
    sheet = tmp_path / "notice.html"
    args = ["fees", "ledger", "link", "--compound", "yuying-1", "--tenant", "xingshan"]
    got = CliRunner().invoke(app, [*args, "--base-url", "http://gw.example", "--sheet", str(sheet)])
    assert got.exit_code == 0, got.output
    url = re.search(r"http://gw\.example/l/\S+", got.output).group(0)
    assert "育英一小区 收支公示" in got.output
    assert verify_compound(DEV_JWT_SECRET, url.rsplit("/", 1)[1]) == CompoundCode("xingshan", "yuying-1")
    html = sheet.read_text(encoding="utf-8")
    assert url in html and html.count("<svg") == 1 and "兴山区" in html


def test_link_to_an_unknown_compound_prints_nothing(communities, tmp_path):
    args = [
        "fees",
        "ledger",
        "link",
        "--compound",
        "nope",
        "--tenant",
        "xingshan",
        "--sheet",
        str(tmp_path / "x"),
    ]
    got = CliRunner().invoke(app, args)
    assert got.exit_code == 1 and "未找到" in got.output and "/l/" not in got.output
    assert not (tmp_path / "x").exists()


def test_link_takes_the_district_from_the_token(communities, monkeypatch):
    monkeypatch.setenv("LINLI_TOKEN", make_token("xingshan", "community_staff", "staff-he"))
    got = CliRunner().invoke(
        app, ["fees", "ledger", "link", "--compound", "yuying-1", "--base-url", "http://g"]
    )
    assert got.exit_code == 0, got.output
    code = verify_compound(DEV_JWT_SECRET, got.output.split("/l/", 1)[1].split()[0])
    assert code == CompoundCode("xingshan", "yuying-1")
