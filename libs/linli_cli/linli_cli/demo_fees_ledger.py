"""Demo data of the public ledger and the maintenance fund, from the seeds, loaded over gRPC.

- Seed 001 (兴山区 育英一小区): last month's income and expenses imported as a paper ledger (补录) —
  labour 68 % of the costs, materials by brand and model — and the statement published.
- Seed 003 (东湖高新区 当代安普顿小镇): the buildings' maintenance funds, and the community (湾郡社区居委会)
  applying as the applicant to overhaul 5 elevators, tied to a proposal put to the vote of the owners
  of those buildings (1—5栋: the vote's scope; the fund is released only by their decision).

Every write has a request_id that follows from the data, so loading again changes nothing. The fees
service learns compounds and buildings from communities' events: the loader waits until it knows them.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from linli.communities.v1 import deliberation_pb2 as dpb
from linli.communities.v1 import deliberation_pb2_grpc as dpb_grpc
from linli.fees.v1 import ledger_pb2 as pb
from linli.fees.v1 import ledger_pb2_grpc as pb_grpc

from linli_cli.rpc import bearer as _md

ZONE = ZoneInfo("Asia/Shanghai")
# 育英一小区, one month (fen): 30 000 元 of costs, 68 % labour; income from fees and a donation.
YUYING_MONTH = [
    ("income", "fees", 3_150_000, "物业费收入（按季度缴费）", {}),
    ("income", "donations", 50_000, "辖区单位捐赠（楼道灯具）", {}),
    ("expense", "labour", 2_040_000, "保洁、秩序维护与维修人工（社区领办物业）", {}),
    (
        "expense",
        "materials",
        600_000,
        "楼道灯、水龙头与防水材料",
        {
            "ticket_id": "demo-yuying-lighting",
            "materials": [
                pb.Material(
                    brand="公牛", model="GN-LED-9W", quantity_milli=40_000, unit="个", unit_price_fen=2_500
                ),
                pb.Material(
                    brand="九牧", model="J-33012", quantity_milli=20_000, unit="个", unit_price_fen=12_000
                ),
                pb.Material(
                    brand="东方雨虹",
                    model="JS-II 防水涂料",
                    quantity_milli=100_000,
                    unit="公斤",
                    unit_price_fen=2_600,
                ),
            ],
        },
    ),
    ("expense", "utilities", 360_000, "公共照明与水泵电费", {}),
]
ANPUDUN_BUILDINGS = ["1", "2", "3", "4", "5"]


def previous_month(now: datetime) -> tuple[str, datetime]:
    """Last month in Shanghai time, and a moment in the middle of it."""
    local = now.astimezone(ZONE)
    year, month = (local.year, local.month - 1) if local.month > 1 else (local.year - 1, 12)
    return f"{year}-{month:02d}", datetime(year, month, 15, 10, tzinfo=ZONE).astimezone(UTC)


def _wait_known(call, timeout: float = 120) -> None:
    """Until the fees service has copied the compound from communities' events."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            call()
            return
        except grpc.RpcError as err:
            if (
                err.code() not in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.UNAVAILABLE)
                or time.monotonic() > deadline
            ):
                raise
        time.sleep(0.5)


def _ignore(codes, call):
    try:
        return call()
    except grpc.RpcError as err:
        if err.code() not in codes:
            raise
        return None


def load_yuying(channel, tokens: dict[str, str], now: datetime | None = None) -> str:
    """Seed 001: last month's ledger of 育英一小区 and its statement; returns the period."""
    ledger = pb_grpc.PublicLedgerServiceStub(channel)
    staff = _md(tokens["community_staff"])
    period, middle = previous_month(now or datetime.now(UTC))
    _wait_known(
        lambda: ledger.GetLedgerBalance(
            pb.GetLedgerBalanceRequest(compound_id="yuying-1"), metadata=staff, timeout=10
        )
    )
    published = ledger.ListStatements(
        pb.ListStatementsRequest(compound_id="yuying-1"), metadata=staff, timeout=10
    )
    if any(s.period == period for s in published.statements):
        return period
    at = Timestamp()
    at.FromDatetime(middle)
    day = middle.astimezone(ZONE).date().isoformat()
    for i, (kind, category, amount, description, extra) in enumerate(YUYING_MONTH):
        request = pb.RecordEntryRequest(
            request_id=f"demo-ledger-yuying-1-{period}-{i}",
            compound_id="yuying-1",
            kind=kind,
            category=category,
            amount_fen=amount,
            description=description,
            occurred_on=day,
            evidence_urls=[f"https://demo.linli.example/yuying-1/{period}/{category}.jpg"],
            booked_at=at,
            **extra,
        )
        ledger.RecordEntry(request, metadata=staff, timeout=10)
    _ignore(
        (grpc.StatusCode.FAILED_PRECONDITION,),  # a later demo month cannot be published before its gap
        lambda: ledger.PublishStatement(
            pb.PublishStatementRequest(
                request_id=f"demo-statement-yuying-1-{period}", compound_id="yuying-1", period=period
            ),
            metadata=staff,
            timeout=30,
        ),
    )
    return period


def load_anpudun(fees_channel, communities_channel, tokens: dict[str, str]) -> str:
    """Seed 003: building funds of 当代安普顿小镇 and the community's application for 5 elevators; returns
    the application id."""
    fund = pb_grpc.MaintenanceFundServiceStub(fees_channel)
    staff = _md(tokens["community_staff"])

    def buildings_known() -> None:
        got = fund.GetFundBalances(
            pb.GetFundBalancesRequest(compound_id="anpudun"), metadata=staff, timeout=10
        )
        if not set(ANPUDUN_BUILDINGS) <= {b.building_id for b in got.buildings}:
            raise _NotYet()

    _wait_until_buildings(buildings_known)
    for b in ANPUDUN_BUILDINGS:
        fund.RecordDeposit(
            pb.RecordDepositRequest(
                request_id=f"demo-fund-anpudun-{b}",
                compound_id="anpudun",
                building_id=b,
                amount_fen=60_000_000,
                note="住宅专项维修资金（首期交存）",
            ),
            metadata=staff,
            timeout=10,
        )
    deliberation = dpb_grpc.DeliberationServiceStub(communities_channel)
    # The request ids name the scope: a database loaded before votes had one keeps its old proposal and
    # gets this one beside it, rather than ALREADY_EXISTS for the same id with other content.
    proposal = deliberation.CreateProposal(
        dpb.CreateProposalRequest(
            request_id="demo-proposal-anpudun-elevators-b1-5",
            compound_id="anpudun",
            title="使用维修资金对1—5栋电梯进行中大修",
            description="社区居委会依据《维修资金管理办法》作为申请主体，组织业主代表会议，联动力天物业研究维修方案、选定施工单位。",
            category="maintenance_fund",
            amount_fen=125_000_000,
            building_ids=ANPUDUN_BUILDINGS,  # 1—5栋's owners decide, by their area and headcount
        ),
        metadata=_md(tokens["community_staff"]),
        timeout=10,
    )
    _ignore(
        (grpc.StatusCode.FAILED_PRECONDITION,),  # open already
        lambda: deliberation.OpenVote(
            dpb.OpenVoteRequest(request_id="demo-vote-anpudun-elevators-b1-5", proposal_id=proposal.id),
            metadata=_md(tokens["community_staff"]),
            timeout=10,
        ),
    )
    application = fund.CreateApplication(
        pb.CreateApplicationRequest(
            request_id="demo-application-anpudun-elevators-b1-5",
            compound_id="anpudun",
            title="1—5栋电梯中大修（5部）",
            description="更换曳引机、控制柜与门机系统；分三期按发票拨付。",
            applicant_kind="community",
            applicant_name="湾郡社区居委会",
            contractor="武汉力天电梯工程有限公司",
            amount_fen=125_000_000,
            quotes=[
                pb.Quote(
                    contractor="武汉力天电梯工程有限公司",
                    amount_fen=125_000_000,
                    evidence_url="https://demo.linli.example/anpudun/elevators/quote-litian.pdf",
                ),
                pb.Quote(
                    contractor="湖北某电梯安装维修公司",
                    amount_fen=138_000_000,
                    evidence_url="https://demo.linli.example/anpudun/elevators/quote-2.pdf",
                ),
            ],
            building_ids=ANPUDUN_BUILDINGS,
            proposal_id=proposal.id,
        ),
        metadata=staff,
        timeout=10,
    )
    return application.application_id


class _NotYet(Exception):
    pass


def _wait_until_buildings(check, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            check()
            return
        except _NotYet:
            pass
        except grpc.RpcError as err:
            if err.code() not in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.UNAVAILABLE):
                raise
        if time.monotonic() > deadline:
            raise TimeoutError("the fees service did not learn 当代安普顿小镇's buildings in time")
        time.sleep(0.5)


def load(fees_address: str, communities_address: str, tenants: list[dict]) -> dict[str, str]:
    """Load both seeds' data for the districts present; returns what was loaded (for the summary)."""
    by_id = {t["id"]: t for t in tenants}
    loaded = {}
    with (
        grpc.insecure_channel(fees_address) as fees,
        grpc.insecure_channel(communities_address) as communities,
    ):
        if "xingshan" in by_id:
            loaded["yuying-1 statement"] = load_yuying(fees, by_id["xingshan"]["tokens"])
        if "donghu" in by_id:
            loaded["anpudun fund application"] = load_anpudun(fees, communities, by_id["donghu"]["tokens"])
    return loaded
