"""`linli grants list|grant|revoke|token`: role grants of a district, and tokens for them (a
property firm's token to take work orders)."""

from __future__ import annotations

from functools import partial

import typer
from linli.communities.v1 import communities_pb2 as pb
from rich.text import Text

from linli_cli import output
from linli_cli.daily_client import Client, print_record, request_id, yes
from linli_cli.daily_commands import CALLER, COMMON, Kind, Listing, command, list_command

grants = typer.Typer(help="角色授权：list | grant | revoke | token", no_args_is_help=True)


GRANT = Kind(
    grants,
    "角色授权",
    Listing("ListRoleGrants", pb.ListRoleGrantsRequest, "grants"),
    columns=(
        ("账号", "subject"),
        ("角色", "role"),
        ("组织", lambda g, names: g.org_id or "—"),
        ("有效", lambda g, names: yes(g.active)),
        ("授权人", "granted_by"),
    ),
    names=False,
)
list_command(
    GRANT,
    "列出角色授权（可按账号、组织筛选）",
    {
        "subject": (str, typer.Option("", "--subject", help="账号")),
        "org_id": (str, typer.Option("", "--org", help="组织 ID")),
    },
)


def _grant(
    rpc: str, request: type, subject: str, role: str, org: str, as_json: bool, token: str, address: str
) -> None:
    with Client(address, token) as c:
        saved = c.call(rpc, request(request_id=request_id(), subject=subject, role=role, org_id=org))
    if as_json:
        return print_record(saved)
    state = "有效" if saved.active else "已撤销"
    output.console.print(
        Text(f"✓ {subject} 的 {role} 角色{f'（组织 {org}）' if org else ''}：{state}", style="green")
    )


def _grants_token(subject: str, role: str, org: str, ttl: int, token: str, address: str) -> None:
    with Client(address, token) as c:
        grant = c.call(
            "IssueGrantToken",
            pb.IssueGrantTokenRequest(subject=subject, role=role, org_id=org, ttl_seconds=ttl),
            "未能签发令牌",
        )
    typer.echo(grant.token)


def _org(help: str) -> tuple:
    return (str, typer.Option("", "--org", help=help))


for _name, _rpc, _request, _help, _org_help in (
    ("grant", "GrantRole", pb.GrantRoleRequest, "授予角色", "组织 ID（物业企业、志愿队等）"),
    ("revoke", "RevokeRole", pb.RevokeRoleRequest, "撤销角色", "组织 ID"),
):
    _params = {"subject": str, "role": str, "org": _org(_org_help), **COMMON}
    command(grants, _name, _help, _params, partial(_grant, _rpc, _request))
command(
    grants,
    "token",
    "为有效授权签发令牌（如物业企业接单用）",
    {
        "subject": str,
        "role": str,
        "org": _org("组织 ID"),
        "ttl": (int, typer.Option(0, "--ttl", min=0, max=2592000, help="有效期（秒），默认服务的设置")),
        **CALLER,
    },
    _grants_token,
)
