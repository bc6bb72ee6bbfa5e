"""Fees' bill, payment, reversal and reminder events read as people read them: names, yuan, dates."""

from __future__ import annotations

from google.protobuf.json_format import MessageToDict
from linli.fees.v1 import events_pb2 as events
from linli_governance.notifications import DEFAULT_ROUTES
from linli_notifications.domain.filters import Lookups
from linli_notifications.domain.templates import default_template, render

LOOKUPS = Lookups(timezone="Asia/Shanghai", compound=lambda c: {"yuying-1": "育英一小区"}.get(c, ""))


def facts(message) -> dict:
    return MessageToDict(message, preserving_proto_field_name=True)


def test_fees_events_go_to_the_households_inbox_by_default():
    routed = {
        r.event: (r.audience, r.template) for r in DEFAULT_ROUTES if r.event.startswith("linli.fees.v1.")
    }
    assert routed["linli.fees.v1.BillIssued"] == ("household", "fee_bill_issued")
    assert routed["linli.fees.v1.PaymentReceived"] == ("household", "fee_payment_received")
    assert routed["linli.fees.v1.PaymentReminder"] == ("household", "fee_reminder")
    assert routed["linli.fees.v1.EntryReversed"] == ("household", "fee_entry_reversed")


def test_a_bill_a_receipt_and_a_reminder_in_chinese_with_names_and_yuan():
    bill = events.BillIssued(
        compound_id="yuying-1",
        household_id="1-1-101",
        household_label="1栋1单元101室",
        item_name="物业费",
        period_label="2026年1月",
        amount_fen=1919,
        due_on="2026-01-15",
    )
    got = render(default_template("fee_bill_issued"), facts(bill), strict=True, lookups=LOOKUPS)
    assert got.title == "2026年1月物业费账单"
    assert got.body.startswith("育英一小区1栋1单元101室：2026年1月物业费 19.19 元，请于 2026-01-15 前缴纳")
    paid = events.PaymentReceived(
        household_label="1栋1单元101室",
        amount_fen=19190,
        to_prepaid_fen=0,
        prepaid_balance_fen=0,
        method="cash",
        receipt_no="yuying-1-1-1-101-0001",
        offer="交12个月减免2个月，赠小礼物",
        gift="小礼物",
    )
    text = render(default_template("fee_payment_received"), facts(paid), strict=True, lookups=LOOKUPS).body
    assert "191.90 元（现金）" in text and "收据号 yuying-1-1-1-101-0001" in text and "领取小礼物" in text
    reminder = events.PaymentReminder(
        compound_id="yuying-1",
        household_label="1栋1单元101室",
        bills=2,
        periods="2026年1月、2026年2月",
        days_overdue=36,
        amount_due_fen=3838,
    )
    text = render(default_template("fee_reminder"), facts(reminder), strict=True, lookups=LOOKUPS).body
    assert "2 笔账单（2026年1月、2026年2月）已逾期 36 天，共 38.38 元" in text and "yuying-1" not in text
    refund = events.EntryReversed(compound_id="yuying-1", kind="refund", amount_fen=1000, reason="多缴退回")
    got = render(default_template("fee_entry_reversed"), facts(refund), strict=True, lookups=LOOKUPS)
    assert got.title == "退款已办理" and "10.00 元" in got.body
