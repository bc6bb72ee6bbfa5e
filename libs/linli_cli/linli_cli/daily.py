"""The daily work of a district from the command line: list / show / edit buildings, households,
property contracts and firms, and role grants (`linli buildings list`, `linli households edit …`).

Every command acts with the caller's token (`--token` / LINLI_TOKEN) through the communities API.
`--json` prints the records as JSON for scripts (nothing else on stdout). An edit changes only the
options given; the others keep their stored values. An edit that removes data (archives a record,
ends a contract, drops a resident's login link) needs --allow-removals.
"""

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
from linli_cli.onboard_files import parse_area, parse_residents

TOKEN = typer.Option("", envvar="LINLI_TOKEN", help="访问令牌 (或环境变量 LINLI_TOKEN)")
ADDRESS = typer.Option(
    "127.0.0.1:50051", envvar="LINLI_COMMUNITIES_ADDR", help="社区服务 gRPC 地址 (LINLI_COMMUNITIES_ADDR)"
)
JSON = typer.Option(False, "--json", help="以 JSON 输出（供脚本使用）")
ALL = typer.Option(False, "--all", help="包括已归档的记录")
LIMIT = typer.Option(500, "--limit", min=1, max=100_000, help="最多列出多少条")
REMOVALS = typer.Option(False, "--allow-removals", help="允许归档、终止合同或删除登录关联")
TENURES = {pb.TENURE_OWNER: "owner", pb.TENURE_RENTER: "renter", pb.TENURE_UNSPECIFIED: ""}
TENURE_NAMES = {"owner": "业主", "renter": "租户", "": ""}
TENURE_OF = {"owner": pb.TENURE_OWNER, "renter": pb.TENURE_RENTER, "": pb.TENURE_UNSPECIFIED}

buildings = typer.Typer(help="楼栋：list | show | edit", no_args_is_help=True)
households = typer.Typer(help="住户：list | show | edit", no_args_is_help=True)
contracts = typer.Typer(help="物业合同：list | show | edit", no_args_is_help=True)
firms = typer.Typer(help="物业企业：list | show | register", no_args_is_help=True)
grants = typer.Typer(help="角色授权：list | grant | revoke | token", no_args_is_help=True)


class Client:
    def __init__(self, address: str, token: str):
        output.require_token(token)
        self.channel = grpc.insecure_channel(address)
        self.stub = pb_grpc.CommunitiesServiceStub(self.channel)
        self.metadata = [("authorization", f"Bearer {token}")]

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


def _json(records: Iterable) -> None:
    output.print_json([MessageToDict(r, preserving_proto_field_name=True) for r in records])


def _table(title: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(Text(str(c)) for c in row))
    output.console.print(table)


def _details(title: str, fields: list[tuple[str, object]]) -> None:
    table = Table(title=title, show_header=False)
    table.add_column("项")
    table.add_column("值")
    for name, value in fields:
        table.add_row(name, Text(str(value)))
    output.console.print(table)


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _refuse_removal(removes: list[str], allow: bool) -> None:
    if removes and not allow:
        output.fail(f"将删除：{'；'.join(removes)}。确认删除请加 --allow-removals。", output.REFUSED)


def _rid() -> str:
    return uuid.uuid4().hex


# -- buildings --------------------------------------------------------------------------------------
@buildings.command("list", help="列出楼栋（可按小区筛选）")
def buildings_list(
    compound: str = typer.Option("", "--compound", help="小区 ID"),
    include_archived: bool = ALL,
    limit: int = LIMIT,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with Client(address, token) as c:
        found = c.pages(
            "ListBuildings",
            lambda p: pb.ListBuildingsRequest(
                page=p, compound_id=compound, include_archived=include_archived
            ),
            "buildings",
            limit,
        )
        if as_json:
            return _json(found)
        names = c.compound_names()
    rows = [
        (
            names.get(b.compound_id, b.compound_id),
            b.id,
            b.name,
            b.leader_name,
            b.leader_subject,
            _yes(b.archived),
        )
        for b in found
    ]
    _table(f"楼栋（{len(found)}）", ("小区", "楼栋", "名称", "楼栋长", "楼栋长账号", "已归档"), rows)


@buildings.command("show", help="显示一栋楼")
def buildings_show(
    compound: str, building: str, as_json: bool = JSON, token: str = TOKEN, address: str = ADDRESS
) -> None:
    with Client(address, token) as c:
        b = c.call("GetBuilding", pb.GetBuildingRequest(compound_id=compound, building_id=building))
        if as_json:
            return output.print_json(MessageToDict(b, preserving_proto_field_name=True))
        name = c.compound_names().get(compound, compound)
    _details(
        f"{name} {b.name}",
        [
            ("小区", f"{name}（{compound}）"),
            ("楼栋", b.id),
            ("名称", b.name),
            ("楼栋长", b.leader_name),
            ("楼栋长账号", b.leader_subject),
            ("已归档", _yes(b.archived)),
            ("版本", b.version),
        ],
    )


@buildings.command("edit", help="修改楼栋（只改给出的项）")
def buildings_edit(
    compound: str,
    building: str,
    name: str | None = typer.Option(None, "--name", help="名称"),
    leader_name: str | None = typer.Option(None, "--leader-name", help="楼栋长姓名"),
    leader_subject: str | None = typer.Option(None, "--leader-subject", help="楼栋长账号（空串：清除）"),
    archived: bool | None = typer.Option(None, "--archive/--restore", help="归档或恢复"),
    allow_removals: bool = REMOVALS,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with Client(address, token) as c:
        b = c.call("GetBuilding", pb.GetBuildingRequest(compound_id=compound, building_id=building))
        removes = []
        if archived and not b.archived:
            removes.append(f"归档楼栋 {compound}/{building}")
        if leader_subject is not None and b.leader_subject and leader_subject != b.leader_subject:
            removes.append(f"楼栋长的登录关联（{b.leader_subject}）")
        _refuse_removal(removes, allow_removals)
        saved = c.call(
            "UpsertBuilding",
            pb.UpsertBuildingRequest(
                request_id=_rid(),
                compound_id=compound,
                building_id=building,
                name=b.name if name is None else name,
                leader_name=b.leader_name if leader_name is None else leader_name,
                leader_subject=b.leader_subject if leader_subject is None else leader_subject,
                archived=b.archived if archived is None else archived,
            ),
            "楼栋未修改",
        )
    _saved(saved, b.version, as_json, f"楼栋 {compound}/{building}")


def _saved(record, before_version: int, as_json: bool, what: str) -> None:
    if as_json:
        return output.print_json(MessageToDict(record, preserving_proto_field_name=True))
    if record.version == before_version:
        output.console.print(Text(f"{what} 没有变化。"))
    else:
        output.console.print(Text(f"✓ 已修改 {what}（版本 {record.version}）", style="green"))


# -- households -------------------------------------------------------------------------------------
def _residents(h: pb.Household) -> str:
    return "；".join(
        f"{r.name}"
        + (f" {r.phone}" if r.phone else "")
        + (f" {TENURE_NAMES[TENURES[r.tenure]]}" if r.tenure else "")
        + (f"（{r.subject}）" if r.subject else "")
        for r in h.residents
    )


@households.command("list", help="列出住户（可按小区、楼栋筛选）")
def households_list(
    compound: str = typer.Option("", "--compound", help="小区 ID"),
    building: str = typer.Option("", "--building", help="楼栋 ID"),
    include_archived: bool = ALL,
    limit: int = LIMIT,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with Client(address, token) as c:
        found = c.pages(
            "ListHouseholds",
            lambda p: pb.ListHouseholdsRequest(
                page=p, compound_id=compound, building_id=building, include_archived=include_archived
            ),
            "households",
            limit,
        )
        if as_json:
            return _json(found)
        names = c.compound_names()
    rows = [
        (
            names.get(h.compound_id, h.compound_id),
            h.building_id,
            h.id,
            h.label,
            f"{h.area_centi_m2 / 100:.2f}",
            _residents(h),
            _yes(h.archived),
        )
        for h in found
    ]
    _table(f"住户（{len(found)}）", ("小区", "楼栋", "户号", "门牌", "面积（m²）", "住户", "已归档"), rows)


@households.command("show", help="显示一户")
def households_show(
    compound: str, household: str, as_json: bool = JSON, token: str = TOKEN, address: str = ADDRESS
) -> None:
    with Client(address, token) as c:
        h = c.call("GetHousehold", pb.GetHouseholdRequest(compound_id=compound, household_id=household))
        if as_json:
            return output.print_json(MessageToDict(h, preserving_proto_field_name=True))
        name = c.compound_names().get(compound, compound)
    _details(
        f"{name} {h.label or h.id}",
        [
            ("小区", f"{name}（{compound}）"),
            ("楼栋", h.building_id),
            ("户号", h.id),
            ("门牌", h.label),
            ("面积（m²）", f"{h.area_centi_m2 / 100:.2f}"),
            ("住户", _residents(h)),
            ("已归档", _yes(h.archived)),
            ("版本", h.version),
        ],
    )


@households.command("edit", help="修改住户（只改给出的项；--residents 整体替换住户名单）")
def households_edit(
    compound: str,
    household: str,
    building: str | None = typer.Option(None, "--building", help="楼栋 ID"),
    label: str | None = typer.Option(None, "--label", help="门牌，如 3栋1单元502"),
    area: str | None = typer.Option(None, "--area", help="面积（m²，最多两位小数）"),
    residents: str | None = typer.Option(
        None, "--residents", help="住户：姓名:电话:owner|renter[:账号]，多人以 ; 分隔"
    ),
    archived: bool | None = typer.Option(None, "--archive/--restore", help="归档或恢复"),
    allow_removals: bool = REMOVALS,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    try:
        area_centi = None if area is None else parse_area(area)
        people = None if residents is None else parse_residents(residents)
    except ValueError as exc:
        output.fail(str(exc), output.USAGE)
    with Client(address, token) as c:
        h = c.call("GetHousehold", pb.GetHouseholdRequest(compound_id=compound, household_id=household))
        if h.phones_masked:
            output.fail("你的角色看到的电话号码是打码的，不能修改住户（需社区工作人员或区管理员）。")
        current = [
            pb.Resident(name=r.name, phone=r.phone, tenure=r.tenure, subject=r.subject) for r in h.residents
        ]
        new = (
            current
            if people is None
            else [
                pb.Resident(name=n, phone=p, tenure=TENURE_OF.get(t, 0), subject=s) for n, p, t, s in people
            ]
        )
        kept = {r.subject for r in new if r.subject}
        removes = [
            f"住户「{r.name}」的登录关联（{r.subject}）"
            for r in current
            if r.subject and r.subject not in kept
        ]
        if archived and not h.archived:
            removes.append(f"归档住户 {compound}/{household}")
        _refuse_removal(removes, allow_removals)
        saved = c.call(
            "UpsertHousehold",
            pb.UpsertHouseholdRequest(
                request_id=_rid(),
                compound_id=compound,
                household_id=household,
                building_id=h.building_id if building is None else building,
                label=h.label if label is None else label,
                area_centi_m2=h.area_centi_m2 if area_centi is None else area_centi,
                residents=new,
                archived=h.archived if archived is None else archived,
            ),
            "住户未修改",
        )
    _saved(saved, h.version, as_json, f"住户 {compound}/{household}")


# -- property contracts and firms --------------------------------------------------------------------
def _contracts(
    c: Client, compound: str = "", firm: str = "", limit: int = 100_000
) -> list[pb.PropertyContract]:
    return c.pages(
        "ListPropertyContracts",
        lambda p: pb.ListPropertyContractsRequest(page=p, compound_id=compound, org_id=firm),
        "contracts",
        limit,
    )


def _contract_rows(found, names) -> list[tuple]:
    return [
        (
            k.org_name,
            names.get(k.compound_id, k.compound_id),
            "、".join(k.services) or "全部",
            k.starts_on,
            k.ends_on or "—",
            k.contact,
            _yes(k.active),
        )
        for k in found
    ]


CONTRACT_COLUMNS = ("物业企业", "小区", "服务类别", "开始", "结束", "联系方式", "有效")


@contracts.command("list", help="列出物业合同（可按小区、企业筛选）")
def contracts_list(
    compound: str = typer.Option("", "--compound", help="小区 ID"),
    firm: str = typer.Option("", "--firm", help="物业企业 ID"),
    limit: int = LIMIT,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with Client(address, token) as c:
        found = _contracts(c, compound, firm, limit)
        if as_json:
            return _json(found)
        names = c.compound_names()
    _table(f"物业合同（{len(found)}）", CONTRACT_COLUMNS, _contract_rows(found, names))


def _one_contract(c: Client, firm: str, compound: str) -> pb.PropertyContract:
    found = _contracts(c, compound, firm)
    if not found:
        output.fail(f"未找到：物业企业 {firm} 在小区 {compound} 没有合同")
    return found[0]


@contracts.command("show", help="显示一份物业合同")
def contracts_show(
    firm: str, compound: str, as_json: bool = JSON, token: str = TOKEN, address: str = ADDRESS
):
    with Client(address, token) as c:
        k = _one_contract(c, firm, compound)
        if as_json:
            return output.print_json(MessageToDict(k, preserving_proto_field_name=True))
        names = c.compound_names()
    row = _contract_rows([k], names)[0]
    _details(f"{k.org_name} · {row[1]}", [*zip(CONTRACT_COLUMNS, row, strict=True), ("版本", k.version)])


@contracts.command("edit", help="修改物业合同（只改给出的项；--end 终止合同）")
def contracts_edit(
    firm: str,
    compound: str,
    services: str | None = typer.Option(None, "--services", help="服务类别，逗号分隔（空串：全部）"),
    ends_on: str | None = typer.Option(None, "--ends-on", help="结束日期 YYYY-MM-DD（空串：不限）"),
    contact: str | None = typer.Option(None, "--contact", help="联系方式"),
    active: bool | None = typer.Option(None, "--resume/--end", help="恢复或终止合同"),
    allow_removals: bool = REMOVALS,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with Client(address, token) as c:
        k = _one_contract(c, firm, compound)
        _refuse_removal(
            [f"终止物业合同 {firm}@{compound}"] if active is False and k.active else [], allow_removals
        )
        saved = c.call(
            "UpsertPropertyContract",
            pb.UpsertPropertyContractRequest(
                request_id=_rid(),
                org_id=firm,
                compound_id=compound,
                services=list(k.services)
                if services is None
                else [s.strip() for s in services.split(",") if s.strip()],
                starts_on=k.starts_on,
                ends_on=k.ends_on if ends_on is None else ends_on,
                contact=k.contact if contact is None else contact,
                active=k.active if active is None else active,
            ),
            "合同未修改",
        )
    _saved(saved, k.version, as_json, f"物业合同 {firm}@{compound}")


@firms.command("list", help="列出在本区有合同的物业企业")
def firms_list(as_json: bool = JSON, token: str = TOKEN, address: str = ADDRESS) -> None:
    with Client(address, token) as c:
        found = _contracts(c)
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
    _table(f"物业企业（{len(listed)}）", ("名称", "ID", "服务的小区", "有效合同"), rows)


@firms.command("show", help="显示一家物业企业在本区的合同")
def firms_show(firm: str, as_json: bool = JSON, token: str = TOKEN, address: str = ADDRESS) -> None:
    with Client(address, token) as c:
        found = _contracts(c, firm=firm)
        if as_json:
            return _json(found)
        if not found:
            output.fail(f"未找到：物业企业 {firm} 在本区没有合同")
        names = c.compound_names()
    _table(
        f"{found[0].org_name}（{firm}）的合同（{len(found)}）", CONTRACT_COLUMNS, _contract_rows(found, names)
    )


@firms.command("register", help="登记一家物业企业（全平台一次；已登记的保持平台的名称）")
def firms_register(
    firm: str,
    name: str,
    contact: str = typer.Option("", "--contact", help="联系方式"),
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with Client(address, token) as c:
        saved = c.call(
            "RegisterPropertyFirm",
            pb.RegisterPropertyFirmRequest(request_id=_rid(), org_id=firm, name=name, contact=contact),
            "物业企业未登记",
        )
    if as_json:
        return output.print_json(MessageToDict(saved, preserving_proto_field_name=True))
    output.console.print(Text(f"✓ 物业企业 {saved.name}（{saved.org_id}）已登记", style="green"))
    if saved.name != name:
        output.console.print(Text(f"  该企业已由平台登记为「{saved.name}」；更名请联系平台运维。"))


# -- role grants -------------------------------------------------------------------------------------
@grants.command("list", help="列出角色授权（可按账号、组织筛选）")
def grants_list(
    subject: str = typer.Option("", "--subject", help="账号"),
    org: str = typer.Option("", "--org", help="组织 ID"),
    limit: int = LIMIT,
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with Client(address, token) as c:
        found = c.pages(
            "ListRoleGrants",
            lambda p: pb.ListRoleGrantsRequest(page=p, subject=subject, org_id=org),
            "grants",
            limit,
        )
    if as_json:
        return _json(found)
    rows = [(g.subject, g.role, g.org_id or "—", _yes(g.active), g.granted_by) for g in found]
    _table(f"角色授权（{len(found)}）", ("账号", "角色", "组织", "有效", "授权人"), rows)


def _grant(method: str, subject: str, role: str, org: str, token: str, address: str, as_json: bool) -> None:
    request_type = pb.GrantRoleRequest if method == "GrantRole" else pb.RevokeRoleRequest
    with Client(address, token) as c:
        saved = c.call(method, request_type(request_id=_rid(), subject=subject, role=role, org_id=org))
    if as_json:
        return output.print_json(MessageToDict(saved, preserving_proto_field_name=True))
    state = "有效" if saved.active else "已撤销"
    output.console.print(
        Text(f"✓ {subject} 的 {role} 角色{f'（组织 {org}）' if org else ''}：{state}", style="green")
    )


@grants.command("grant", help="授予角色")
def grants_grant(
    subject: str,
    role: str,
    org: str = typer.Option("", "--org", help="组织 ID（物业企业、志愿队等）"),
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    _grant("GrantRole", subject, role, org, token, address, as_json)


@grants.command("revoke", help="撤销角色")
def grants_revoke(
    subject: str,
    role: str,
    org: str = typer.Option("", "--org", help="组织 ID"),
    as_json: bool = JSON,
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    _grant("RevokeRole", subject, role, org, token, address, as_json)


@grants.command("token", help="为有效授权签发令牌（如物业企业接单用）")
def grants_token(
    subject: str,
    role: str,
    org: str = typer.Option("", "--org", help="组织 ID"),
    ttl: int = typer.Option(0, "--ttl", min=0, max=2592000, help="有效期（秒），默认服务的设置"),
    token: str = TOKEN,
    address: str = ADDRESS,
) -> None:
    with Client(address, token) as c:
        grant = c.call(
            "IssueGrantToken",
            pb.IssueGrantTokenRequest(subject=subject, role=role, org_id=org, ttl_seconds=ttl),
            "未能签发令牌",
        )
    typer.echo(grant.token)
