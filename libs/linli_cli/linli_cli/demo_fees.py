"""Demo data of fee billing and payments, from the seeds, loaded over gRPC (`make dev`).

- Seed 001 (兴山区 育英一小区, 0.3 元/m²): the last two months billed; 40 % of the households paid the
  earlier month and 68 % the later one (收缴率 40 % → 68 % after 交全年减免两个月); one household without
  arrears prepays the year under the offer (12 months paid: 10 charged, 2 waived, 小礼物 noted).
- Seed 000 (汉阳区 金江公寓, 0.4 元/m²): last month billed.

Areas come from communities' households (the demo CSVs). Every write's request_id follows from the
data, so loading again changes nothing (a billing run finds its bills, a payment its receipt).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import grpc
from linli.common.v1.common_pb2 import PageRequest
from linli.fees.v1 import fees_pb2 as pb
from linli.fees.v1 import fees_pb2_grpc as pb_grpc

from linli_cli.rpc import bearer as _md

ZONE = ZoneInfo("Asia/Shanghai")
PAID_SHARE = {0: 10, 1: 17}  # of every 25 households: 40 % the earlier month, 68 % the later one


def last_months(now: datetime, n: int) -> list[str]:
    local = now.astimezone(ZONE)
    year, month = local.year, local.month
    found = []
    for _ in range(n):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        found.append(f"{year}-{month:02d}")
    return list(reversed(found))


def _households_settled(stub, staff, compound: str, period: str, timeout: float = 600) -> int:
    """Until the fees service holds the compound's households (copied from communities' events)."""
    deadline, last = time.monotonic() + timeout, -1
    while True:
        try:
            dry = stub.StartBillingRun(
                pb.StartBillingRunRequest(
                    request_id=f"demo-count-{compound}-{period}-{last}",
                    compound_id=compound,
                    period=period,
                    dry_run=True,
                ),
                metadata=staff,
                timeout=30,
            )
            count = dry.households_total
        except grpc.RpcError as err:
            if err.code() not in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.UNAVAILABLE):
                raise
            count = 0
        if count and count == last:
            return count
        if time.monotonic() > deadline:
            raise TimeoutError(f"fees has not copied the households of {compound}")
        last = count
        time.sleep(2)


def bill(stub, staff, compound: str, period: str) -> pb.BillingRun:
    run = stub.StartBillingRun(
        pb.StartBillingRunRequest(
            request_id=f"demo-run-{compound}-{period}", compound_id=compound, period=period
        ),
        metadata=staff,
        timeout=30,
    )
    while run.status != pb.RUN_STATUS_DONE:
        run = stub.AdvanceBillingRun(
            pb.AdvanceBillingRunRequest(
                request_id=f"demo-adv-{run.run_id}-{run.households_done}", run_id=run.run_id
            ),
            metadata=staff,
            timeout=300,
        )
    return run


def bills_of(stub, staff, compound: str, period: str) -> list[pb.Bill]:
    found, token = [], ""
    while True:
        page = stub.ListBills(
            pb.ListBillsRequest(
                compound_id=compound, period=period, page=PageRequest(page_size=500, page_token=token)
            ),
            metadata=staff,
            timeout=30,
        )
        found += list(page.bills)
        token = page.page.next_page_token
        if not token:
            return sorted(found, key=lambda b: b.household_id)


def pay_share(stub, staff, compound: str, period: str, per_25: int) -> int:
    paid = 0
    for i, bill in enumerate(bills_of(stub, staff, compound, period)):
        if i % 25 >= per_25 or bill.due_fen == 0:
            continue
        external = i % 2 == 1
        stub.RecordPayment(
            pb.RecordPaymentRequest(
                request_id=f"demo-pay-{bill.bill_id}",
                compound_id=compound,
                household_id=bill.household_id,
                bill_id=bill.bill_id,
                amount_fen=bill.due_fen,
                method=pb.PAYMENT_METHOD_EXTERNAL if external else pb.PAYMENT_METHOD_CASH,
                reference=f"wx-demo-{bill.household_id}-{period}" if external else "",
            ),
            metadata=staff,
            timeout=30,
        )
        paid += 1
    return paid


def prepay_year(stub, staff, compound: str, household_id: str) -> str:
    account = stub.GetAccount(
        pb.GetAccountRequest(compound_id=compound, household_id=household_id), metadata=staff
    )
    done = next((e for e in account.entries if e.entry_id == f"demo-prepay-{household_id}"), None)
    if done is not None:
        return done.receipt_no
    quote = stub.QuotePrepay(
        pb.QuotePrepayRequest(compound_id=compound, household_id=household_id, months=12), metadata=staff
    )
    receipt = stub.Prepay(
        pb.PrepayRequest(
            request_id=f"demo-prepay-{household_id}",
            compound_id=compound,
            household_id=household_id,
            start_period=quote.periods[0],
            months=12,
            amount_fen=quote.amount_fen,
            method=pb.PAYMENT_METHOD_CASH,
        ),
        metadata=staff,
        timeout=60,
    )
    return receipt.receipt_no


def load(fees_address: str, tenants: list[dict], now: datetime | None = None) -> dict[str, str]:
    by_id = {t["id"]: t for t in tenants}
    loaded: dict[str, str] = {}
    months = last_months(now or datetime.now(UTC), 2)
    with grpc.insecure_channel(fees_address) as channel:
        stub = pb_grpc.FeesServiceStub(channel)
        if "xingshan" in by_id:
            staff = _md(by_id["xingshan"]["tokens"]["community_staff"])
            try:
                _households_settled(stub, staff, "yuying-1", months[0])
            except TimeoutError as exc:  # the demo comes up without it rather than not at all
                loaded["yuying-1"] = f"未载入：{exc}"
            else:
                for n, period in enumerate(months):
                    bill(stub, staff, "yuying-1", period)
                    pay_share(stub, staff, "yuying-1", period, PAID_SHARE[n])
                first = bills_of(stub, staff, "yuying-1", months[0])[0]
                loaded["yuying-1 prepay receipt"] = prepay_year(stub, staff, "yuying-1", first.household_id)
                loaded["yuying-1 billed"] = ", ".join(months)
        if "hanyang" in by_id:
            staff = _md(by_id["hanyang"]["tokens"]["community_staff"])
            try:
                _households_settled(stub, staff, "jinjiang", months[-1])
            except TimeoutError as exc:
                loaded["jinjiang"] = f"未载入：{exc}"
            else:
                run = bill(stub, staff, "jinjiang", months[-1])
                loaded["jinjiang billed"] = f"{months[-1]}: {run.bills_created} 张"
    return loaded
