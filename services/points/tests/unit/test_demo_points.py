"""The demo points data (linli_cli.demo_points) against the servicer over the fakes: seed 000's
volunteers and their confirmed hours, and a second load changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from linli_cli import demo_points
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fixtures import make_token
from linli_points.entrypoints.grpc_api import specs
from linli_points.service_layer import reports

from ..conftest import STAFF, TENANT, config_event, document


def test_the_demo_loads_volunteers_and_hours_once(uows, consume, store):
    consume(config_event(1, document()))
    settings = Settings(service="points", grpc_workers=2)
    running = build_server(settings, specs(settings, uows, FakeIdempotencyStore()), port=0)
    tenants = [
        {"id": TENANT, "tokens": {"community_staff": make_token(TENANT, "community_staff", "staff-demo")}}
    ]
    now = datetime(2026, 12, 20, 4, 0, tzinfo=UTC)
    try:
        address = f"127.0.0.1:{running.port}"
        assert demo_points.load(address, tenants, now=now) == 5
        writes = store.writes
        assert demo_points.load(address, tenants, now=now) == 5
        assert store.writes == writes
    finally:
        running.drain(0)
    found, total = uows(TENANT).volunteers.search("水电", "", "", "jinjiang", 0, 10)
    assert total == 2 and {v.profile.display_name for v in found} == {"马建国", "孙志刚"}
    people = {r.name: r.minutes for r in reports.hours_report(uows(TENANT), STAFF, "2026-12", "person")}
    assert people == {"马建国": 300, "孙志刚": 120, "黄秀英": 270}
