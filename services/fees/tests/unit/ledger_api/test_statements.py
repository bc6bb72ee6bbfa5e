"""The public ledger's monthly statements over real in-process gRPC: January's shares and its
documented hash, statements chained and verified, months not ended or out of order refused, and a
period like 2026-13 named as the bad field."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
from linli.fees.v1 import ledger_pb2 as pb
from linli_fees.domain.statement import content_hash, period_of
from linli_fees.service_layer import public_ledger

from ..ledger_helpers import STAFF, draft
from .conftest import (
    FEBRUARY,
    RESIDENT_MD,
    STAFF_MD,
    refused,
    written,
)


def test_january_statement_shows_labour_at_68_percent_and_its_hash_is_the_documented_one(system):
    _, _, ledger, _ = system
    published = ledger.PublishStatement(
        pb.PublishStatementRequest(request_id="p-1", compound_id="yuying-1", period="2026-01"),
        metadata=STAFF_MD,
    )
    shares = {c.category: (c.share_bp, c.share) for c in published.expenses}
    assert shares["labour"] == (6800, "68%")
    assert (published.total_income_fen, published.total_expenses_fen) == (150_000, 100_000)
    assert (published.opening_balance_fen, published.closing_balance_fen) == (0, 50_000)
    assert published.compound_name == "育英一小区" and published.entry_count == 4
    import hashlib

    assert hashlib.sha256(published.canonical_json.encode()).hexdigest() == published.hash
    read = ledger.GetStatement(
        pb.GetStatementRequest(compound_id="yuying-1", period="2026-01"), metadata=RESIDENT_MD
    )
    assert read.hash == published.hash


def test_statements_chain_and_verify_catches_an_altered_month(system):
    store, uows, ledger, _ = system
    public_ledger.record_entry(uows("xingshan"), STAFF, draft(amount_fen=5_000), "s5", FEBRUARY)
    for period in ("2026-01", "2026-02"):
        ledger.PublishStatement(
            pb.PublishStatementRequest(request_id=f"p-{period}", compound_id="yuying-1", period=period),
            metadata=STAFF_MD,
        )
    feb = ledger.GetStatement(
        pb.GetStatementRequest(compound_id="yuying-1", period="2026-02"), metadata=RESIDENT_MD
    )
    jan = ledger.GetStatement(
        pb.GetStatementRequest(compound_id="yuying-1", period="2026-01"), metadata=RESIDENT_MD
    )
    assert feb.previous_hash == jan.hash and feb.opening_balance_fen == jan.closing_balance_fen
    verified = ledger.VerifyStatements(
        pb.VerifyStatementsRequest(compound_id="yuying-1"), metadata=RESIDENT_MD
    )
    assert (
        verified.ok
        and verified.latest_hash == feb.hash
        and [v.period for v in verified.verdicts] == ["2026-01", "2026-02"]
    )

    # Someone rewrites January in the database: its hash no longer matches, nor February's link.
    table = store.tables["ledger_statements"]
    key = ("xingshan", "yuying-1:2026-01")
    from dataclasses import replace

    table[key].content = replace(table[key].content, expenses={**table[key].content.expenses, "labour": 1})
    verified = ledger.VerifyStatements(
        pb.VerifyStatementsRequest(compound_id="yuying-1"), metadata=RESIDENT_MD
    )
    assert not verified.ok
    january = verified.verdicts[0]
    assert not january.hash_ok and not january.ledger_ok and "哈希" in january.problem
    # ... and rewriting its hash too breaks February's link.
    table[key].hash = content_hash(table[key].content.canonical())
    verified = ledger.VerifyStatements(
        pb.VerifyStatementsRequest(compound_id="yuying-1"), metadata=RESIDENT_MD
    )
    assert verified.verdicts[0].hash_ok and not verified.verdicts[1].chain_ok


def test_a_month_not_ended_or_out_of_order_is_failed_precondition(system):
    _, _, ledger, _ = system
    this_month = period_of(datetime.now(UTC), "Asia/Shanghai")
    code, _ = refused(
        lambda: ledger.PublishStatement(
            pb.PublishStatementRequest(request_id="p-now", compound_id="yuying-1", period=this_month),
            metadata=STAFF_MD,
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    ledger.PublishStatement(
        pb.PublishStatementRequest(request_id="p-1", compound_id="yuying-1", period="2026-01"),
        metadata=STAFF_MD,
    )
    code, _ = refused(
        lambda: ledger.PublishStatement(
            pb.PublishStatementRequest(request_id="p-3", compound_id="yuying-1", period="2026-03"),
            metadata=STAFF_MD,
        )
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION


def test_a_period_like_2026_13_is_invalid_argument_naming_period(system):
    store, _, ledger, _ = system
    before = written(store)
    for call in (
        lambda: ledger.ListEntries(
            pb.ListEntriesRequest(compound_id="yuying-1", period="2026-13"), metadata=STAFF_MD
        ),
        lambda: ledger.PublishStatement(
            pb.PublishStatementRequest(request_id="p-13", compound_id="yuying-1", period="2026-13"),
            metadata=STAFF_MD,
        ),
    ):
        code, violations = refused(call)
        assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "period"
    assert written(store) == before
