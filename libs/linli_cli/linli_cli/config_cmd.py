"""`linli config validate|diff|apply|show|history` — the district's governance configuration (gRPC client).

Every command acts with the caller's token (`--token` or LINLI_TOKEN) against the communities API;
nothing here touches a database. Problems are listed by their path in the document.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import grpc
import typer
from linli.common.v1.common_pb2 import PageRequest
from linli.communities.v1 import governance_pb2 as pb
from linli.communities.v1 import governance_pb2_grpc as pb_grpc
from linli_platform.config import Settings
from linli_platform.config_version import CONFIG_COPY_SERVICES, wait_until_applied
from linli_platform.messages_zh import translate
from linli_platform.status import field_violations
from rich.console import Console
from rich.table import Table
from rich.text import Text

from linli_cli import output
from linli_cli.rpc import bearer

app = typer.Typer(help="区治理配置（一区一策）：校验、比较、生效、查看、历史", no_args_is_help=True)
console = Console()

TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="访问令牌 (或环境变量 LINLI_TOKEN)")
ADDRESS = typer.Option(
    "127.0.0.1:50051", envvar="LINLI_COMMUNITIES_ADDR", help="社区服务 gRPC 地址 (LINLI_COMMUNITIES_ADDR)"
)
WAIT_SECONDS = 60.0
NOT_IN_FORCE = 3  # exit code: stored, but not in force in every service before the timeout
FILE = typer.Argument(..., exists=True, dir_okay=False, help="治理配置 YAML 文件")
CODES = {
    grpc.StatusCode.INVALID_ARGUMENT: "参数无效",
    grpc.StatusCode.NOT_FOUND: "未找到",
    grpc.StatusCode.PERMISSION_DENIED: "无权限",
    grpc.StatusCode.UNAUTHENTICATED: "令牌无效或已过期",
    grpc.StatusCode.ABORTED: "版本冲突（配置已被他人修改，请重新获取后再试）",
    grpc.StatusCode.UNAVAILABLE: "无法连接社区服务",
    grpc.StatusCode.FAILED_PRECONDITION: "前置条件不满足",
}


def _stub(address: str, token: str):
    output.require_token(token)
    channel = grpc.insecure_channel(address, options=[("grpc.max_send_message_length", 16 << 20)])
    return pb_grpc.GovernanceServiceStub(channel), bearer(token)


def _call(fn, request, metadata):
    try:
        return fn(request, metadata=metadata, timeout=30)
    except grpc.RpcError as err:
        violations = field_violations(err)
        if violations:
            output.error(f"配置被拒绝，共 {len(violations)} 处问题（当前生效版本不变）：", console)
            for field, why in violations:
                console.print(Text(f"  • {field.removeprefix('document.')}: {translate(why)}"))
            raise typer.Exit(output.REFUSED) from err
        output.error(f"{CODES.get(err.code(), err.code().name)}：{translate(err.details() or '')}", console)
        raise typer.Exit(output.exit_code(err.code())) from err


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        output.fail(f"{file} 不是 UTF-8 文本", output.USAGE, console)


def _print_diff(diff: str) -> None:
    for line in diff.splitlines():
        style = (
            "green"
            if line.startswith("+")
            else "red"
            if line.startswith("-")
            else "dim"
            if line.startswith("@@")
            else None
        )
        console.print(Text(line, style=style) if style else Text(line))


def _validate(file: Path, token: str, address: str) -> pb.ValidateConfigResponse:
    stub, metadata = _stub(address, token)
    result = _call(stub.ValidateConfig, pb.ValidateConfigRequest(document=_read(file)), metadata)
    if not result.valid:
        output.error(f"{file} 无效，共 {len(result.problems)} 处问题：", console)
        for problem in result.problems:
            console.print(Text(f"  • {problem.path}: {translate(problem.message)}"))
        raise typer.Exit(1)
    return result


@app.command(help="校验配置文件（结构、取值、所引用的社区与小区），不做任何修改")
def validate(file: Path = FILE, token: str = TOKEN, address: str = ADDRESS) -> None:
    result = _validate(file, token, address)
    console.print(
        Text(f"✓ {file} 有效", style="green"), Text(f"（当前生效版本：{result.current_version or '无'}）")
    )


@app.command(help="显示配置文件与当前生效版本的差异")
def diff(file: Path = FILE, token: str = TOKEN, address: str = ADDRESS) -> None:
    result = _validate(file, token, address)
    if not result.diff:
        console.print(f"与当前生效版本（{result.current_version}）相同，没有差异。")
        return
    _print_diff(result.diff)


@app.command(help="使配置生效（整份校验通过才生效；记录修改人、时间与差异）")
def apply(
    file: Path = FILE,
    comment: str = typer.Option("", "--comment", "-m", help="修改说明"),
    expected_version: int = typer.Option(0, "--expected-version", min=0, help="仅当当前版本为此值时生效"),
    request_id: str = typer.Option("", "--request-id", help="幂等键（重试时使用同一个）"),
    wait: bool = typer.Option(True, "--wait/--no-wait", help="等到各服务都按新版本执行再返回（默认）"),
    timeout: float = typer.Option(WAIT_SECONDS, "--timeout", min=0, help="最多等待秒数"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    stub, metadata = _stub(address, token)
    request = pb.ApplyConfigRequest(
        request_id=request_id or uuid.uuid4().hex,
        document=_read(file),
        expected_version=expected_version,
        comment=comment,
    )
    result = _call(stub.ApplyConfig, request, metadata)
    if not result.changed:
        console.print(f"内容与当前版本 {result.version} 相同，未产生新版本。")
    if not wait:
        if result.changed:
            console.print(
                Text.assemble(
                    (f"✓ 已保存：版本 {result.version}（修改人 {result.changed_by}）", "green"),
                    "；各服务通常在数秒内按新版本执行（--wait 可等待确认）。",
                )
            )
        return
    _wait_in_force(result.version, token, timeout, result.changed_by if result.changed else "")


def _wait_in_force(version: int, token: str, timeout: float, changed_by: str) -> None:
    """Return once every service keeping a copy applies `version`; name the late ones otherwise."""
    settings = Settings(service="cli")
    addresses = {svc: settings.addr_of(svc) for svc in CONFIG_COPY_SERVICES}
    console.print(Text(f"等待各服务按版本 {version} 执行（{'、'.join(addresses)}；最多 {timeout:g} 秒）…"))
    outcome = wait_until_applied(addresses, token, version, timeout)
    times = "，".join(f"{svc} {seconds:.1f} 秒" for svc, seconds in sorted(outcome.applied.items()))
    for svc in outcome.silent:
        console.print(Text(f"  ! {svc} 不报告配置版本（旧版本服务），未确认", style="yellow"))
    if outcome.ok:
        who = f"（修改人 {changed_by}）" if changed_by else ""
        console.print(
            Text.assemble((f"✓ 已生效：版本 {version}{who}", "green"), f"：{times}" if times else "")
        )
        return
    console.print(Text(f"✗ 版本 {version} 已保存，但 {timeout:g} 秒内未在全部服务生效：", style="red"))
    for svc, why in sorted(outcome.late.items()):
        console.print(Text(f"  • {svc}（{addresses[svc]}）：{why}"))
    if times:
        console.print(Text(f"  已生效：{times}"))
    raise typer.Exit(NOT_IN_FORCE)


@app.command(help="显示当前（或指定版本的）配置；--effective 显示合并覆盖后的生效配置")
def show(
    version: int = typer.Option(0, "--version", min=0, help="版本号（默认当前版本）"),
    effective: bool = typer.Option(False, "--effective", help="显示某社区或小区合并后的生效配置"),
    community: str = typer.Option("", "--community", help="社区 ID（配合 --effective）"),
    compound: str = typer.Option("", "--compound", help="小区 ID（配合 --effective）"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    stub, metadata = _stub(address, token)
    if effective or community or compound:
        result = _call(
            stub.GetEffectiveConfig,
            pb.GetEffectiveConfigRequest(community=community, compound=compound),
            metadata,
        )
        where = " / ".join(x for x in (result.community, result.compound) if x) or "全区"
        console.print(f"# 生效配置：{where}（版本 {result.version or '默认值'}）", markup=False)
        console.print(result.sections_yaml, markup=False, highlight=False)
        return
    result = _call(stub.GetConfig, pb.GetConfigRequest(version=version), metadata)
    when = f"{result.changed_at.ToDatetime():%Y-%m-%d %H:%M} UTC"
    console.print(f"# 版本 {result.version}，{result.changed_by} 于 {when}", markup=False)
    console.print(result.document, markup=False, highlight=False)


@app.command(help="修改历史：版本、修改人、时间、说明与改动行数")
def history(
    limit: int = typer.Option(20, "--limit", min=1, max=500, help="最多显示多少条"),
    show_diff: bool = typer.Option(False, "--diff", help="同时显示每次修改的差异"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    stub, metadata = _stub(address, token)
    result = _call(
        stub.ListConfigHistory, pb.ListConfigHistoryRequest(page=PageRequest(page_size=limit)), metadata
    )
    if not result.versions:
        console.print("该区尚无治理配置。")
        return
    table = Table(title=f"治理配置历史（共 {result.page.total} 个版本）")
    for column in ("版本", "修改人", "时间 (UTC)", "改动", "说明"):
        table.add_column(column)
    for v in result.versions:
        lines = v.diff.splitlines()
        added = sum(1 for x in lines if x.startswith("+") and not x.startswith("+++"))
        removed = sum(1 for x in lines if x.startswith("-") and not x.startswith("---"))
        table.add_row(
            str(v.version),
            v.changed_by,
            f"{v.changed_at.ToDatetime():%Y-%m-%d %H:%M:%S}",
            f"+{added} -{removed}",
            v.comment,
        )
    console.print(table)
    if show_diff:
        for v in result.versions:
            console.print(f"\n[bold]版本 {v.version}[/bold]")
            _print_diff(v.diff)
