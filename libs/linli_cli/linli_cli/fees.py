"""`linli fees run|report|arrears` — billing runs with a progress bar, the collection rate (收缴率) and
the arrears export, through the fees service's gRPC API (token: --token or LINLI_TOKEN, staff role).

A run started again for the same compound and period resumes the unfinished one (after Ctrl-C or a
kill), and a finished period issues no second bill.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import grpc
import typer
from linli.fees.v1 import fees_pb2 as pb
from linli.fees.v1 import fees_pb2_grpc as pb_grpc
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from linli_cli import rpc
from linli_cli.output import yuan

app = typer.Typer(help="物业费：计费批次、收缴率、欠费导出、收款与退款", no_args_is_help=True)
console = Console()

TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="社区工作人员或区管理员令牌 (或环境变量 LINLI_TOKEN)")
ADDRESS = typer.Option(
    "127.0.0.1:50054", envvar="LINLI_FEES_ADDR", help="物业费服务 gRPC 地址 (LINLI_FEES_ADDR)"
)


def _stub(address: str) -> pb_grpc.FeesServiceStub:
    return pb_grpc.FeesServiceStub(grpc.insecure_channel(address))


def _call(fn, request, token: str):
    return rpc.call(fn, request, token, timeout=600, out=console)


def _summary(run: pb.BillingRun) -> None:
    title = "试算（未生成账单）" if run.dry_run else "计费完成"
    table = Table(title=f"{title}：{run.compound_id or '全区'} {run.period}", show_header=False)
    table.add_row("住户", f"{run.households_done}")
    table.add_row("新账单" if not run.dry_run else "将生成账单", f"{run.bills_created}")
    table.add_row("已有账单（不变）", f"{run.bills_existing}")
    table.add_row("无需计费的住户", f"{run.households_skipped}")
    table.add_row("新账单合计", yuan(run.amount_fen))
    if run.prepaid_applied:
        table.add_row("预存抵扣", f"{run.prepaid_applied} 户，{yuan(run.prepaid_applied_fen)}")
    console.print(table)
    for preview in run.preview:
        who = preview.household_label or preview.household_id
        console.print(f"· {who} {preview.item_name} {yuan(preview.amount_fen)}")
        for line in preview.lines:
            console.print(f"    {line}", markup=False)


@app.command("run", help="为一个小区（或全区）生成一个账期的账单，带进度条；--dry-run 只试算")
def run(
    compound: str = typer.Option("", "--compound", help="小区编号（不填：全区）"),
    period: str = typer.Option(..., "--period", help="账期：2026-01、2026-Q1 或 2026（与小区计费周期一致）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只试算：计数、合计、前几张账单，不写入"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    stub = _stub(address)
    started = _call(
        stub.StartBillingRun,
        pb.StartBillingRunRequest(
            request_id=f"cli-{uuid.uuid4().hex}", compound_id=compound, period=period, dry_run=dry_run
        ),
        token,
    )
    current = started
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("户"),
        TextColumn("{task.fields[bills]} 张账单"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(
            "计费中" if not dry_run else "试算中",
            total=max(current.households_total, 1),
            bills=current.bills_created,
        )
        while current.status != pb.RUN_STATUS_DONE:
            current = _call(
                stub.AdvanceBillingRun,
                pb.AdvanceBillingRunRequest(request_id=f"cli-{uuid.uuid4().hex}", run_id=current.run_id),
                token,
            )
            progress.update(
                task,
                completed=current.households_done,
                total=max(current.households_total, current.households_done, 1),
                bills=current.bills_created,
            )
    _summary(current)


@app.command("report", help="收缴率：户数、金额与清欠（docs/fees.md 定义）")
def report(
    compound: str = typer.Option(..., "--compound"),
    period: str = typer.Option(..., "--period"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    got = _call(
        _stub(address).GetCollectionReport,
        pb.GetCollectionReportRequest(compound_id=compound, period=period),
        token,
    )
    table = Table(title=f"收缴率：{compound} {period}（截至 {got.as_of}）", show_header=False)
    table.add_row("户数收缴率", f"{got.household_rate}（{got.households_paid}/{got.households_billed} 户）")
    table.add_row("金额收缴率", f"{got.amount_rate}（{yuan(got.received_fen)}/{yuan(got.receivable_fen)}）")
    table.add_row(
        "清欠",
        f"{yuan(got.arrears_recovered_fen)}，期初欠费 {yuan(got.arrears_opening_fen)}，"
        f"清欠率 {got.arrears_recovery_rate}",
    )
    console.print(table)


@app.command("arrears", help="导出一个小区的欠费明细（CSV，按账龄）")
def arrears(
    compound: str = typer.Option(..., "--compound"),
    out: Path = typer.Option(Path("."), "--out", help="保存目录或文件"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    got = _call(_stub(address).ExportArrears, pb.GetArrearsRequest(compound_id=compound), token)
    target = out / got.filename if out.is_dir() else out
    target.write_bytes(got.content)
    console.print(f"[green]✓ {got.rows} 户欠费已导出到 {target}[/green]")
