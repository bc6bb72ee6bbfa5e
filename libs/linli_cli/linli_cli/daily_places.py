"""`linli buildings list|show|edit` and `linli households list|show|edit`: each kind declared once
(its RPCs, columns, options and what counts as a removal), the commands built by daily_commands.py."""

from __future__ import annotations

import typer
from linli.communities.v1 import communities_pb2 as pb

from linli_cli import output
from linli_cli.daily_client import ALL
from linli_cli.daily_commands import (
    COMPOUND,
    Edit,
    Kind,
    Listing,
    archived_column,
    compound_name,
    compound_with_id,
    edit_command,
    getter,
    list_command,
    show_command,
    text_option,
)
from linli_cli.onboard_files import parse_area, parse_residents
from linli_cli.onboard_request import residents

TENURES = {pb.TENURE_OWNER: "owner", pb.TENURE_RENTER: "renter", pb.TENURE_UNSPECIFIED: ""}
TENURE_NAMES = {"owner": "业主", "renter": "租户", "": ""}
ARCHIVED = (bool | None, typer.Option(None, "--archive/--restore", help="归档或恢复"))

buildings = typer.Typer(help="楼栋：list | show | edit", no_args_is_help=True)
households = typer.Typer(help="住户：list | show | edit", no_args_is_help=True)


# -- buildings --------------------------------------------------------------------------------------
BUILDING_FIELDS = (
    ("楼栋", "id"),
    ("名称", "name"),
    ("楼栋长", "leader_name"),
    ("楼栋长账号", "leader_subject"),
    ("已归档", archived_column),
)
BUILDING = Kind(
    buildings,
    "楼栋",
    Listing("ListBuildings", pb.ListBuildingsRequest, "buildings"),
    columns=(("小区", compound_name), *BUILDING_FIELDS),
    details=(("小区", compound_with_id), *BUILDING_FIELDS),
    keys={"compound": "compound_id", "building": "building_id"},
    fetch=getter("GetBuilding", pb.GetBuildingRequest),
)


def _building_removes(b: pb.Building, given: dict, compound: str, building: str) -> list[str]:
    removes = []
    if given["archived"] and not b.archived:
        removes.append(f"归档楼栋 {compound}/{building}")
    subject = given["leader_subject"]
    if subject is not None and b.leader_subject and subject != b.leader_subject:
        removes.append(f"楼栋长的登录关联（{b.leader_subject}）")
    return removes


list_command(BUILDING, "列出楼栋（可按小区筛选）", {"compound_id": COMPOUND, "include_archived": (bool, ALL)})
show_command(BUILDING, "显示一栋楼", lambda b, name: f"{name} {b.name}")
edit_command(
    BUILDING,
    "修改楼栋（只改给出的项）",
    Edit(
        "UpsertBuilding",
        pb.UpsertBuildingRequest,
        {
            "name": text_option("名称", "--name"),
            "leader_name": text_option("楼栋长姓名", "--leader-name"),
            "leader_subject": text_option("楼栋长账号（空串：清除）", "--leader-subject"),
            "archived": ARCHIVED,
        },
        what="楼栋 {compound}/{building}",
        failed="楼栋未修改",
        removes=_building_removes,
    ),
)


# -- households -------------------------------------------------------------------------------------
def _residents(h: pb.Household, names=None) -> str:
    return "；".join(
        f"{r.name}"
        + (f" {r.phone}" if r.phone else "")
        + (f" {TENURE_NAMES[TENURES[r.tenure]]}" if r.tenure else "")
        + (f"（{r.subject}）" if r.subject else "")
        for r in h.residents
    )


def _area(h: pb.Household, names) -> str:
    return f"{h.area_centi_m2 / 100:.2f}"


def _parse_residents(text: str) -> list[pb.Resident]:
    return residents(parse_residents(text))


def _not_masked(h: pb.Household) -> None:
    if h.phones_masked:
        output.fail("你的角色看到的电话号码是打码的，不能修改住户（需社区工作人员或区管理员）。")


def _household_removes(h: pb.Household, given: dict, compound: str, household: str) -> list[str]:
    new = h.residents if given["residents"] is None else given["residents"]
    kept = {r.subject for r in new if r.subject}
    removes = [
        f"住户「{r.name}」的登录关联（{r.subject}）"
        for r in h.residents
        if r.subject and r.subject not in kept
    ]
    if given["archived"] and not h.archived:
        removes.append(f"归档住户 {compound}/{household}")
    return removes


HOUSEHOLD_FIELDS = (
    ("楼栋", "building_id"),
    ("户号", "id"),
    ("门牌", "label"),
    ("面积（m²）", _area),
    ("住户", _residents),
    ("已归档", archived_column),
)
HOUSEHOLD = Kind(
    households,
    "住户",
    Listing("ListHouseholds", pb.ListHouseholdsRequest, "households"),
    columns=(("小区", compound_name), *HOUSEHOLD_FIELDS),
    details=(("小区", compound_with_id), *HOUSEHOLD_FIELDS),
    keys={"compound": "compound_id", "household": "household_id"},
    fetch=getter("GetHousehold", pb.GetHouseholdRequest),
)
list_command(
    HOUSEHOLD,
    "列出住户（可按小区、楼栋筛选）",
    {
        "compound_id": COMPOUND,
        "building_id": (str, typer.Option("", "--building", help="楼栋 ID")),
        "include_archived": (bool, ALL),
    },
)
show_command(HOUSEHOLD, "显示一户", lambda h, name: f"{name} {h.label or h.id}")
edit_command(
    HOUSEHOLD,
    "修改住户（只改给出的项；--residents 整体替换住户名单）",
    Edit(
        "UpsertHousehold",
        pb.UpsertHouseholdRequest,
        {
            "building_id": text_option("楼栋 ID", "--building"),
            "label": text_option("门牌，如 3栋1单元502", "--label"),
            "area_centi_m2": text_option("面积（m²，最多两位小数）", "--area"),
            "residents": text_option("住户：姓名:电话:owner|renter[:账号]，多人以 ; 分隔", "--residents"),
            "archived": ARCHIVED,
        },
        what="住户 {compound}/{household}",
        failed="住户未修改",
        removes=_household_removes,
        parse={"area_centi_m2": parse_area, "residents": _parse_residents},
        check=_not_masked,
    ),
)
