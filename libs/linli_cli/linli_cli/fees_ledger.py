"""`linli fees ledger statement|publish|verify|link` — the public ledger (收支公示) of a compound.

`link` prints the compound's public ledger page (the gateway's `/l/<code>`, a code signed with
LINLI_JWT_SECRET like the scan-to-report codes of `linli qr`) and, with `--sheet`, a printable QR sheet
for the notice board.

`verify` is a resident's own check that no published month was altered: for every published statement
it recomputes SHA-256 over the statement's canonical JSON (docs/fees-ledger.md) on this machine,
checks that each statement names the hash of the month before, that the figures shown are the ones
hashed, and asks the service to recompute each month from the ledger's entries. Exit code 0 only when
every check holds, 1 otherwise.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

import grpc
import typer
from linli.fees.v1 import ledger_pb2 as pb
from linli.fees.v1 import ledger_pb2_grpc as pb_grpc
from linli_platform.config import Settings
from linli_qr.sheet import render_ledger_sheet
from linli_qr.tokens import CompoundCode, ledger_url
from rich.console import Console
from rich.table import Table
from rich.text import Text

from linli_cli import output, qr, rpc
from linli_cli.output import yuan

app = typer.Typer(help="收支公示：statement | publish | verify | link", no_args_is_help=True)
console = Console()

TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="本小区居民或社区工作人员的令牌 (或环境变量 LINLI_TOKEN)")
ADDRESS = typer.Option(
    "127.0.0.1:50054", envvar="LINLI_FEES_ADDR", help="物业费服务 gRPC 地址 (LINLI_FEES_ADDR)"
)
COMPOUND = typer.Option(..., "--compound", help="小区 ID, e.g. yuying-1")


def _stub(address: str) -> pb_grpc.PublicLedgerServiceStub:
    return pb_grpc.PublicLedgerServiceStub(grpc.insecure_channel(address))


def _call(fn, request, token: str):
    return rpc.call(fn, request, token, timeout=120, out=console)


def _show(s: pb.Statement) -> None:
    table = Table(title=f"{s.compound_name} {s.period} 收支公示（第 {s.sequence} 期）")
    table.add_column("项目")
    table.add_column("金额", justify="right")
    table.add_column("占比", justify="right")
    table.add_row("期初结余", yuan(s.opening_balance_fen), "")
    for c in s.income:
        table.add_row(f"收入：{c.name}", yuan(c.amount_fen), c.share)
    for c in s.expenses:
        table.add_row(f"支出：{c.name}", yuan(c.amount_fen), c.share)
    table.add_row("收入合计", yuan(s.total_income_fen), "")
    table.add_row("支出合计", yuan(s.total_expenses_fen), "")
    table.add_row("期末结余", yuan(s.closing_balance_fen), "")
    console.print(table)
    console.print(Text(f"{s.entry_count} 笔分录 · 发布：{s.published_by} {s.published_at_local}"))
    console.print(Text(f"校验码 {s.hash}\n上期校验码 {s.previous_hash or '（首期）'}"))


def _as_json(s: pb.Statement) -> dict:
    return {
        "compound_id": s.compound_id,
        "period": s.period,
        "income": {c.category: c.amount_fen for c in s.income},
        "expenses": {c.category: c.amount_fen for c in s.expenses},
        "expense_shares_bp": {c.category: c.share_bp for c in s.expenses},
        "closing_balance_fen": s.closing_balance_fen,
        "hash": s.hash,
        "previous_hash": s.previous_hash,
    }


@app.command("statement", help="查看某月收支公示（分类占比、结余、校验码）")
def statement(
    compound: str = COMPOUND,
    period: str = typer.Option(..., help="月份 YYYY-MM"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    got = _call(
        _stub(address).GetStatement, pb.GetStatementRequest(compound_id=compound, period=period), token
    )
    if as_json:
        output.print_json(_as_json(got))
    else:
        _show(got)


@app.command("publish", help="发布已结束月份的收支公示（社区工作人员）")
def publish(
    compound: str = COMPOUND,
    period: str = typer.Option(..., help="月份 YYYY-MM"),
    request_id: str = typer.Option("", help="幂等键（重试时用同一个）"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    request = pb.PublishStatementRequest(
        request_id=request_id or f"publish-{compound}-{period}-{uuid.uuid4().hex[:8]}",
        compound_id=compound,
        period=period,
    )
    _show(_call(_stub(address).PublishStatement, request, token))


def check_locally(statements: list[pb.Statement]) -> list[tuple[str, list[str]]]:
    """Each statement (oldest first) against its own canonical JSON: the hash recomputed here, the
    link to the month before, and the figures shown = the figures hashed."""
    found = []
    before = ""
    for s in statements:
        problems = []
        if hashlib.sha256(s.canonical_json.encode("utf-8")).hexdigest() != s.hash:
            problems.append("本机重算的校验码与公布的不符")
        try:
            hashed = json.loads(s.canonical_json)
        except ValueError:
            hashed = {}
            problems.append("哈希原文不是 JSON")
        if hashed.get("previous_hash") != before or s.previous_hash != before:
            problems.append("未链接到上一期的校验码")
        shown = {
            "period": s.period,
            "income": {c.category: c.amount_fen for c in s.income},
            "expenses": {c.category: c.amount_fen for c in s.expenses},
            "closing_balance_fen": s.closing_balance_fen,
            "opening_balance_fen": s.opening_balance_fen,
        }
        if any(hashed.get(k) != v for k, v in shown.items()):
            problems.append("显示的金额与哈希原文不符")
        found.append((s.period, problems))
        before = s.hash
    return found


@app.command("verify", help="核验本小区已发布的每期收支公示未被改动（本机重算校验码并核对账本）")
def verify(
    compound: str = COMPOUND,
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    stub = _stub(address)
    statements, page_token = [], ""
    while True:
        page = _call(
            stub.ListStatements,
            pb.ListStatementsRequest(compound_id=compound, page_size=500, page_token=page_token),
            token,
        )
        statements.extend(page.statements)
        page_token = page.next_page_token
        if not page_token:
            break
    statements.sort(key=lambda s: s.sequence)
    local = dict(check_locally(statements))
    server = _call(stub.VerifyStatements, pb.VerifyStatementsRequest(compound_id=compound), token)
    from_ledger = {v.period: v for v in server.verdicts}
    rows, ok = [], True
    for s in statements:
        problems = list(local[s.period])
        verdict = from_ledger.get(s.period)
        if verdict is None or not verdict.ledger_ok:
            problems.append("与账本分录重算结果不符" if verdict else "服务未核对该期")
        ok &= not problems
        rows.append({"period": s.period, "hash": s.hash, "ok": not problems, "problems": problems})
    if as_json:
        output.print_json({"compound_id": compound, "ok": ok, "statements": rows})
    else:
        table = Table(title=f"{compound} 收支公示核验（共 {len(rows)} 期）")
        for column in ("月份", "校验码", "结果"):
            table.add_column(column)
        for r in rows:
            table.add_row(
                r["period"], r["hash"][:16], "✓ 未被改动" if r["ok"] else "✗ " + "；".join(r["problems"])
            )
        console.print(table)
        if not rows:
            console.print(Text("尚未发布收支公示。"))
        console.print(
            Text(
                "全部核验通过" if ok else "核验未通过：有月份的公示与发布时不一致",
                style="green" if ok else "red",
            )
        )
    if not ok:
        raise typer.Exit(output.REFUSED)


@app.command("link", help="打印本小区收支公示页的链接，可生成公告栏张贴的二维码打印页（社区工作人员）")
def link(
    compound: str = COMPOUND,
    tenant: str = typer.Option("", help="租户（区）ID, e.g. xingshan；不填则取令牌所属的区"),
    token: str = typer.Option("", envvar="LINLI_TOKEN", help="访问令牌（或环境变量 LINLI_TOKEN）"),
    base_url: str = typer.Option("", help="网关地址; default: .linli/dev.json 或 http://127.0.0.1:8080"),
    sheet: Path = typer.Option(None, "--sheet", help="输出二维码打印页（HTML）"),
) -> None:
    settings = Settings()
    tenant = qr.tenant_of(settings, tenant, token)
    secret = settings.jwt_secret.get_secret_value()
    code = CompoundCode(tenant, compound)
    try:
        district_name, compound_name, _ = qr.from_communities(settings, tenant, compound, True)
    except grpc.RpcError as err:
        if err.code() == grpc.StatusCode.NOT_FOUND:
            typer.echo(f"未找到：{err.details()}（区 {tenant}，小区 {compound}）", err=True)
            raise typer.Exit(1) from err
        typer.echo(
            f"无法连接社区服务（{settings.communities_addr}）：{err.code().name}，以 ID 代替名称。", err=True
        )
        district_name, compound_name = tenant, compound
    url = ledger_url(base_url or qr.default_base_url(), secret, code)
    typer.echo(f"{compound_name} 收支公示：{url}")
    if sheet is not None:
        sheet.write_text(
            render_ledger_sheet(
                secret, base_url or qr.default_base_url(), district_name, compound_name, code
            ),
            encoding="utf-8",
        )
        typer.echo(f"已生成公告栏二维码打印页：{sheet}（用浏览器打开后打印）")
