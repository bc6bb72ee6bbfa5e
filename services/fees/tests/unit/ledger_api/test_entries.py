"""The public ledger's entries over real in-process gRPC: one lists with its materials, evidence,
ticket and recorder and is reversed once; bad entries name the field and write nothing; a paper
ledger is imported only into ended months; entries the service booked are not reversed by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from linli.fees.v1 import ledger_pb2 as pb
from linli_fees.entrypoints.fund_consumers import fund_handlers

from .conftest import (
    RESIDENT_MD,
    STAFF_MD,
    decided,
    disburse,
    record,
    refused,
    written,
)


def test_an_entry_lists_with_its_materials_evidence_ticket_and_recorder_and_is_reversed_once(system):
    _, _, ledger, _ = system
    entry = record(ledger)
    assert entry.signed_fen == -3_000 and entry.materials[0].brand == "九牧" and entry.ticket_id == "t-42"
    assert entry.recorded_by == "staff-he" and entry.category_name == "材料"
    reversal = ledger.ReverseEntry(
        pb.ReverseEntryRequest(
            request_id="v-1", compound_id="yuying-1", entry_id=entry.entry_id, reason="重复录入"
        ),
        metadata=STAFF_MD,
    )
    assert reversal.reverses == entry.entry_id and reversal.signed_fen == 3_000
    code, _ = refused(
        lambda: ledger.ReverseEntry(
            pb.ReverseEntryRequest(
                request_id="v-2", compound_id="yuying-1", entry_id=entry.entry_id, reason="再次"
            ),
            metadata=STAFF_MD,
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    period = entry.period
    listed = ledger.ListEntries(
        pb.ListEntriesRequest(compound_id="yuying-1", period=period), metadata=RESIDENT_MD
    )
    by_id = {e.entry_id: e for e in listed.entries}
    assert by_id[entry.entry_id].reversed_by == reversal.entry_id
    assert by_id[entry.entry_id].evidence_urls == ["https://evidence.example/receipt-17.jpg"]
    balance = ledger.GetLedgerBalance(
        pb.GetLedgerBalanceRequest(compound_id="yuying-1"), metadata=RESIDENT_MD
    )
    assert balance.balance_fen == 50_000 == balance.total_income_fen - balance.total_expenses_fen


@pytest.mark.parametrize(
    "fields, path",
    [
        ({"amount_fen": -100}, "amount_fen"),
        ({"amount_fen": 0}, "amount_fen"),
        ({"amount_fen": 10**15}, "amount_fen"),
        (
            {"materials": [pb.Material(brand="牌" * 10_000, model="M", quantity_milli=1, unit="个")]},
            "materials[0].brand",
        ),
        (
            {"materials": [pb.Material(brand="B", model="M", quantity_milli=-1, unit="个")]},
            "materials[0].quantity_milli",
        ),
        ({"occurred_on": "2026-13-01"}, "occurred_on"),
        ({"kind": "gift"}, "kind"),
        ({"category": "maintenance_fund", "kind": "income", "materials": []}, "category"),
        ({"evidence_urls": ["javascript:alert(1)"]}, "evidence_urls[0]"),
        ({"ticket_id": "t 42"}, "ticket_id"),
    ],
)
def test_bad_entries_are_invalid_argument_naming_the_field_and_write_nothing(system, fields, path):
    store, _, ledger, _ = system
    before = written(store)
    code, violations = refused(lambda: record(ledger, request_id=f"bad-{path}", **fields))
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert path in [p for p, _ in violations]
    assert written(store) == before


def test_a_paper_ledger_is_imported_only_into_ended_months_no_statement_covers(system):
    store, _, ledger, _ = system
    from google.protobuf.timestamp_pb2 import Timestamp

    def at(moment: datetime) -> Timestamp:
        ts = Timestamp()
        ts.FromDatetime(moment)
        return ts

    imported = record(ledger, request_id="imp-1", booked_at=at(datetime(2026, 1, 25, 2, tzinfo=UTC)))
    assert imported.period == "2026-01"
    code, violations = refused(lambda: record(ledger, request_id="imp-2", booked_at=at(datetime.now(UTC))))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "booked_at"
    ledger.PublishStatement(
        pb.PublishStatementRequest(request_id="p-1", compound_id="yuying-1", period="2026-01"),
        metadata=STAFF_MD,
    )
    before = written(store)
    code, _ = refused(
        lambda: record(ledger, request_id="imp-3", booked_at=at(datetime(2026, 1, 26, tzinfo=UTC)))
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION and written(store) == before


def test_entries_the_service_booked_are_not_reversed_by_hand(funded):
    _, uows, ledger, fund = funded
    fund_handlers(uows).handle(decided(amount_fen=1_000_000))
    paid = disburse(fund, "pay-1", "INV-001", 500_000)
    expense = paid.disbursements[0].entry_id
    code, _ = refused(
        lambda: ledger.ReverseEntry(
            pb.ReverseEntryRequest(
                request_id="v-fund", compound_id="yuying-1", entry_id=expense, reason="试图冲正"
            ),
            metadata=STAFF_MD,
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION
