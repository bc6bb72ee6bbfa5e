"""What the daily commands (`linli buildings|households|contracts|firms|grants …`) share: the
communities API client with the caller's token, the options every command takes, and the tables and
messages they print."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

import grpc
import typer
from google.protobuf.json_format import MessageToDict
from linli.common.v1.common_pb2 import PageRequest
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from rich.table import Table
from rich.text import Text

from linli_cli import output
from linli_cli.rpc import bearer

TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="访问令牌 (或环境变量 LINLI_TOKEN)")
ADDRESS = typer.Option(
    "127.0.0.1:50051", envvar="LINLI_COMMUNITIES_ADDR", help="社区服务 gRPC 地址 (LINLI_COMMUNITIES_ADDR)"
)
JSON = typer.Option(False, "--json", help="以 JSON 输出（供脚本使用）")
ALL = typer.Option(False, "--all", help="包括已归档的记录")
LIMIT = typer.Option(500, "--limit", min=1, max=100_000, help="最多列出多少条")
REMOVALS = typer.Option(False, "--allow-removals", help="允许归档、终止合同或删除登录关联")


class Client:
    def __init__(self, address: str, token: str):
        output.require_token(token)
        self.channel = grpc.insecure_channel(address)
        self.stub = pb_grpc.CommunitiesServiceStub(self.channel)
        self.metadata = bearer(token)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.channel.close()

    def call(self, method: str, request, what: str = ""):
        try:
            return getattr(self.stub, method)(request, metadata=self.metadata, timeout=30)
        except grpc.RpcError as err:
            output.rpc_failure(err, what)

    def pages(self, method: str, make: Callable[[PageRequest], object], field: str, limit: int) -> list:
        found: list = []
        token = ""
        while len(found) < limit:
            page = self.call(
                method, make(PageRequest(page_size=min(500, limit - len(found)), page_token=token))
            )
            found.extend(getattr(page, field))
            token = page.page.next_page_token
            if not token:
                break
        return found[:limit]

    def compound_names(self) -> dict[str, str]:
        compounds = self.pages(
            "ListCompounds",
            lambda p: pb.ListCompoundsRequest(page=p, include_archived=True),
            "compounds",
            100_000,
        )
        return {c.id: c.name for c in compounds}


def print_record(record) -> None:
    output.print_json(MessageToDict(record, preserving_proto_field_name=True))


def print_records(records: Iterable) -> None:
    output.print_json([MessageToDict(r, preserving_proto_field_name=True) for r in records])


def print_table(title: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(Text(str(c)) for c in row))
    output.console.print(table)


def print_details(title: str, fields: Iterable[tuple[str, object]]) -> None:
    table = Table(title=title, show_header=False)
    table.add_column("项")
    table.add_column("值")
    for name, value in fields:
        table.add_row(name, Text(str(value)))
    output.console.print(table)


def print_saved(record, before_version: int, as_json: bool, what: str) -> None:
    if as_json:
        return print_record(record)
    if record.version == before_version:
        output.console.print(Text(f"{what} 没有变化。"))
    else:
        output.console.print(Text(f"✓ 已修改 {what}（版本 {record.version}）", style="green"))


def yes(flag: bool) -> str:
    return "是" if flag else "否"


def refuse_removal(removes: list[str], allow: bool) -> None:
    if removes and not allow:
        output.fail(f"将删除：{'；'.join(removes)}。确认删除请加 --allow-removals。", output.REFUSED)


def request_id() -> str:
    return uuid.uuid4().hex
