"""`linli open311-keys issue|list|revoke` — a district's Open311 api_keys, through the gateway.

The gateway keeps the keys (only their digests); this is its admin API for the district
administrator named by the token (`--token` or LINLI_TOKEN, role district_admin). A key is shown
once, when it is issued.
"""

from __future__ import annotations

import httpx
import typer
from rich.console import Console
from rich.table import Table

from linli_cli import output

app = typer.Typer(help="Open311 api_key：签发、列出、吊销（经网关）", no_args_is_help=True)
console = Console()

TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="区管理员令牌 (或环境变量 LINLI_TOKEN)")
GATEWAY = typer.Option("http://127.0.0.1:8080", envvar="LINLI_GATEWAY_URL", help="网关地址")
PATH = "/admin/open311/keys"


def http_client(gateway: str) -> httpx.Client:
    """The gateway's HTTP client (tests put the app in-process here)."""
    return httpx.Client(base_url=gateway, timeout=30)


def _send(gateway: str, token: str, method: str, path: str, **kwargs) -> httpx.Response:
    output.require_token(token, "区管理员令牌")
    try:
        with http_client(gateway) as client:
            response = client.request(method, path, headers={"authorization": f"Bearer {token}"}, **kwargs)
    except httpx.HTTPError as err:
        output.fail(f"无法连接网关 {gateway}：{err}", output.RETRY, console)
    if response.status_code >= 400:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        output.fail(f"{response.status_code}：{detail}", output.REFUSED, console)
    return response


@app.command("issue", help="签发一个 api_key（只显示这一次）")
def issue(
    name: str = typer.Argument(..., help="客户端名称，如 12345 市民热线"),
    token: str = TOKEN,
    gateway: str = GATEWAY,
):
    body = _send(gateway, token, "POST", PATH, json={"name": name}).json()
    console.print(f"[green]✓ 已签发 api_key「{body['name']}」（编号 {body['key_id']}）[/green]")
    console.print(body["api_key"], markup=False, highlight=False, soft_wrap=True)
    console.print("请妥善保管：此密钥不会再次显示。", style="yellow")


@app.command("list", help="列出本区的 api_key（不含密钥本身）")
def listed(token: str = TOKEN, gateway: str = GATEWAY):
    keys = _send(gateway, token, "GET", PATH).json()
    table = Table("编号", "名称", "签发时间", "状态")
    for key in keys:
        table.add_row(
            key["key_id"], key["name"], key["created_at"][:19], "已吊销" if key["revoked"] else "有效"
        )
    console.print(table if keys else "本区尚无 api_key。")


@app.command("revoke", help="吊销一个 api_key（立即失效）")
def revoke(
    key_id: str = typer.Argument(..., help="api_key 编号"), token: str = TOKEN, gateway: str = GATEWAY
):
    _send(gateway, token, "DELETE", f"{PATH}/{key_id}")
    console.print(f"[green]✓ 已吊销 api_key {key_id}[/green]")
