"""`linli webhooks event-types|subscribe|list` — a property firm's webhook subscriptions (gRPC client).

A property firm (its own organisation, from the token) or a district administrator (`--org`) acts
against the notifications API (`LINLI_NOTIFICATIONS_ADDR`). A subscription lists the event types it
wants — `event-types` shows which the district sends to firms; `*` is refused. The subscription's
secret is printed once, when it is made: the receiver verifies `X-Linli-Signature` with it
(see services/notifications/README.md and libs/linli_webhooks).
"""

from __future__ import annotations

import json
import uuid

import grpc
import typer
from linli.common.v1.common_pb2 import PageRequest
from linli.notifications.v1 import notifications_pb2 as pb
from linli.notifications.v1 import notifications_pb2_grpc as pb_grpc
from linli_platform.status import field_violations
from rich.console import Console
from rich.table import Table
from rich.text import Text

from linli_cli.rpc import bearer

app = typer.Typer(help="Webhook 订阅：可订阅事件、订阅、列出", no_args_is_help=True)
console = Console()

TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="访问令牌 (或环境变量 LINLI_TOKEN)")
ADDRESS = typer.Option(
    "127.0.0.1:50055", envvar="LINLI_NOTIFICATIONS_ADDR", help="通知服务 gRPC 地址 (LINLI_NOTIFICATIONS_ADDR)"
)
JSON = typer.Option(False, "--json", help="输出 JSON（供脚本使用）")
CODES = {
    grpc.StatusCode.INVALID_ARGUMENT: "参数无效",
    grpc.StatusCode.NOT_FOUND: "未找到",
    grpc.StatusCode.PERMISSION_DENIED: "无权限",
    grpc.StatusCode.UNAUTHENTICATED: "令牌无效或已过期",
    grpc.StatusCode.UNAVAILABLE: "无法连接通知服务",
}


def _fail(message: str, code: int = 1) -> typer.Exit:
    console.print(Text(f"✗ {message}", style="red"))
    return typer.Exit(code)


def _call(method: str, request, token: str, address: str):
    if not token:
        raise _fail("缺少令牌：请用 --token 或环境变量 LINLI_TOKEN 提供令牌。", 2)
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.NotificationsServiceStub(channel)
        try:
            return getattr(stub, method)(request, metadata=bearer(token), timeout=30)
        except grpc.RpcError as err:
            violations = field_violations(err)
            if violations:
                console.print(Text(f"✗ 请求被拒绝，共 {len(violations)} 处问题：", style="red"))
                for field, why in violations:
                    console.print(Text(f"  • {field}: {why}"))
                raise typer.Exit(1) from err
            raise _fail(f"{CODES.get(err.code(), err.code().name)}：{err.details()}") from err


@app.command("event-types", help="列出本单位可订阅的事件类型")
def event_types(token: str = TOKEN, address: str = ADDRESS, as_json: bool = JSON):
    found = list(
        _call("ListWebhookEventTypes", pb.ListWebhookEventTypesRequest(), token, address).event_types
    )
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False))
        return
    if not found:
        console.print("本辖区当前没有向服务单位推送的事件。")
    for name in found:
        console.print(Text(name))


@app.command("subscribe", help="订阅：事件推送到 URL（密钥只显示这一次）")
def subscribe(
    url: str = typer.Argument(..., help="接收地址，如 https://firm.example/linli"),
    events: list[str] = typer.Option(..., "--event", "-e", help="事件类型，可重复；见 event-types"),
    org: str = typer.Option("", help="组织编号（区管理员代为订阅时必填）"),
    request_id: str = typer.Option("", help="幂等键（重试时用同一个）"),
    token: str = TOKEN,
    address: str = ADDRESS,
    as_json: bool = JSON,
):
    request = pb.CreateWebhookSubscriptionRequest(
        request_id=request_id or uuid.uuid4().hex, org_id=org, event_types=events, url=url
    )
    created = _call("CreateWebhookSubscription", request, token, address)
    if as_json:
        body = {
            "id": created.subscription.id,
            "org_id": created.subscription.org_id,
            "secret": created.secret,
        }
        typer.echo(json.dumps(body, ensure_ascii=False))
        return
    console.print(
        Text(f"✓ 已订阅（编号 {created.subscription.id}，单位 {created.subscription.org_id}）", "green")
    )
    console.print(Text(created.secret), soft_wrap=True)
    console.print(Text("请妥善保管：此密钥不会再次显示，接收端用它校验 X-Linli-Signature。", style="yellow"))


@app.command("list", help="列出本单位的订阅")
def list_subscriptions(
    org: str = typer.Option("", help="组织编号（区管理员查看时必填）"),
    token: str = TOKEN,
    address: str = ADDRESS,
    as_json: bool = JSON,
):
    request = pb.ListWebhookSubscriptionsRequest(org_id=org, page=PageRequest(page_size=100))
    found = _call("ListWebhookSubscriptions", request, token, address).subscriptions
    rows = [
        {"id": s.id, "org_id": s.org_id, "url": s.url, "event_types": list(s.event_types), "active": s.active}
        for s in found
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("编号", "单位", "地址", "事件", "状态")
    for row in rows:
        table.add_row(
            Text(row["id"]),
            Text(row["org_id"]),
            Text(row["url"]),
            Text("\n".join(row["event_types"])),
            "有效" if row["active"] else "已停用",
        )
    console.print(table)
