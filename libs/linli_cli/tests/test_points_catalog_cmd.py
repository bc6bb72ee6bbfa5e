"""`linli points catalog`: an administrator adds, lists, changes and restocks items and hands out
an order, against the catalog service on the fakes; refusals print the field and exit non-zero."""

from __future__ import annotations

import json

import pytest
from linli.points.v1 import catalog_pb2 as pb
from linli_cli.main import app
from linli_ledger import Transfer
from linli_platform.auth import Principal
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import make_token
from linli_points.adapters.catalog_fakes import fake_catalog_unit_of_work
from linli_points.domain import books
from linli_points.entrypoints.catalog_api import catalog_specs
from linli_points.service_layer import orders
from typer.testing import CliRunner

TENANT = "hanyang"


@pytest.fixture
def uows(monkeypatch):
    uows = fake_catalog_unit_of_work(FakeStore())
    running = build_server(Settings(service="points"), catalog_specs(uows, FakeIdempotencyStore()), port=0)
    monkeypatch.setenv("LINLI_POINTS_ADDR", f"127.0.0.1:{running.port}")
    monkeypatch.setenv("LINLI_TOKEN", make_token(TENANT, "district_admin", "admin-li"))
    yield uows
    running.drain(0)


def run(*args):
    return CliRunner().invoke(app, ["points", "catalog", *args])


def test_an_administrator_manages_the_catalog_and_hands_out_an_order(uows):
    added = run(
        "add",
        "housekeeping",
        "--name",
        "世茂家政券",
        "--kind",
        "service_coupon",
        "--cost",
        "200",
        "--org",
        "shimao",
        "--stock",
        "10",
        "--limit",
        "1",
        "--period",
        "month",
        "--json",
    )
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["stock"] == "10"
    assert run("add", "soap", "--name", "肥皂", "--cost", "20", "--stock", "3").exit_code == 0
    listed = run("list")
    assert listed.exit_code == 0 and "世茂家政券" in listed.output and "每月限 1" in listed.output
    assert run("restock", "soap", "5").exit_code == 0
    changed = run("update", "soap", "--cost", "25", "--inactive", "--json")
    assert changed.exit_code == 0 and json.loads(changed.output)["spec"]["cost"] == "25"
    assert json.loads(changed.output)["active"] is False
    assert [i["item_id"] for i in json.loads(run("list", "--json").output)] == ["housekeeping"]
    assert {i["item_id"] for i in json.loads(run("list", "--all", "--json").output)} == {
        "housekeeping",
        "soap",
    }
    shown = json.loads(run("show", "soap", "--json").output)
    assert (shown["stock"], shown["spec"]["cost"]) == ("8", "25")

    ledger = uows(TENANT).ledger
    ledger.open([books.ISSUER, books.person("res-chen")])
    ledger.submit([Transfer("g1", books.ISSUER_ID, books.person_id("res-chen"), 500, books.LEDGER, "grant")])
    order = orders.place_order(
        uows(TENANT), Principal(TENANT, "resident", "res-chen"), orders.PlaceOrder("r1", "housekeeping")
    )
    assert "兑换记录（共 1 条）" in run("orders", "--status", "reserved").output
    [reserved] = json.loads(run("orders", "--status", "reserved", "--json").output)
    assert (reserved["code"], reserved["item_name"]) == (order.code, "世茂家政券")
    handed = run("fulfil", order.id)
    assert handed.exit_code == 0 and "已发放给 res-chen" in handed.output
    assert json.loads(run("orders", "--json").output)[0]["status"] == pb.OrderStatus.Name(
        pb.ORDER_STATUS_FULFILLED
    )


def test_a_refused_item_prints_the_field_and_exits_1(uows):
    refused = run("add", "bad", "--name", "名" * 100, "--cost", "-5")
    assert refused.exit_code == 1
    assert "spec.name" in refused.output and "spec.cost" in refused.output
    assert run("add", "x", "--name", "x", "--cost", "1", "--kind", "gold").exit_code == 2
    assert run("show", "nope").exit_code == 1
