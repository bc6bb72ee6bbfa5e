"""`linli fees ledger verify`: a resident recomputes every published month's hash on their machine and
the service checks it against the ledger; an altered month fails the check (exit 1)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from linli_cli.main import app
from linli_fees.adapters.ledger_fakes import fake_ledger_unit_of_work
from linli_fees.domain.public_ledger import EntryDraft
from linli_fees.entrypoints.ledger_api import ledger_specs
from linli_fees.service_layer import public_ledger
from linli_fees.service_layer.ledger_ports import CompoundCopy
from linli_platform.auth import Principal
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import make_token
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
