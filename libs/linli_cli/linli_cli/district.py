"""`linli district create ID NAME` and `linli district list` — the platform operator's districts.

`create` (a platform operator's token) makes the district a tenant, grants its first district
administrator, puts its governance configuration in force (a file, or the defaults: only the
district's name) and prints that administrator's token. Every step is keyed by its content, so a
run that was cut off is finished by running the same command again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

import grpc
import typer
from linli.common.v1.common_pb2 import PageRequest
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from rich.table import Table
from rich.text import Text

from linli_cli import output, rpc

app = typer.Typer(help="区（租户）：create | list（平台运维令牌）", no_args_is_help=True)
TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="平台运维令牌 (或环境变量 LINLI_TOKEN)")
ADDRESS = typer.Option(
    "127.0.0.1:50051", envvar="LINLI_COMMUNITIES_ADDR", help="社区服务 gRPC 地址 (LINLI_COMMUNITIES_ADDR)"
)


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _call(fn, request, token: str, what: str):
    return rpc.call(fn, request, token, what)  # create and list have checked the token already


@app.command(help="创建一个区：租户、首位区管理员、治理配置，并打印该管理员的令牌")
def create(
    district_id: str = typer.Argument(..., metavar="ID", help="区 ID，如 qingshan（小写字母、数字、连字符）"),
    name: str = typer.Argument(..., metavar="NAME", help="区名称，如 青山区"),
    config: Path | None = typer.Option(
        None, "--config", exists=True, dir_okay=False, help="治理配置 YAML（默认：只含区名称的默认配置）"
    ),
    admin: str = typer.Option("", "--admin", help="首位区管理员的账号（默认 admin@<ID>）"),
    timezone: str = typer.Option("Asia/Shanghai", "--timezone", help="时区（IANA）"),
    ttl: int = typer.Option(0, "--ttl", min=0, max=2592000, help="令牌有效期（秒），默认服务的设置"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出（供脚本使用）"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    output.require_token(token, "平台运维令牌")
    admin = admin or f"admin@{district_id}"
    document = config.read_text(encoding="utf-8") if config else f"district: {{name: {name}}}\n"
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.CommunitiesServiceStub(channel)
        tenant = _call(
            stub.CreateTenant,
            pb.CreateTenantRequest(
                request_id=f"district-{district_id}-{_key(name, timezone, admin)}",
                tenant_id=district_id,
                name=name,
                timezone=timezone,
                admin_subject=admin,
            ),
            token,
            f"区 {district_id} 未能创建",
        )
        grant = _call(
            stub.IssueGrantToken,
            pb.IssueGrantTokenRequest(
                tenant_id=district_id, subject=admin, role="district_admin", ttl_seconds=ttl
            ),
            token,
            "区已创建，但未能签发区管理员令牌（重新运行同一命令即可）",
        )
        applied = _call(
            gpb_grpc.GovernanceServiceStub(channel).ApplyConfig,
            gpb.ApplyConfigRequest(
                request_id=f"district-config-{_key(document)}", document=document, comment="建区时的治理配置"
            ),
            grant.token,
            "区已创建，但治理配置未生效（修改文件后重新运行同一命令即可）",
        )
    expires = (
        grant.expires_at.ToDatetime().replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(tenant.timezone))
    )
    if as_json:
        output.print_json(
            {
                "id": tenant.id,
                "name": tenant.name,
                "timezone": tenant.timezone,
                "admin_subject": admin,
                "config_version": applied.version,
                "token": grant.token,
                "token_expires_at": expires.isoformat(),
            }
        )
        return
    console = output.console
    console.print(Text(f"✓ 已创建区 {tenant.name}（{tenant.id}），时区 {tenant.timezone}", style="green"))
    source = f"来自 {config}" if config else "默认配置"
    console.print(Text(f"  治理配置：版本 {applied.version}（{source}）"))
    console.print(Text(f"  区管理员 {admin} 的令牌（{expires:%Y-%m-%d %H:%M} 前有效）："))
    typer.echo(grant.token)
    console.print(Text(f"下一步：LINLI_TOKEN=<上面的令牌> linli onboard {district_id}.yaml --dry-run"))


@app.command("list", help="列出本部署的所有区")
def list_(
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出（供脚本使用）"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    output.require_token(token, "平台运维令牌")
    tenants: list[pb.Tenant] = []
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.CommunitiesServiceStub(channel)
        token_of_page = ""
        while True:
            page = _call(
                stub.ListTenants,
                pb.ListTenantsRequest(page=PageRequest(page_size=500, page_token=token_of_page)),
                token,
                "无法列出各区",
            )
            tenants.extend(page.tenants)
            token_of_page = page.page.next_page_token
            if not token_of_page:
                break
    if as_json:
        output.print_json(
            [
                {
                    "id": t.id,
                    "name": t.name,
                    "timezone": t.timezone,
                    "language": t.language,
                    "created_at": t.created_at.ToDatetime().replace(tzinfo=ZoneInfo("UTC")).isoformat(),
                }
                for t in tenants
            ]
        )
        return
    table = Table(title=f"本部署的区（{len(tenants)}）")
    for column in ("ID", "名称", "时区", "语言", "创建时间（当地）"):
        table.add_column(column)
    for t in tenants:
        created = t.created_at.ToDatetime().replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(t.timezone))
        table.add_row(t.id, Text(t.name), t.timezone, t.language, f"{created:%Y-%m-%d %H:%M}")
    output.console.print(table)
