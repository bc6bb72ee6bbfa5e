"""`linli qr [--tenant T] --compound C`: a printable sheet of a compound's scan-to-report codes (扫码报修).

Buildings come from the communities service (ListBuildings); `--building ID=名称` (repeatable) names
them by hand instead, e.g. before the compound's buildings are onboarded. Each code is signed with
LINLI_JWT_SECRET, the secret the gateway checks, so a code can only ever report for its building.
Without `--tenant` the district is the one named by the caller's token (`--token` or LINLI_TOKEN).
"""

from __future__ import annotations

import json
from pathlib import Path

import grpc
import typer
from linli.common.v1 import common_pb2
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_platform.auth import Principal, Role, issue_token, verify_token
from linli_platform.config import Settings
from linli_platform.errors import Unauthenticated
from linli_qr.sheet import render_sheet
from linli_qr.tokens import BuildingCode

from linli_cli.rpc import bearer

MANIFEST = Path(".linli") / "dev.json"


def default_base_url() -> str:
    try:
        return json.loads(MANIFEST.read_text())["endpoints"]["gateway"]
    except (OSError, ValueError, KeyError, TypeError):
        return "http://127.0.0.1:8080"


def _parse_building(text: str) -> tuple[str, str]:
    building_id, _, name = text.partition("=")
    if not building_id.strip():
        raise typer.BadParameter(f"楼栋格式应为 ID=名称 或 ID：{text!r}", param_hint="--building")
    return building_id.strip(), name.strip() or building_id.strip()


def from_communities(settings: Settings, tenant: str, compound: str, listed: bool) -> tuple[str, str, list]:
    """(district name, compound name, buildings) — buildings only when none were given by hand."""
    secret = settings.jwt_secret.get_secret_value()
    admin = Principal(tenant=tenant, role=Role.DISTRICT_ADMIN, subject="linli-cli:qr")
    metadata = bearer(issue_token(secret, admin, 300, settings.jwt_issuer))
    with grpc.insecure_channel(settings.communities_addr) as channel:
        stub = pb_grpc.CommunitiesServiceStub(channel)
        district = stub.GetTenant(pb.GetTenantRequest(tenant_id=tenant), metadata=metadata, timeout=10)
        found = stub.GetCompound(pb.GetCompoundRequest(compound_id=compound), metadata=metadata, timeout=10)
        buildings, token = [], ""
        while not listed:
            page = stub.ListBuildings(
                pb.ListBuildingsRequest(
                    compound_id=compound, page=common_pb2.PageRequest(page_size=500, page_token=token)
                ),
                metadata=metadata,
                timeout=10,
            )
            buildings.extend((b.id, b.name) for b in page.buildings)
            token = page.page.next_page_token
            if not token:
                break
    return district.name, found.name, buildings


def tenant_of(settings: Settings, tenant: str, token: str) -> str:
    if tenant:
        return tenant
    if not token:
        typer.echo("缺少区：请用 --tenant 指定，或用 --token / LINLI_TOKEN 提供本区的令牌。", err=True)
        raise typer.Exit(2)
    try:
        return verify_token(settings.jwt_secret.get_secret_value(), token, settings.jwt_issuer).tenant
    except Unauthenticated as exc:
        typer.echo("令牌无效或已过期，无法确定所属的区：请用 --tenant 指定。", err=True)
        raise typer.Exit(2) from exc


def qr(
    tenant: str = typer.Option("", help="租户（区）ID, e.g. hanyang；不填则取令牌所属的区"),
    token: str = typer.Option("", envvar="LINLI_TOKEN", help="访问令牌（或环境变量 LINLI_TOKEN）"),
    compound: str = typer.Option(..., help="小区 ID, e.g. jinjiang"),
    building: list[str] = typer.Option(None, help="楼栋 ID=名称（可重复）；不填则从社区服务读取"),
    base_url: str = typer.Option("", help="网关地址; default: .linli/dev.json 或 http://127.0.0.1:8080"),
    out: Path = typer.Option(None, help="输出的 HTML 文件; default: qr-<小区>.html"),
) -> None:
    settings = Settings()
    tenant = tenant_of(settings, tenant, token)
    given = [_parse_building(b) for b in building or []]
    try:
        district_name, compound_name, listed = from_communities(settings, tenant, compound, bool(given))
    except grpc.RpcError as err:
        if err.code() == grpc.StatusCode.NOT_FOUND:
            typer.echo(f"未找到：{err.details()}（区 {tenant}，小区 {compound}）", err=True)
            raise typer.Exit(1) from err
        if not given:
            typer.echo(
                f"无法连接社区服务（{settings.communities_addr}）：{err.code().name}。"
                "可用 --building ID=名称 手动提供楼栋。",
                err=True,
            )
            raise typer.Exit(1) from err
        district_name, compound_name, listed = tenant, compound, []
    buildings = given or listed
    if not buildings:
        typer.echo(f"小区 {compound_name} 还没有楼栋：请先导入楼栋，或用 --building ID=名称 提供。", err=True)
        raise typer.Exit(1)
    codes = [BuildingCode(tenant, compound, building_id, name) for building_id, name in buildings]
    html = render_sheet(
        settings.jwt_secret.get_secret_value(),
        base_url or default_base_url(),
        district_name,
        compound_name,
        codes,
    )
    target = out or Path(f"qr-{compound}.html")
    target.write_text(html, encoding="utf-8")
    typer.echo(f"已生成 {compound_name} {len(codes)} 栋楼的报修二维码：{target}（用浏览器打开后打印）")
