"""The worker's ledger consumers on the fakes: payments become fee income once, reversals and refunds
take it back; communities' facts keep the directory (names, buildings, residents, time zone)."""

from __future__ import annotations

import json
from datetime import UTC

from linli.communities.v1 import events_pb2 as communities
from linli.fees.v1 import events_pb2 as fees_events
from linli_fees.domain.statement import period_of
from linli_fees.entrypoints.fund_consumers import directory_handlers, payment_handlers
from linli_fees.service_layer import public_ledger
from linli_platform.events import decode, new_event

from .ledger_helpers import RESIDENT, seeded


def envelope(payload, source: str, aggregate: str, version: int = 1, tenant: str = "xingshan"):
    return decode(
        new_event(
            payload,
            source=source,
            aggregate=aggregate,
            tenant_id=tenant,
            aggregate_id="a",
            aggregate_version=version,
        ).value
    )


def test_a_payment_is_fee_income_once_and_its_reversal_and_a_refund_take_it_back():
    store, uows = seeded()
    handlers = payment_handlers(uows)
    paid = envelope(
        fees_events.PaymentReceived(
            entry_id="pay req 1",
            receipt_no="R-0001",
            compound_id="yuying-1",
            household_id="1-101",
            household_label="1栋101室",
            amount_fen=18_000,
            method="cash",
            recorded_by="staff-he",
            received_on="2026-03-02",
        ),
        "fees",
        "account",
    )
    handlers.handle(paid)
    handlers.handle(paid)  # redelivered
    balance = public_ledger.balance(uows("xingshan"), RESIDENT, "yuying-1")
    assert balance.balance_fen == 18_000 and balance.income == {"fees": 18_000}
    listed = public_ledger.list_entries(
        uows("xingshan"),
        RESIDENT,
        "yuying-1",
        period_of(paid.occurred_at.ToDatetime(tzinfo=UTC), "Asia/Shanghai"),
        0,
        10,
    )
    assert [e.description for e in listed.entries] == [
        "物业费收入（收据 R-0001）"
    ]  # never which household paid
    reversal = envelope(
        fees_events.EntryReversed(
            entry_id="rev-1",
            kind="reversal",
            reverses="pay req 1",
            compound_id="yuying-1",
            household_id="1-101",
            amount_fen=18_000,
            approved_by="staff-wang",
            reason="录错金额",
        ),
        "fees",
        "account",
    )
    handlers.handle(reversal)
    handlers.handle(reversal)
    assert public_ledger.balance(uows("xingshan"), RESIDENT, "yuying-1").balance_fen == 0
    handlers.handle(paid)  # a late copy of the payment changes nothing either
    refund = envelope(
        fees_events.EntryReversed(
            entry_id="ref-1",
            kind="refund",
            compound_id="yuying-1",
            household_id="1-101",
            amount_fen=500,
            approved_by="staff-wang",
            reason="退预存",
        ),
        "fees",
        "account",
    )
    handlers.handle(refund)
    handlers.handle(refund)
    balance = public_ledger.balance(uows("xingshan"), RESIDENT, "yuying-1")
    assert balance.balance_fen == -500 and balance.income == {"fees": -500}
    assert store.ledger_books.ledger("xingshan").check() == []


def test_communities_facts_keep_the_directory():
    store, uows = seeded()
    handlers = directory_handlers(uows)
    handlers.handle(
        envelope(
            communities.CompoundUpserted(compound_id="new-1", name="新小区"), "communities", "compound", 2
        )
    )
    handlers.handle(
        envelope(communities.CompoundUpserted(compound_id="new-1", name="旧名"), "communities", "compound", 1)
    )
    handlers.handle(
        envelope(
            communities.BuildingUpserted(compound_id="new-1", building_id="7", name="7栋"),
            "communities",
            "building",
        )
    )
    handlers.handle(
        envelope(
            communities.HouseholdUpserted(
                compound_id="new-1", household_id="7-1", owner_subjects=["res-zhou"]
            ),
            "communities",
            "household",
        )
    )
    handlers.handle(
        envelope(
            communities.GovernanceConfigChanged(
                version=4, document_json=json.dumps({"district": {"timezone": "Asia/Urumqi"}})
            ),
            "communities",
            "config",
        )
    )
    directory = uows("xingshan").directory
    assert directory.compound("new-1").name == "新小区"
    assert directory.buildings("new-1") == {"7": "7栋"}
    assert directory.is_resident("res-zhou", "new-1") and not directory.is_resident("res-zhou", "yuying-1")
    assert directory.timezone() == "Asia/Urumqi"


def test_a_property_contract_lets_the_firm_keep_the_compounds_books():
    _, uows = seeded()
    handlers = directory_handlers(uows)
    changed = communities.PropertyContractChanged(
        tenant_id="xingshan", org_id="haolinju", org_name="好邻居物业", compound_id="yuying-1", active=True
    )
    assert handlers.handle(envelope(changed, "communities", "organisation"))
    assert uows("xingshan").directory.serving_firm("haolinju", "yuying-1", "2026-02-01") == "好邻居物业"
    ended = communities.PropertyContractChanged(
        tenant_id="xingshan", org_id="haolinju", org_name="好邻居物业", compound_id="yuying-1", active=False
    )
    handlers.handle(envelope(ended, "communities", "organisation", version=2))
    assert uows("xingshan").directory.serving_firm("haolinju", "yuying-1", "2026-02-01") is None
