"""`linli webhooks`: a firm lists the types it may subscribe to, subscribes, reads errors as plain text."""

import json

import pytest
from linli_cli.main import app
from linli_notifications.adapters.fakes import FakeUnitsOfWork
from linli_notifications.domain.egress import EgressPolicy
from linli_notifications.entrypoints.grpc_api import specs
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fixtures import make_token
from typer.testing import CliRunner


@pytest.fixture
def notifications(monkeypatch):
    egress = EgressPolicy(lambda host, port: ["93.184.216.34"])
    servicer = specs(None, egress=egress, uows=FakeUnitsOfWork(), idempotency=FakeIdempotencyStore())
    running = build_server(Settings(service="notifications"), servicer, port=0)
    monkeypatch.setenv("LINLI_NOTIFICATIONS_ADDR", f"127.0.0.1:{running.port}")
    monkeypatch.setenv("LINLI_TOKEN", make_token("hanyang", "property_firm", "firm-user", "org-shimao"))
    yield
    running.drain(0)


def test_a_firm_lists_types_then_subscribes_to_them(notifications):
    runner = CliRunner()
    listed = runner.invoke(app, ["webhooks", "event-types", "--json"])
    assert listed.exit_code == 0, listed.output
    types = json.loads(listed.output)
    assert "linli.tickets.v1.TicketDispatched" in types
    made = runner.invoke(
        app,
        ["webhooks", "subscribe", "https://shimao.example/linli", "-e", types[0], "-e", types[1], "--json"],
    )
    assert made.exit_code == 0, made.output
    assert json.loads(made.output)["secret"].startswith("whsec_")
    shown = runner.invoke(app, ["webhooks", "list", "--json"])
    assert [s["event_types"] for s in json.loads(shown.output)] == [sorted(types[:2])]


def test_a_star_is_refused_in_plain_chinese_without_markup(notifications):
    result = CliRunner().invoke(app, ["webhooks", "subscribe", "https://shimao.example/linli", "-e", "*"])
    assert result.exit_code == 1
    assert "event_types[0]" in result.output and "[red]" not in result.output
