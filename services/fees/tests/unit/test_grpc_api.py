"""The fees servicer in-process over real gRPC, the in-memory fakes behind it."""

from __future__ import annotations

import grpc
import pytest
from linli.fees.v1 import fees_pb2 as pb
from linli.fees.v1 import fees_pb2_grpc as pb_grpc
from linli_fees.entrypoints.grpc_api import specs
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import bearer, make_token

from .helpers import NOW, district, household

STAFF_A = bearer(make_token("xingshan", "community_staff", "staff-a"))
STAFF_B = bearer(make_token("xingshan", "community_staff", "staff-b"))
RESIDENT = bearer(make_token("xingshan", "resident", "res-1"))
OUTSIDER = bearer(make_token("hanyang", "district_admin", "admin@hanyang"))


@pytest.fixture
def env():
    store, uows = district(
        households=[
            household("101", 6397, residents=("res-1",)),
            household("102", 13133, residents=("res-2",)),
        ]
    )
    settings = Settings(service="fees", grpc_workers=4)
    running = build_server(
        settings, specs(settings, uows, clock=lambda: NOW, idempotency=FakeIdempotencyStore()), port=0
    )
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.FeesServiceStub(channel), store
    channel.close()
    running.drain(0)


def refused(call) -> tuple[grpc.StatusCode, list]:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code(), field_violations(err.value)


def billed(stub, period="2026-01"):
    run = stub.StartBillingRun(
        pb.StartBillingRunRequest(request_id=f"run-{period}", compound_id="yuying-1", period=period),
        metadata=STAFF_A,
    )
    while run.status != pb.RUN_STATUS_DONE:
        run = stub.AdvanceBillingRun(
            pb.AdvanceBillingRunRequest(request_id=f"adv-{run.households_done}-{period}", run_id=run.run_id),
            metadata=STAFF_A,
        )
    return run


def payment(amount=1000, request_id="p1", household_id="101", **extra):
    return pb.RecordPaymentRequest(
        request_id=request_id,
        compound_id="yuying-1",
        household_id=household_id,
        amount_fen=amount,
        method=extra.pop("method", pb.PAYMENT_METHOD_CASH),
        **extra,
    )


def test_the_schedule_in_force_and_not_found_for_unknown_or_other_districts(env):
    stub, _ = env
    got = stub.GetFeeSchedule(pb.GetFeeScheduleRequest(compound_id="yuying-1"), metadata=RESIDENT)
    assert (got.fen_per_m2_month, got.cycle, got.compound_name, got.month) == (
        30,
        "monthly",
        "育英一小区",
        "2026-02",
    )
    assert got.offers[0].text == "交12个月减免2个月，赠小礼物"
    assert (
        stub.GetFeeSchedule(
            pb.GetFeeScheduleRequest(compound_id="wanjun"), metadata=RESIDENT
        ).fen_per_m2_month
        == 40
    )
    for compound, who in (("nope", RESIDENT), ("yuying-1", OUTSIDER)):
        code, _ = refused(
            lambda c=compound, w=who: stub.GetFeeSchedule(pb.GetFeeScheduleRequest(compound_id=c), metadata=w)
        )
        assert code == grpc.StatusCode.NOT_FOUND


def test_a_run_and_its_bills_line_by_line_and_residents_see_only_their_own(env):
    stub, _ = env
    run = billed(stub)
    assert (run.bills_created, run.amount_fen) == (2, 1919 + 3940)
    mine = stub.ListBills(pb.ListBillsRequest(compound_id="yuying-1", household_id="101"), metadata=RESIDENT)
    assert [b.lines[0].text for b in mine.bills] == ["建筑面积 63.97 m² × 0.30 元/m²·月 × 1 个月 = 19.19 元"]
    for call in (
        lambda: stub.ListBills(
            pb.ListBillsRequest(compound_id="yuying-1", household_id="102"), metadata=RESIDENT
        ),
        lambda: stub.GetBill(pb.GetBillRequest(bill_id="yuying-1/102/property/2026-01"), metadata=RESIDENT),
        lambda: stub.GetBill(pb.GetBillRequest(bill_id="yuying-1/101/property/2026-01"), metadata=OUTSIDER),
        lambda: stub.GetAccount(
            pb.GetAccountRequest(compound_id="yuying-1", household_id="101"), metadata=OUTSIDER
        ),
    ):
        assert refused(call)[0] == grpc.StatusCode.NOT_FOUND
    # a command naming a household this district does not have: bad input, whoever's it may be
    code, violations = refused(lambda: stub.RecordPayment(payment(), metadata=OUTSIDER))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "household_id"
    assert (
        refused(lambda: stub.RecordPayment(payment(), metadata=RESIDENT))[0]
        == grpc.StatusCode.PERMISSION_DENIED
    )


def test_every_mutating_rpc_answers_a_retry_first_and_other_content_already_exists(env):
    stub, _ = env
    billed(stub)
    first = stub.RecordPayment(payment(5000), metadata=STAFF_A)
    assert stub.RecordPayment(payment(5000), metadata=STAFF_A) == first
    code, _ = refused(lambda: stub.RecordPayment(payment(6000), metadata=STAFF_A))
    assert code == grpc.StatusCode.ALREADY_EXISTS
    asked = pb.RequestReversalRequest(
        request_id="r1", compound_id="yuying-1", household_id="101", amount_fen=100, reason="退款"
    )
    assert stub.RequestReversal(asked, metadata=STAFF_A) == stub.RequestReversal(asked, metadata=STAFF_A)
    asked.amount_fen = 200
    assert refused(lambda: stub.RequestReversal(asked, metadata=STAFF_A))[0] == grpc.StatusCode.ALREADY_EXISTS
    assert (
        refused(
            lambda: stub.ApproveEntry(
                pb.ApproveEntryRequest(
                    request_id="a0", compound_id="yuying-1", household_id="101", entry_id="r1"
                ),
                metadata=STAFF_A,
            )
        )[0]
        == grpc.StatusCode.PERMISSION_DENIED
    )
    approve = pb.ApproveEntryRequest(
        request_id="a1", compound_id="yuying-1", household_id="101", entry_id="r1"
    )
    assert stub.ApproveEntry(approve, metadata=STAFF_B).status == "posted"
    approve.entry_id = "other"
    assert refused(lambda: stub.ApproveEntry(approve, metadata=STAFF_B))[0] == grpc.StatusCode.ALREADY_EXISTS
    start = pb.StartBillingRunRequest(request_id="run-2026-01", compound_id="yuying-1", period="2026-02")
    assert refused(lambda: stub.StartBillingRun(start, metadata=STAFF_A))[0] == grpc.StatusCode.ALREADY_EXISTS
    remind = pb.SendRemindersRequest(request_id="m1", compound_id="yuying-1")
    assert stub.SendReminders(remind, metadata=STAFF_A) == stub.SendReminders(remind, metadata=STAFF_A)
    remind.compound_id = "wanjun"
    assert refused(lambda: stub.SendReminders(remind, metadata=STAFF_A))[0] == grpc.StatusCode.ALREADY_EXISTS


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (payment(-5), "amount_fen"),
        (payment(10**12), "amount_fen"),
        (payment(100, household_id="x" * 10000), "household_id"),
        (payment(100, method=pb.PAYMENT_METHOD_TRANSFER), "reference"),
        (payment(100, reference="r" * 101, method=pb.PAYMENT_METHOD_EXTERNAL), "reference"),
    ],
)
def test_bad_payments_are_invalid_argument_naming_the_field_and_write_nothing(env, request_, field):
    stub, store = env
    billed(stub)
    writes = store.writes
    code, violations = refused(lambda: stub.RecordPayment(request_, metadata=STAFF_A))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == field
    assert store.writes == writes


def test_bad_runs_and_unknown_households(env):
    stub, store = env
    for period in ("2026-13", "2026-00", "x" * 10000):
        code, violations = refused(
            lambda p=period: stub.StartBillingRun(
                pb.StartBillingRunRequest(request_id=f"r-{p[:8]}", compound_id="yuying-1", period=p),
                metadata=STAFF_A,
            )
        )
        assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "period"
    code, violations = refused(lambda: stub.RecordPayment(payment(household_id="999"), metadata=STAFF_A))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "household_id"
    assert not store.tables["runs"] and not store.tables["accounts"]


def test_collection_report_and_arrears_csv(env):
    stub, _ = env
    billed(stub)
    stub.RecordPayment(payment(1919), metadata=STAFF_A)
    report = stub.GetCollectionReport(
        pb.GetCollectionReportRequest(compound_id="yuying-1", period="2026-01"), metadata=STAFF_A
    )
    assert (report.households_billed, report.households_paid, report.household_rate) == (2, 1, "50.00%")
    assert report.amount_rate == "32.75%"  # 1919 / 5859 = 0.327530…
    csv = stub.ExportArrears(pb.GetArrearsRequest(compound_id="yuying-1"), metadata=STAFF_A)
    text = csv.content.decode("utf-8-sig")
    assert csv.rows == 1 and "1栋102室,1,39.40,1,2026-01-15,36,31-90天" in text


def test_a_district_charging_late_fees_shows_them_on_overdue_bills_and_the_payment_charges_them():
    from .helpers import CONFIG

    config = {**CONFIG, "fees": {**CONFIG["fees"], "late_fee": {"per_day_basis_points": 5, "grace_days": 6}}}
    _, uows = district(config, [household("101", 6397, residents=("res-1",))])
    settings = Settings(service="fees", grpc_workers=2)
    running = build_server(
        settings, specs(settings, uows, clock=lambda: NOW, idempotency=FakeIdempotencyStore()), port=0
    )
    try:
        stub = pb_grpc.FeesServiceStub(grpc.insecure_channel(f"127.0.0.1:{running.port}"))
        billed(stub)
        (bill,) = stub.ListBills(
            pb.ListBillsRequest(compound_id="yuying-1", household_id="101"), metadata=RESIDENT
        ).bills
        # 1919 fen due 01-15, 36 days overdue on 02-20, 30 after the grace days: 1919 × 5‱ × 30 = 28.785 → 29
        assert (bill.overdue, bill.late_fee_fen, bill.due_fen) == (True, 29, 1919)
        before = stub.GetAccount(
            pb.GetAccountRequest(compound_id="yuying-1", household_id="101"), metadata=RESIDENT
        )
        assert [(b.due_fen, b.late_fee_fen) for b in before.open_bills] == [(1919, 29)]
        receipt = stub.RecordPayment(payment(1919 + 29), metadata=STAFF_A)
        assert receipt.entry.at_local == "2026-02-20 12:00"  # NOW in Asia/Shanghai
        assert (receipt.entry.amount_fen, receipt.entry.late_fee_fen) == (1948, 29)
        assert [(b.due_fen, b.late_fee_fen) for b in receipt.bills] == [(0, 0)]
        account = stub.GetAccount(
            pb.GetAccountRequest(compound_id="yuying-1", household_id="101"), metadata=RESIDENT
        )
        assert (account.late_fees_fen, account.due_fen, account.prepaid_fen) == (29, 0, 0)
    finally:
        running.drain(0)
