"""What the service-desk fee commands (`linli fees account|pay|prepay|refund|reverse|approve`) share:
the fees API client with the caller's token, amounts parsed from 元 text, request ids and the retry of
transient failures, times in the district's zone.

A write is keyed by its `request_id` (the server records one id once; the same id with other content
is refused as ALREADY_EXISTS). Each invocation picks its id before calling — `--request-id` when given,
else a fresh one it prints first — and retries UNAVAILABLE, DEADLINE_EXCEEDED and ABORTED with that same
id, so a retry whose first attempt did land answers the first entry instead of recording it twice. When
the retries run out the command exits 3 and prints the line to rerun with the same id.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from decimal import Decimal

import grpc
import typer
from linli.common.v1.common_pb2 import PageRequest
from linli.fees.v1 import fees_pb2 as pb
from linli.fees.v1 import fees_pb2_grpc as pb_grpc
from rich.text import Text
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from linli_cli import output

TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="社区工作人员或区管理员令牌 (或环境变量 LINLI_TOKEN)")
ADDRESS = typer.Option(
    "127.0.0.1:50054", envvar="LINLI_FEES_ADDR", help="物业费服务 gRPC 地址 (LINLI_FEES_ADDR)"
)
COMPOUND = typer.Option(..., "--compound", help="小区编号，例如 yuying-1")
HOUSEHOLD = typer.Option(..., "--household", help="住户编号，例如 101（见 linli households list）")
REQUEST_ID = typer.Option(
    "",
    "--request-id",
    help="幂等键：不填则本次生成一个并先打印；终端丢失结果时用同一个重新运行，服务端只记一次",
)

ATTEMPTS = 4  # the first call and three retries: about 0.5 + 1 + 2 s of waiting
WAIT = wait_exponential(multiplier=0.5, max=4)
TIMEOUT_S = 30  # each attempt
MAX_FEN = 100_000_000  # the API's bound: 1 000 000 元
Explain = Mapping[grpc.StatusCode, str]
_YUAN = re.compile(r"\d{1,9}(\.\d{1,2})?")


def parse_fen(text: str, option: str = "--amount") -> int:
    """元 text → fen, exactly (Decimal, never float): digits with at most two decimals, more than 0
    and at most 1 000 000 元; anything else exits 2 naming the option."""
    plain = text.strip().removesuffix("元").strip()
    if not _YUAN.fullmatch(plain):
        output.fail(f"{option}：“{text}” 不是有效金额（以元为单位，最多两位小数，例如 19.19）", output.USAGE)
    fen = int(Decimal(plain) * 100)
    if fen <= 0:
        output.fail(f"{option}：金额应大于 0（收到 “{text}”）", output.USAGE)
    if fen > MAX_FEN:
        output.fail(f"{option}：金额不能超过 {output.yuan(MAX_FEN)}（收到 “{text}”）", output.USAGE)
    return fen


def request_id(given: str, prefix: str) -> str:
    """`--request-id` as given, or a fresh id for this invocation (printed with the rerun hint)."""
    if given:
        return given
    fresh = f"{prefix}-{uuid.uuid4().hex[:16]}"
    output.console.print(Text(f"本次请求编号 {fresh}（如需重试，请加 --request-id {fresh}）", style="dim"))
    return fresh


def _transient(err: BaseException) -> bool:
    return isinstance(err, grpc.RpcError) and err.code() in output.RETRYABLE


class DeskClient:
    def __init__(self, address: str, token: str):
        output.require_token(token)
        self.channel = grpc.insecure_channel(address)
        self.stub = pb_grpc.FeesServiceStub(self.channel)
        self.metadata = [("authorization", f"Bearer {token}")]

    def __enter__(self) -> DeskClient:
        return self

    def __exit__(self, *exc) -> None:
        self.channel.close()

    def _attempts(self, method: str, request):
        retrying = Retrying(
            stop=stop_after_attempt(ATTEMPTS), wait=WAIT, retry=retry_if_exception(_transient), reraise=True
        )
        return retrying(getattr(self.stub, method), request, metadata=self.metadata, timeout=TIMEOUT_S)

    def read(self, method: str, request, what: str = ""):
        try:
            return self._attempts(method, request)
        except grpc.RpcError as err:
            output.rpc_failure(err, what)

    def write(self, method: str, request, what: str, rerun: str, explain: Explain | None = None):
        """A keyed write, retried on transient failures with its own request_id. `what` heads a
        refusal (`explain` may say more for a status code); `rerun` is the command line that
        finishes the write when the retries run out."""
        try:
            return self._attempts(method, request)
        except grpc.RpcError as err:
            if _transient(err):  # it may have landed: say so, and how to finish it once
                output.error(f"结果未知（重试 {ATTEMPTS} 次仍未得到服务的答复）：{output.describe(err)}")
                output.console.print(
                    Text(
                        "请用同一请求编号重新运行（服务端只会记录一次）：\n"
                        f"  {rerun} --request-id {request.request_id}"
                    )
                )
                raise typer.Exit(output.exit_code(err.code())) from None
            more = (explain or {}).get(err.code())
            output.rpc_failure(err, f"{what}（{more}）" if more else what)

    def open_bills(self, compound: str, household: str) -> list[pb.Bill]:
        """The household's open bills, oldest first, each with its 滞纳金 as of today."""
        found: list[pb.Bill] = []
        token = ""
        while True:
            page = self.read(
                "ListBills",
                pb.ListBillsRequest(
                    compound_id=compound,
                    household_id=household,
                    open_only=True,
                    page=PageRequest(page_size=500, page_token=token),
                ),
            )
            found.extend(page.bills)
            token = page.page.next_page_token
            if not token:
                break
        return list(reversed(found))  # the API lists a household's bills newest first

    def compound_name(self, compound: str) -> str:
        """The compound's name for a heading; its id when the service cannot say (a heading must not
        turn a recorded payment into a failure)."""
        try:
            got = self.stub.GetFeeSchedule(
                pb.GetFeeScheduleRequest(compound_id=compound), metadata=self.metadata, timeout=TIMEOUT_S
            )
        except grpc.RpcError:
            return compound
        return got.compound_name or compound
