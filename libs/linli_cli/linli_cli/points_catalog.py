"""`linli points catalog list|show|add|update|restock|orders|fulfil` — the redemption catalog
(积分兑换) of a district, for its administrators and community staff.

Every change carries a request_id (a new one per invocation, or `--request-id` to repeat one safely
after a timeout: the service answers the first result and changes nothing again).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import grpc
import typer
from google.protobuf.json_format import MessageToDict
from linli.common.v1.common_pb2 import PageRequest
from linli.points.v1 import catalog_pb2 as pb
from linli.points.v1 import catalog_pb2_grpc as pb_grpc
from rich.console import Console
from rich.table import Table
from rich.text import Text

from linli_cli import output, rpc

app = typer.Typer(
    help="积分兑换目录：list | show | add | update | restock | orders | fulfil", no_args_is_help=True
)
console = Console()

TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="区管理员或社区工作人员的令牌 (或环境变量 LINLI_TOKEN)")
ADDRESS = typer.Option(
    "127.0.0.1:50053", envvar="LINLI_POINTS_ADDR", help="积分服务 gRPC 地址 (LINLI_POINTS_ADDR)"
)
JSON = typer.Option(False, "--json", help="输出 JSON")
REQUEST_ID = typer.Option("", "--request-id", help="重试时沿用上次的 request_id（默认新生成）")
TIMEZONE = "Asia/Shanghai"

KINDS = {
    "goods": pb.ITEM_KIND_GOODS,
    "service_coupon": pb.ITEM_KIND_SERVICE_COUPON,
    "voucher": pb.ITEM_KIND_VOUCHER,
    "repair_service": pb.ITEM_KIND_REPAIR_SERVICE,
}
KIND_NAMES = {
    pb.ITEM_KIND_GOODS: "日用品",
    pb.ITEM_KIND_SERVICE_COUPON: "服务券",
    pb.ITEM_KIND_VOUCHER: "消费券",
    pb.ITEM_KIND_REPAIR_SERVICE: "维修服务",
}
PERIODS = {
    "": pb.LIMIT_PERIOD_UNSPECIFIED,
    "day": pb.LIMIT_PERIOD_DAY,
    "week": pb.LIMIT_PERIOD_WEEK,
    "month": pb.LIMIT_PERIOD_MONTH,
    "year": pb.LIMIT_PERIOD_YEAR,
}
PERIOD_NAMES = {
    pb.LIMIT_PERIOD_DAY: "每天",
    pb.LIMIT_PERIOD_WEEK: "每周",
    pb.LIMIT_PERIOD_MONTH: "每月",
    pb.LIMIT_PERIOD_YEAR: "每年",
}
STATUSES = {
    "": pb.ORDER_STATUS_UNSPECIFIED,
    "reserved": pb.ORDER_STATUS_RESERVED,
    "fulfilled": pb.ORDER_STATUS_FULFILLED,
    "cancelled": pb.ORDER_STATUS_CANCELLED,
    "expired": pb.ORDER_STATUS_EXPIRED,
    "failed": pb.ORDER_STATUS_FAILED,
}
STATUS_NAMES = {
    pb.ORDER_STATUS_RESERVING: "处理中",
    pb.ORDER_STATUS_RESERVED: "待使用",
    pb.ORDER_STATUS_FULFILLED: "已兑换",
    pb.ORDER_STATUS_CANCELLED: "已取消",
    pb.ORDER_STATUS_EXPIRED: "已过期",
    pb.ORDER_STATUS_FAILED: "未成功",
}


def _stub(address: str) -> pb_grpc.CatalogServiceStub:
    return pb_grpc.CatalogServiceStub(grpc.insecure_channel(address))


def _call(fn, request, token: str, what: str = ""):
    return rpc.call(fn, request, token, what, timeout=60, out=console)


def _choice(value: str, choices: dict, option: str) -> int:
    if value not in choices:
        output.fail(f"{option} 只能是 {' | '.join(k for k in choices if k)}", output.USAGE, out=console)
    return choices[value]


def _answer(as_json: bool, record: dict, done: str) -> None:
    """A change's answer: the record as JSON for scripts, or one green line for people."""
    if as_json:
        output.print_json(record)
    else:
        console.print(Text(done, style="green"))


def _local(stamp) -> str:
    if not stamp.seconds:
        return ""
    return stamp.ToDatetime(tzinfo=UTC).astimezone(ZoneInfo(TIMEZONE)).strftime("%Y-%m-%d %H:%M")


def _rid(given: str) -> str:
    return given or uuid.uuid4().hex


def _limit(spec: pb.ItemSpec) -> str:
    return (
        f"{PERIOD_NAMES.get(spec.limit_period, '')}限 {spec.per_person_limit}"
        if spec.per_person_limit
        else "不限"
    )


def _items_table(items) -> None:
    table = Table(title="积分兑换目录")
    for column in ("编号", "名称", "类别", "积分", "库存", "预留", "限兑", "状态"):
        table.add_column(column)
    for i in items:
        table.add_row(
            i.item_id,
            i.spec.name,
            KIND_NAMES.get(i.spec.kind, ""),
            str(i.spec.cost),
            str(i.stock),
            str(i.held),
            _limit(i.spec),
            "上架" if i.active else "下架",
        )
    console.print(table)


def _item_dict(item: pb.CatalogItem) -> dict:
    return MessageToDict(item, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)


@app.command("list", help="列出兑换目录（--all 含已下架）")
def list_items(
    kind: str = typer.Option("", "--kind", help="goods | service_coupon | voucher | repair_service"),
    all_items: bool = typer.Option(False, "--all", help="含已下架"),
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    kind_value = _choice(kind, {"": 0, **KINDS}, "--kind")
    items, page_token = [], ""
    while True:
        got = _call(
            _stub(address).ListItems,
            pb.ListItemsRequest(
                kind=kind_value,
                include_inactive=all_items,
                page=PageRequest(page_size=200, page_token=page_token),
            ),
            token,
        )
        items.extend(got.items)
        page_token = got.page.next_page_token
        if not page_token:
            break
    if as_json:
        output.print_json([_item_dict(i) for i in items])
    else:
        _items_table(items)


@app.command("show", help="显示一个兑换项")
def show(item_id: str, as_json: bool = JSON, token: str = TOKEN, address: str = ADDRESS) -> None:
    item = _call(_stub(address).GetItem, pb.GetItemRequest(item_id=item_id), token)
    if as_json:
        output.print_json(_item_dict(item))
        return
    _items_table([item])
    s = item.spec
    if s.org_id:
        console.print(Text(f"兑付方：{s.org_id}"))
    if s.available_from.seconds or s.available_until.seconds:
        console.print(
            Text(f"可兑换时间：{_local(s.available_from) or '—'} 至 {_local(s.available_until) or '—'}")
        )
    console.print(Text(f"兑换后有效期：{s.valid_days or '默认'} 天"))


def _spec(name, kind, cost, description, org, limit, period, valid_days, start, until) -> pb.ItemSpec:
    spec = pb.ItemSpec(
        name=name,
        kind=_choice(kind, KINDS, "--kind"),
        cost=cost,
        description=description,
        org_id=org,
        per_person_limit=limit,
        limit_period=_choice(period, PERIODS, "--period"),
        valid_days=valid_days,
    )
    for value, field in ((start, "available_from"), (until, "available_until")):
        if value:
            try:
                at = datetime.fromisoformat(value)
            except ValueError:
                output.fail(
                    f"时间格式应为 2026-12-01 或 2026-12-01T08:00：{value}", output.USAGE, out=console
                )
            if at.tzinfo is None:
                at = at.replace(tzinfo=ZoneInfo(TIMEZONE))
            getattr(spec, field).FromDatetime(at.astimezone(UTC))
    return spec


@app.command("add", help="新增兑换项（日用品、服务券、消费券、维修服务）")
def add(
    item_id: str,
    name: str = typer.Option(..., "--name", help="名称，例如 世茂家政券"),
    kind: str = typer.Option("goods", "--kind", help="goods | service_coupon | voucher | repair_service"),
    cost: int = typer.Option(..., "--cost", help="每份所需积分"),
    stock: int = typer.Option(0, "--stock", help="库存份数"),
    description: str = typer.Option("", "--description"),
    org: str = typer.Option("", "--org", help="服务券/消费券的兑付企业或商户（组织 ID）"),
    limit: int = typer.Option(0, "--limit", help="每人每期限兑份数（0 不限）"),
    period: str = typer.Option("", "--period", help="限兑周期：day | week | month | year"),
    valid_days: int = typer.Option(0, "--valid-days", help="兑换后有效天数（0 默认）"),
    start: str = typer.Option("", "--from", help="开始兑换时间（本区时间）"),
    until: str = typer.Option("", "--until", help="截止兑换时间（本区时间）"),
    request_id: str = REQUEST_ID,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    spec = _spec(name, kind, cost, description, org, limit, period, valid_days, start, until)
    request = pb.CreateItemRequest(request_id=_rid(request_id), item_id=item_id, spec=spec, stock=stock)
    item = _call(_stub(address).CreateItem, request, token, "新增兑换项被拒绝")
    _answer(as_json, _item_dict(item), f"✓ 已新增 {item.item_id}（{item.spec.name}），库存 {item.stock}")


@app.command("update", help="修改兑换项（只改给出的项；--inactive 下架，--active 上架）")
def update(
    item_id: str,
    name: str = typer.Option(None, "--name"),
    cost: int = typer.Option(None, "--cost"),
    description: str = typer.Option(None, "--description"),
    limit: int = typer.Option(None, "--limit"),
    period: str = typer.Option(None, "--period"),
    valid_days: int = typer.Option(None, "--valid-days"),
    active: bool = typer.Option(None, "--active/--inactive"),
    request_id: str = REQUEST_ID,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    stub = _stub(address)
    current = _call(stub.GetItem, pb.GetItemRequest(item_id=item_id), token)
    spec = pb.ItemSpec()
    spec.CopyFrom(current.spec)
    for value, field in (
        (name, "name"),
        (cost, "cost"),
        (description, "description"),
        (limit, "per_person_limit"),
        (valid_days, "valid_days"),
    ):
        if value is not None:
            setattr(spec, field, value)
    if period is not None:
        spec.limit_period = _choice(period, PERIODS, "--period")
    request = pb.UpdateItemRequest(
        request_id=_rid(request_id),
        item_id=item_id,
        spec=spec,
        active=current.active if active is None else active,
    )
    item = _call(stub.UpdateItem, request, token, "修改被拒绝")
    state = "上架" if item.active else "下架"
    _answer(as_json, _item_dict(item), f"✓ 已修改 {item.item_id}（{item.spec.name}），{state}")


@app.command("restock", help="补充库存（负数为减少）")
def restock(
    item_id: str,
    delta: int = typer.Argument(..., help="增加的份数，负数为减少"),
    request_id: str = REQUEST_ID,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    request = pb.RestockItemRequest(request_id=_rid(request_id), item_id=item_id, delta=delta)
    item = _call(_stub(address).RestockItem, request, token, "调整库存被拒绝")
    _answer(as_json, _item_dict(item), f"✓ {item.spec.name} 库存现为 {item.stock}（预留 {item.held}）")


@app.command("orders", help="兑换记录（可按居民、状态筛选）")
def orders(
    subject: str = typer.Option("", "--subject", help="居民（账号）"),
    status: str = typer.Option("", "--status", help="reserved | fulfilled | cancelled | expired | failed"),
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    request = pb.ListOrdersRequest(
        subject=subject, status=_choice(status, STATUSES, "--status"), page=PageRequest(page_size=200)
    )
    got = _call(_stub(address).ListOrders, request, token)
    if as_json:
        output.print_json([MessageToDict(o, preserving_proto_field_name=True) for o in got.orders])
        return
    table = Table(title=f"兑换记录（共 {got.page.total} 条）")
    for column in ("订单", "居民", "兑换项", "份数", "积分", "状态", "兑换码", "下单时间", "有效期至"):
        table.add_column(column)
    for o in got.orders:
        table.add_row(
            o.order_id,
            o.subject,
            o.item_name,
            str(o.quantity),
            str(o.points),
            STATUS_NAMES.get(o.status, ""),
            o.code,
            _local(o.placed_at),
            _local(o.expires_at),
        )
    console.print(table)


@app.command("fulfil", help="发放兑换物品或完成维修服务（积分正式扣除）")
def fulfil(
    order_id: str,
    request_id: str = REQUEST_ID,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    request = pb.FulfilOrderRequest(request_id=_rid(request_id), order_id=order_id)
    order = _call(_stub(address).FulfilOrder, request, token, "发放被拒绝")
    _answer(
        as_json,
        MessageToDict(order, preserving_proto_field_name=True),
        f"✓ {order.item_name}×{order.quantity} 已发放给 {order.subject}，扣除 {order.points} 积分",
    )
