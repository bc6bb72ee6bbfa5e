"""The demo loader of fees (`make dev`) against the servicer in-process: seed 001's two months, the
40 % → 68 % payments, the prepaid year; loading twice changes nothing."""

from __future__ import annotations

from linli_cli import demo_fees
from linli_fees.entrypoints.grpc_api import specs
from linli_fees.service_layer import reports
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fixtures import make_token

from .helpers import NOW, district, household


def test_seed_001_months_payments_and_the_prepaid_year():
    store, uows = district(households=[household(f"{i:03d}", 6000 + i) for i in range(50)])
    settings = Settings(service="fees", grpc_workers=4)
    server = build_server(
        settings, specs(settings, uows, clock=lambda: NOW, idempotency=FakeIdempotencyStore()), port=0
    )
    tenants = [
        {"id": "xingshan", "tokens": {"community_staff": make_token("xingshan", "community_staff", "s")}}
    ]
    try:
        loaded = demo_fees.load(f"127.0.0.1:{server.port}", tenants, now=NOW)
        writes = store.writes
        assert demo_fees.load(f"127.0.0.1:{server.port}", tenants, now=NOW) == loaded
        assert store.writes - writes < 10  # only the dry-run counts of the wait
    finally:
        server.drain(0)
    assert loaded["yuying-1 billed"] == "2025-12, 2026-01"
    december, _ = reports.collection_report(uows("xingshan"), "yuying-1", "2025-12", NOW)
    january, _ = reports.collection_report(uows("xingshan"), "yuying-1", "2026-01", NOW)
    assert (december.household_rate_bp, january.household_rate_bp) == (4000, 6800)
    account = uows("xingshan").accounts.get("yuying-1/000")
    assert [e.gift for e in account.entries if e.kind == "prepay"] == ["小礼物"]
