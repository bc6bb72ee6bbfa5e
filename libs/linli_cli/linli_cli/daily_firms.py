"""`linli contracts list|show|edit` (a district's property contracts) and `linli firms
list|show|register` (the property firms that hold them)."""

from __future__ import annotations

import typer
from linli.communities.v1 import communities_pb2 as pb
from rich.text import Text

from linli_cli import output
from linli_cli.daily_client import Client, print_record, print_records, print_table, request_id, yes
from linli_cli.daily_commands import (
    COMMON,
    COMPOUND,
    Edit,
    Kind,
    Listing,
    command,
    compound_name,
    edit_command,
    list_command,
    show_command,
    text_option,
)

contracts = typer.Typer(help="物业合同：list | show | edit", no_args_is_help=True)
firms = typer.Typer(help="物业企业：list | show | register", no_args_is_help=True)


# -- property contracts and firms --------------------------------------------------------------------
def _one_contract(c: Client, org_id: str, compound_id: str) -> pb.PropertyContract:
    found = CONTRACT.list(c, 100_000, compound_id=compound_id, org_id=org_id)
    if not found:
        output.fail(f"未找到：物业企业 {org_id} 在小区 {compound_id} 没有合同")
    return found[0]


def _services(text: str) -> list[str]:
    return [s.strip() for s in text.split(",") if s.strip()]


def _contract_removes(k: pb.PropertyContract, given: dict, firm: str, compound: str) -> list[str]:
    return [f"终止物业合同 {firm}@{compound}"] if given["active"] is False and k.active else []


CONTRACT = Kind(
    contracts,
    "物业合同",
    Listing("ListPropertyContracts", pb.ListPropertyContractsRequest, "contracts"),
    columns=(
        ("物业企业", "org_name"),
        ("小区", compound_name),
        ("服务类别", lambda k, names: "、".join(k.services) or "全部"),
        ("开始", "starts_on"),
        ("结束", lambda k, names: k.ends_on or "—"),
        ("联系方式", "contact"),
        ("有效", lambda k, names: yes(k.active)),
    ),
    keys={"firm": "org_id", "compound": "compound_id"},
    fetch=_one_contract,
)
list_command(
    CONTRACT,
    "列出物业合同（可按小区、企业筛选）",
    {"compound_id": COMPOUND, "org_id": (str, typer.Option("", "--firm", help="物业企业 ID"))},
)
show_command(CONTRACT, "显示一份物业合同", lambda k, name: f"{k.org_name} · {name}")
edit_command(
    CONTRACT,
    "修改物业合同（只改给出的项；--end 终止合同）",
    Edit(
        "UpsertPropertyContract",
        pb.UpsertPropertyContractRequest,
        {
            "services": text_option("服务类别，逗号分隔（空串：全部）", "--services"),
            "ends_on": text_option("结束日期 YYYY-MM-DD（空串：不限）", "--ends-on"),
            "contact": text_option("联系方式", "--contact"),
            "active": (bool | None, typer.Option(None, "--resume/--end", help="恢复或终止合同")),
        },
        what="物业合同 {firm}@{compound}",
        failed="合同未修改",
        removes=_contract_removes,
        parse={"services": _services},
        kept=("starts_on",),
    ),
)


def _firms_list(as_json: bool, token: str, address: str) -> None:
    with Client(address, token) as c:
        found = CONTRACT.list(c, 100_000)
        names = c.compound_names()
    by_firm: dict[str, list[pb.PropertyContract]] = {}
    for k in found:
        by_firm.setdefault(k.org_id, []).append(k)
    listed = [
        {
            "org_id": org,
            "name": ks[0].org_name,
            "compounds": [k.compound_id for k in ks],
            "active_contracts": sum(1 for k in ks if k.active),
        }
        for org, ks in sorted(by_firm.items())
    ]
    if as_json:
        return output.print_json(listed)
    rows = [
        (f["name"], f["org_id"], "、".join(names.get(x, x) for x in f["compounds"]), f["active_contracts"])
        for f in listed
    ]
    print_table(f"物业企业（{len(listed)}）", ("名称", "ID", "服务的小区", "有效合同"), rows)


def _firms_show(firm: str, as_json: bool, token: str, address: str) -> None:
    with Client(address, token) as c:
        found = CONTRACT.list(c, 100_000, org_id=firm)
        if as_json:
            return print_records(found)
        if not found:
            output.fail(f"未找到：物业企业 {firm} 在本区没有合同")
        names = c.compound_names()
    title = f"{found[0].org_name}（{firm}）的合同（{len(found)}）"
    print_table(title, CONTRACT.titles, CONTRACT.rows(found, names))


def _firms_register(firm: str, name: str, contact: str, as_json: bool, token: str, address: str) -> None:
    with Client(address, token) as c:
        saved = c.call(
            "RegisterPropertyFirm",
            pb.RegisterPropertyFirmRequest(request_id=request_id(), org_id=firm, name=name, contact=contact),
            "物业企业未登记",
        )
    if as_json:
        return print_record(saved)
    output.console.print(Text(f"✓ 物业企业 {saved.name}（{saved.org_id}）已登记", style="green"))
    if saved.name != name:
        output.console.print(Text(f"  该企业已由平台登记为「{saved.name}」；更名请联系平台运维。"))


command(firms, "list", "列出在本区有合同的物业企业", COMMON, _firms_list)
command(firms, "show", "显示一家物业企业在本区的合同", {"firm": str, **COMMON}, _firms_show)
command(
    firms,
    "register",
    "登记一家物业企业（全平台一次；已登记的保持平台的名称）",
    {
        "firm": str,
        "name": str,
        "contact": (str, typer.Option("", "--contact", help="联系方式")),
        **COMMON,
    },
    _firms_register,
)
