"""The fees ledger's events read as people read them: the compound's name, yuan, the share, local time."""

from __future__ import annotations

from google.protobuf.json_format import MessageToDict
from linli.fees.v1 import ledger_events_pb2 as events
from linli_governance.notifications import DEFAULT_ROUTES
from linli_notifications.domain.filters import Lookups
from linli_notifications.domain.templates import default_template, render

LOOKUPS = Lookups(timezone="Asia/Shanghai", compound=lambda c: {"yuying-1": "育英一小区"}.get(c, ""))


def facts(message, **extra) -> dict:
    return {**MessageToDict(message, preserving_proto_field_name=True), **extra}


def test_a_published_statement_tells_residents_the_totals_and_the_labour_share():
    published = events.StatementPublished(
        tenant_id="xingshan",
        compound_id="yuying-1",
        period="2026-01",
        total_income_fen=150_000,
        total_expenses_fen=100_000,
        closing_balance_fen=50_000,
        top_expense_category="labour",
        top_expense_name="人工",
        top_expense_share_bp=6800,
        hash="ab" * 32,
    )
    got = render(default_template("statement_published"), facts(published), strict=True, lookups=LOOKUPS)
    assert got.title == "育英一小区2026-01收支公示"
    assert "收入 1,500.00 元" in got.body and "人工占68%" in got.body and "结余 500.00 元" in got.body
    assert "yuying-1" not in got.body and "abababababab" in got.body


def test_a_disbursement_is_told_to_owners_in_local_time_and_yuan():
    paid = events.FundDisbursed(
        compound_id="yuying-1",
        title="电梯中大修",
        amount_fen=600_000,
        disbursed_fen=600_000,
        approved_fen=900_000,
        contractor="某电梯公司",
        invoice_no="INV-001",
    )
    got = render(
        default_template("fund_disbursed"),
        facts(paid, occurred_at="2026-02-10T04:00:00Z"),
        strict=True,
        lookups=LOOKUPS,
    )
    assert (
        "2026年2月10日 12:00" in got.body and "6,000.00 元" in got.body and "批准额度 9,000.00 元" in got.body
    )
    approved = events.FundApplicationApproved(
        compound_id="yuying-1", title="电梯中大修", approved_fen=900_000
    )
    text = render(
        default_template("fund_application_approved"), facts(approved), strict=True, lookups=LOOKUPS
    )
    assert "育英一小区" in text.body and "9,000.00 元" in text.body


def test_the_ledger_events_are_routed_by_default():
    routed = {(r.event, r.audience) for r in DEFAULT_ROUTES}
    assert ("linli.fees.v1.StatementPublished", "compound_residents") in routed
    assert ("linli.fees.v1.FundDisbursed", "compound_owners") in routed
    assert ("linli.fees.v1.FundApplicationApproved", "compound_owners") in routed
