"""`linli fees run|report|arrears` against the servicer in-process (fakes behind it)."""

from __future__ import annotations

import pytest
from linli_cli.main import app
from linli_fees.entrypoints.grpc_api import specs
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fixtures import make_token
from typer.testing import CliRunner

from .helpers import NOW, district

TOKEN = make_token("xingshan", "community_staff", "staff-a")


@pytest.fixture
def address():
    store, uows = district()
    settings = Settings(service="fees", grpc_workers=2)
    running = build_server(
        settings, specs(settings, uows, clock=lambda: NOW, idempotency=FakeIdempotencyStore()), port=0
    )
    yield f"127.0.0.1:{running.port}", store
    running.drain(0)


def invoke(*args):
    return CliRunner().invoke(app, list(args), env={"LINLI_TOKEN": TOKEN, "COLUMNS": "160"})


def test_a_dry_run_then_a_run_then_the_report(address):
    where, store = address
    dry = invoke(
        "fees", "run", "--compound", "yuying-1", "--period", "2026-01", "--dry-run", "--address", where
    )
    assert dry.exit_code == 0, dry.output
    assert "试算" in dry.output and "58.59 元" in dry.output and not store.tables["bills"]
    real = invoke("fees", "run", "--compound", "yuying-1", "--period", "2026-01", "--address", where)
    assert real.exit_code == 0 and "计费完成" in real.output and len(store.tables["bills"]) == 2
    again = invoke("fees", "run", "--compound", "yuying-1", "--period", "2026-01", "--address", where)
    assert again.exit_code == 0 and len(store.tables["bills"]) == 2
    report = invoke("fees", "report", "--compound", "yuying-1", "--period", "2026-01", "--address", where)
    assert report.exit_code == 0 and "0.00%" in report.output


def test_a_bad_period_is_reported_in_chinese_and_exits_1(address):
    where, _ = address
    bad = invoke("fees", "run", "--compound", "yuying-1", "--period", "2026-13", "--address", where)
    assert bad.exit_code == 1 and "period" in bad.output and "2026-Q1" in bad.output
