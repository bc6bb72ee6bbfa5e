"""`linli token --tenant T --role R [--org O] [--subject S]`."""

from __future__ import annotations

import typer
from linli_platform.auth import ROLES, Principal, issue_token
from linli_platform.config import Settings


def token(
    tenant: str = typer.Option(..., help="租户（区）ID, e.g. hanyang"),
    role: str = typer.Option(..., help=f"角色: {', '.join(ROLES)}"),
    org: str = typer.Option("", help="组织 ID (e.g. the property firm)"),
    subject: str = typer.Option("", help="主体 ID; default: <role>@<tenant>"),
    ttl: int = typer.Option(0, help="有效期（秒）; default LINLI_TOKEN_TTL_SECONDS"),
) -> None:
    if role not in ROLES:
        raise typer.BadParameter(f"未知角色 {role!r}，可选：{', '.join(ROLES)}", param_hint="--role")
    settings = Settings()
    principal = Principal(tenant=tenant, role=role, subject=subject or f"{role}@{tenant}", org=org)
    typer.echo(
        issue_token(
            settings.jwt_secret.get_secret_value(),
            principal,
            ttl or settings.token_ttl_seconds,
            settings.jwt_issuer,
        )
    )
