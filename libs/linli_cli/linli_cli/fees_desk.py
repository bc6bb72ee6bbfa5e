"""`linli fees account|pay|prepay|refund|reverse|approve` — the service desk's daily fee work: look up a
household's account, take a resident's cash or transfer and print the receipt, sell a prepay offer,
and refunds and reversals (requested by one staff member, approved by another — 四眼原则).

Every write carries a request_id: `--request-id` when given, else a fresh one printed before the call.
Transient failures (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED) are retried inside the command with that
same id, and a staff member whose terminal lost the answer reruns the printed line with it: the server
records one request_id once, so the money is never booked twice (fees_desk_client.py).
"""

from __future__ import annotations

import shlex
from enum import StrEnum

import grpc
import typer
from linli.fees.v1 import fees_pb2 as pb
from rich.text import Text

from linli_cli import output
from linli_cli.fees_desk_client import (
    ADDRESS,
    COMPOUND,
    HOUSEHOLD,
    REQUEST_ID,
    TOKEN,
    DeskClient,
    parse_fen,
    request_id,
)
from linli_cli.fees_desk_view import print_account, print_entry, print_quote, print_receipt
from linli_cli.output import yuan

RETRY_NOTE = (
    "每次写入都带请求编号（--request-id；不填则生成一个并先打印）。连接中断、超时或并发冲突时命令会用同一编号"
    "自动重试；仍无结果时（退出码 3）用打印的编号重新运行，服务端只记录一次。"
)


class Method(StrEnum):
    cash = "cash"
    transfer = "transfer"
    external = "external"


METHOD = {Method.cash: pb.PAYMENT_METHOD_CASH, Method.transfer: pb.PAYMENT_METHOD_TRANSFER}
METHOD[Method.external] = pb.PAYMENT_METHOD_EXTERNAL
METHOD_HELP = "收款方式：cash 现金 | transfer 转账 | external 线上支付（转账与线上支付须填 --reference）"
REFERENCE = typer.Option("", "--reference", help="银行或支付平台的交易流水号（转账、线上支付必填）")
FOUR_EYES = "退款和冲正须由申请人以外的另一位社区工作人员批准，即四眼原则"
STAFF_ONLY = {grpc.StatusCode.PERMISSION_DENIED: "只有社区工作人员或区管理员可以办理"}


def _line(*words: str) -> str:
    return shlex.join(["linli", "fees", *[w for w in words if w]])


def _who(client: DeskClient, compound: str, label: str) -> str:
    return f"{client.compound_name(compound)} {label}"


def _bill_of_period(client: DeskClient, compound: str, household: str, period: str) -> str:
    """The id of the household's one open bill of `period` (the rerun line names the id, which
    stays right after the bill is paid)."""
    found = [b for b in client.open_bills(compound, household) if b.period == period]
    if len(found) == 1:
        return found[0].bill_id
    if not found:
        output.fail(f"--bill：{period} 没有未缴账单（见 linli fees account）。")
    ids = "；".join(f"{b.item_name} {b.bill_id}" for b in found)
    output.fail(f"--bill：{period} 有 {len(found)} 张未缴账单，请用账单编号指定：{ids}")


def account(
    compound: str = COMPOUND,
    household: str = HOUSEHOLD,
    entries: int = typer.Option(10, "--entries", min=0, max=5000, help="显示最近多少笔收付"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with DeskClient(address, token) as client:
        got = client.read("GetAccount", pb.GetAccountRequest(compound_id=compound, household_id=household))
        print_account(got, client.compound_name(compound), entries)


def pay(
    compound: str = COMPOUND,
    household: str = HOUSEHOLD,
    amount: str = typer.Option(..., "--amount", help="收款金额，单位元，最多两位小数（例如 19.19）"),
    method: Method = typer.Option(..., "--method", help=METHOD_HELP),
    bill: str = typer.Option(
        "",
        "--bill",
        help="只缴这张账单：账单编号，或账期（如 2026-01，该期仅一张未缴账单时）；不填：从最早的未缴账单起",
    ),
    reference: str = REFERENCE,
    given_id: str = REQUEST_ID,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    fen = parse_fen(amount)
    with DeskClient(address, token) as client:
        if bill and "/" not in bill:
            bill = _bill_of_period(client, compound, household, bill)
        rid = request_id(given_id, "pay")
        rerun = _line(
            "pay", "--compound", compound, "--household", household, "--amount", amount,
            "--method", method.value, *(["--bill", bill] if bill else []),
            *(["--reference", reference] if reference else []),
        )  # fmt: skip
        receipt = client.write(
            "RecordPayment",
            pb.RecordPaymentRequest(
                request_id=rid,
                compound_id=compound,
                household_id=household,
                bill_id=bill,
                amount_fen=fen,
                method=METHOD[method],
                reference=reference,
            ),
            "未收款",
            rerun,
            STAFF_ONLY,
        )
        print_receipt(receipt, client.compound_name(compound))


def prepay(
    compound: str = COMPOUND,
    household: str = HOUSEHOLD,
    months: int = typer.Option(
        12, "--months", min=1, max=36, help="预缴月数（优惠见区治理配置 fees.prepay）"
    ),
    start: str = typer.Option("", "--start", help="首个预缴账期，例如 2026-03；不填：第一个尚未开账的账期"),
    item: str = typer.Option("", "--item", help="收费项目；不填：物业费"),
    quote_only: bool = typer.Option(
        False, "--quote", help="只看报价（账期、原价、减免、应付、赠品），不收款"
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="不再询问，按报价收款"),
    amount: str = typer.Option(
        "", "--amount", help="住户交付的金额（元）：须等于报价；与 --yes 同用时不再报价（重新运行时用）"
    ),
    method: Method | None = typer.Option(None, "--method", help=METHOD_HELP + "；收款时必填"),
    reference: str = REFERENCE,
    given_id: str = REQUEST_ID,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    handed = parse_fen(amount) if amount else 0
    if not quote_only and method is None:
        output.fail("--method：收款时必填（cash、transfer 或 external）；只看报价请加 --quote", output.USAGE)
    with DeskClient(address, token) as client:
        if not (handed and yes):  # a rerun with the amount and --yes goes straight to the keyed write
            quote = client.read(
                "QuotePrepay",
                pb.QuotePrepayRequest(
                    compound_id=compound, household_id=household, start_period=start, months=months, item=item
                ),
                "无法报价",
            )
            print_quote(quote, client.compound_name(compound))
            if quote_only:
                return
            if handed and handed != quote.amount_fen:
                output.fail(f"--amount {yuan(handed)} 与报价应付 {yuan(quote.amount_fen)} 不符，未收款。")
            handed = quote.amount_fen
            if not yes and not typer.confirm(f"按报价收取 {yuan(handed)}并预缴？"):
                output.fail("已取消，未收款。")
        assert method is not None
        rid = request_id(given_id, "prepay")
        rerun = _line(
            "prepay", "--compound", compound, "--household", household, "--months", str(months),
            *(["--start", start] if start else []), *(["--item", item] if item else []),
            "--amount", f"{handed / 100:.2f}", "--method", method.value,
            *(["--reference", reference] if reference else []), "--yes",
        )  # fmt: skip
        receipt = client.write(
            "Prepay",
            pb.PrepayRequest(
                request_id=rid,
                compound_id=compound,
                household_id=household,
                start_period=start,
                months=months,
                item=item,
                amount_fen=handed,
                method=METHOD[method],
                reference=reference,
            ),
            "未预缴",
            rerun,
            STAFF_ONLY,
        )
        print_receipt(receipt, client.compound_name(compound))


def refund(
    compound: str = COMPOUND,
    household: str = HOUSEHOLD,
    amount: str = typer.Option(..., "--amount", help="从预存余额退还的金额（元，最多两位小数）"),
    reason: str = typer.Option(..., "--reason", help="退款原因（入账记录可查）"),
    given_id: str = REQUEST_ID,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    fen = parse_fen(amount)
    with DeskClient(address, token) as client:
        held = client.read("GetAccount", pb.GetAccountRequest(compound_id=compound, household_id=household))
        label = held.household_label or household
        output.console.print(Text(f"{label} 预存余额 {yuan(held.prepaid_fen)}，申请退还 {yuan(fen)}"))
        rid = request_id(given_id, "refund")
        rerun = _line(
            "refund", "--compound", compound, "--household", household, "--amount", amount, "--reason", reason
        )
        entry = client.write(
            "RequestReversal",
            pb.RequestReversalRequest(
                request_id=rid, compound_id=compound, household_id=household, amount_fen=fen, reason=reason
            ),
            "未提交退款申请",
            rerun,
            STAFF_ONLY,
        )
        print_entry(entry, _who(client, compound, label), compound, household)


def reverse(
    compound: str = COMPOUND,
    household: str = HOUSEHOLD,
    entry: str = typer.Option(..., "--entry", help="要冲正的缴费：编号或收据号（见 linli fees account）"),
    reason: str = typer.Option(..., "--reason", help="冲正原因（入账记录可查）"),
    given_id: str = REQUEST_ID,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with DeskClient(address, token) as client:
        held = client.read("GetAccount", pb.GetAccountRequest(compound_id=compound, household_id=household))
        target = next((e for e in held.entries if entry in (e.entry_id, e.receipt_no)), None)
        if target is None:
            output.fail(
                f"--entry：{held.household_label or household} 没有编号或收据号为 {entry} 的收付记录。"
            )
        output.console.print(
            Text(
                f"冲正：收据 {target.receipt_no or '—'}，{yuan(target.amount_fen)}（编号 {target.entry_id}）"
            )
        )
        rid = request_id(given_id, "reverse")
        rerun = _line(
            "reverse", "--compound", compound, "--household", household, "--entry", entry, "--reason", reason
        )
        got = client.write(
            "RequestReversal",
            pb.RequestReversalRequest(
                request_id=rid,
                compound_id=compound,
                household_id=household,
                reverses=target.entry_id,
                reason=reason,
            ),
            "未提交冲正申请",
            rerun,
            STAFF_ONLY,
        )
        print_entry(got, _who(client, compound, held.household_label or household), compound, household)


def approve(
    compound: str = COMPOUND,
    household: str = HOUSEHOLD,
    entry: str = typer.Option(
        ..., "--entry", help="待批准的退款或冲正的编号（refund/reverse 打印的，或见 account）"
    ),
    given_id: str = REQUEST_ID,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with DeskClient(address, token) as client:
        rid = request_id(given_id, "approve")
        rerun = _line("approve", "--compound", compound, "--household", household, "--entry", entry)
        got = client.write(
            "ApproveEntry",
            pb.ApproveEntryRequest(
                request_id=rid, compound_id=compound, household_id=household, entry_id=entry
            ),
            "未批准",
            rerun,
            {grpc.StatusCode.PERMISSION_DENIED: FOUR_EYES},
        )
        after = client.read("GetAccount", pb.GetAccountRequest(compound_id=compound, household_id=household))
        print_entry(got, _who(client, compound, after.household_label or household), compound, household)
        output.console.print(
            Text(
                f"  预存余额 {yuan(after.prepaid_fen)}，应缴合计 {yuan(after.due_fen)}，"
                f"欠费 {yuan(after.arrears_fen)}"
            )
        )


COMMANDS = (
    ("account", account, "住户账户：未缴账单（含今日滞纳金）、预存余额、欠费、最近收付", ""),
    ("pay", pay, "收款并打印收据（金额以元计，可指定账单，多余的转入预存）", RETRY_NOTE),
    ("prepay", prepay, "预缴：--quote 只看报价；否则确认后按报价收款并打印收据", RETRY_NOTE),
    ("refund", refund, "申请从预存余额退款（须另一位工作人员 approve 后入账）", RETRY_NOTE),
    ("reverse", reverse, "申请冲正一笔缴费（须另一位工作人员 approve 后入账）", RETRY_NOTE),
    ("approve", approve, "批准另一位工作人员申请的退款或冲正（本人申请的不能批准）", RETRY_NOTE),
)


def register(app: typer.Typer) -> None:
    """Add the desk commands to `linli fees`."""
    for name, command, short, more in COMMANDS:
        app.command(name, short_help=short, help=f"{short}\n\n{more}" if more else short)(command)
