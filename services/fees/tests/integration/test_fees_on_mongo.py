"""Fees on the real Mongo-wire server (SecantusDB): a billing run SIGKILLed half way and resumed,
20 concurrent payments on one bill, and the seed-001 prepay offer on a real compound (育英一小区 of
the demo district 杏山, its configuration and its first households from deploy/demo)."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from linli_fees.adapters.documents import BillDoc
from linli_fees.adapters.unit_of_work import mongo_unit_of_work
from linli_fees.domain.charges import Household
from linli_fees.service_layer import billing, payments, prepay
from linli_fees.service_layer.unit_of_work import KnownCompound
from linli_governance import parse_yaml
from linli_governance.document import to_json
from linli_platform.errors import FailedPrecondition
from linli_platform.testing.launchers import wait_until

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[4]
NOW = datetime(2026, 2, 20, 4, 0, tzinfo=UTC)
TENANT = "xingshan"


def demo_households(limit: int) -> list[Household]:
    with open(ROOT / "deploy/demo/xingshan-households.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["compound_id"] == "yuying-1"][:limit]
    return [
        Household(
            r["compound_id"],
            r["household_id"],
            r["building_id"],
            r["label"],
            round(float(r["area_m2"]) * 100),
            (f"res-{r['household_id']}",),
            (),
        )
        for r in rows
    ]


def load_district(households: list[Household]) -> None:
    config = parse_yaml((ROOT / "deploy/demo/xingshan/governance.yaml").read_text(encoding="utf-8"))
    with mongo_unit_of_work(TENANT) as uow:
        uow.governance.keep(1, to_json(config), {"yuying-1": "yuying"})
        uow.compounds.keep(KnownCompound("yuying-1", "育英一小区", "yuying"), 1)
        for h in households:
            uow.households.keep(h, 1)


def bills_per_household() -> dict[str, int]:
    found: dict[str, int] = {}
    for row in BillDoc._get_collection().find({"tenant_id": TENANT}, {"household_id": 1}):
        found[row["household_id"]] = found.get(row["household_id"], 0) + 1
    return found


def test_a_run_killed_half_way_and_started_again_ends_with_one_bill_per_household(mongo_db):
    households = demo_households(300)
    load_district(households)
    run = billing.start_run(
        mongo_unit_of_work(TENANT), "kill-1", "fp", "yuying-1", "2026-01", False, "staff", NOW
    )
    child = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("kill_run.py")),
            mongo_db.mongo_uri,
            mongo_db.database,
            TENANT,
            run.id,
        ],
        env={**os.environ},
    )
    try:

        def half_way() -> bool:
            done = billing.read_run(mongo_unit_of_work(TENANT), run.id).next_shard
            assert child.poll() is None, "the run ended before it could be killed"
            return done >= 8

        wait_until(half_way, timeout=120, what="the run half way", interval=0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    killed = billing.read_run(mongo_unit_of_work(TENANT), run.id)
    assert not killed.done and 0 < len(bills_per_household()) < len(households)
    again = billing.start_run(
        mongo_unit_of_work(TENANT), "kill-2", "fp2", "yuying-1", "2026-01", False, "staff", NOW
    )
    assert again.id == run.id  # the unfinished run, resumed
    finished = billing.run_to_end(mongo_unit_of_work, TENANT, again.id, lambda: NOW)
    assert finished.done
    assert bills_per_household() == {h.household_id: 1 for h in households}
    twice = billing.start_run(
        mongo_unit_of_work(TENANT), "kill-3", "fp3", "yuying-1", "2026-01", False, "staff", NOW
    )
    assert billing.run_to_end(mongo_unit_of_work, TENANT, twice.id, lambda: NOW).bills_created == 0
    assert bills_per_household() == {h.household_id: 1 for h in households}


def test_twenty_concurrent_payments_on_one_bill_never_overpay_it(mongo_db):
    (household,) = demo_households(1)
    load_district([household])
    run = billing.start_run(mongo_unit_of_work(TENANT), "r", "fp", "yuying-1", "2026-01", False, "staff", NOW)
    billing.run_to_end(mongo_unit_of_work, TENANT, run.id, lambda: NOW)
    (bill,) = [
        s.bill
        for s in payments.read_account(mongo_unit_of_work(TENANT), "yuying-1", household.household_id).bills
    ]
    share = bill.amount_fen // 10 + 1

    def pay(n: int):
        return payments.record_payment(
            mongo_unit_of_work,
            TENANT,
            f"p{n}",
            f"fp{n}",
            "yuying-1",
            household.household_id,
            bill.id,
            share,
            "cash",
            "",
            "staff",
            NOW,
            NOW.date(),
        )

    with ThreadPoolExecutor(20) as pool:
        list(pool.map(pay, range(20)))
    pay(3)  # a retry records nothing new
    view = payments.read_account(mongo_unit_of_work(TENANT), "yuying-1", household.household_id)
    assert len(view.account.entries) == 20
    assert view.bills[0].paid_fen == bill.amount_fen and view.bills[0].due_fen == 0
    assert view.account.prepaid_fen == 20 * share - bill.amount_fen  # the surplus, recorded as prepaid


def test_the_seed_001_prepay_offer_on_a_real_compound(mongo_db):
    first, second = demo_households(2)
    load_district([first, second])
    uows = mongo_unit_of_work
    quote = prepay.quote_prepay(uows(TENANT), "yuying-1", first.household_id, "2026-03", 12, "", NOW.date())
    monthly = quote.gross_fen // 12
    assert (quote.amount_fen, quote.waived_fen, quote.gift) == (10 * monthly, 2 * monthly, "小礼物")
    entry, view = prepay.prepay(
        uows,
        TENANT,
        "pp",
        "fp",
        "yuying-1",
        first.household_id,
        "2026-03",
        12,
        "",
        quote.amount_fen,
        "cash",
        "",
        "staff",
        NOW,
        NOW.date(),
    )
    assert entry.gift == "小礼物" and sum(1 for s in view.bills if s.bill.amount_fen == 0) == 2
    assert all(s.due_fen == 0 for s in view.bills)
    run = billing.start_run(uows(TENANT), "jan", "fp", "yuying-1", "2026-01", False, "staff", NOW)
    billing.run_to_end(uows, TENANT, run.id, lambda: NOW)  # 2026-01 is overdue on NOW for the second one
    with pytest.raises(FailedPrecondition, match="arrears"):
        prepay.prepay(
            uows,
            TENANT,
            "pp2",
            "fp",
            "yuying-1",
            second.household_id,
            "2026-03",
            12,
            "",
            quote.amount_fen,
            "cash",
            "",
            "staff",
            NOW,
            NOW.date(),
        )
