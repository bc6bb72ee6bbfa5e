"""`linli onboard` is all or nothing, on the real database: a file with any problem — the corrupting
file of issue 15, a truncated YAML, a CSV line with a wrong column count, a duplicate household, a
dropped login link without --allow-removals — leaves every collection exactly as it was (compared
document by document, every field); a valid file run again writes nothing at all."""

from __future__ import annotations

import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_cli.demo import DEMO_DIR
from linli_cli.main import app
from linli_communities.entrypoints.grpc_api import specs
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import bearer, make_token
from mongoengine.connection import get_db
from typer.testing import CliRunner

pytestmark = pytest.mark.integration
HEADER = "compound_id,building_id,household_id,label,area_m2,residents\n"
HANYANG = (DEMO_DIR / "hanyang.yaml").read_text(encoding="utf-8")
ROWS = (
    "jinjiang,1,1-1-101,1栋1单元101室,75.69,杨勇:13002243746:owner:resident@hanyang;李红::renter\n"
    "jinjiang,1,1-1-102,1栋1单元102室,80,王五:13812345678:owner\n"
    "jinjiang,2,2-1-101,2栋1单元101室,66.5,赵六::owner\n"
)


@pytest.fixture
def address(mongo_db):
    running = build_server(mongo_db, specs(mongo_db), port=0)
    yield f"127.0.0.1:{running.port}"
    running.drain(0)


@pytest.fixture
def district(address, tmp_path):
    """汉阳区 created and onboarded from the demo YAML with three households."""
    with grpc.insecure_channel(address) as channel:
        pb_grpc.CommunitiesServiceStub(channel).CreateTenant(
            pb.CreateTenantRequest(request_id=uuid.uuid4().hex, tenant_id="hanyang", name="汉阳区"),
            metadata=bearer(make_token("platform", "platform_admin")),
        )
    token = make_token("hanyang", "district_admin")
    good = write(tmp_path, "good.yaml", HANYANG, ROWS)
    first = onboard(address, token, good)
    assert first.exit_code == 0, first.output
    return token


def write(tmp_path, name: str, yaml_text: str, rows: str) -> list[str]:
    spec = tmp_path / name
    spec.write_text(yaml_text.replace("households: hanyang-households.csv\n", ""), encoding="utf-8")
    csv = tmp_path / f"{name}.csv"
    csv.write_text(HEADER + rows, encoding="utf-8")
    return [str(spec), "--households", str(csv)]


def onboard(address: str, token: str, args: list[str], *extra: str):
    command = ["onboard", *args, "--address", address, *extra]
    return CliRunner().invoke(app, command, env={"LINLI_TOKEN": token, "COLUMNS": "200"})


def database() -> dict[str, list]:
    """Every document of every collection, every field."""
    db = get_db()
    return {name: sorted(map(repr, db[name].find())) for name in sorted(db.list_collection_names())}


REFERENCE_ONLY = (
    HANYANG.replace("    street: 鹦鹉街道\n", "")
    .replace("        address: 汉阳区鹦鹉街道杨泗社区金江公寓（1998年建成）\n", "")
    .replace(
        "property_firms:\n",
        "property_firms:\n  - id: wuming\n    name: 无名物业\n    contracts:\n"
        "      - {compound: nosuch, starts_on: '2025-01-01'}\n",
    )
)
CORRUPTING = REFERENCE_ONLY.replace("        buildings: 10\n", "        buildings: many\n")


def test_the_corrupting_file_of_the_issue_changes_nothing(address, district, tmp_path):
    before = database()
    args = write(tmp_path, "bad.yaml", CORRUPTING, ROWS)
    result = onboard(address, district, args)
    assert result.exit_code == 1, result.output
    line = (tmp_path / "bad.yaml").read_text(encoding="utf-8").splitlines().index(
        "        buildings: many"
    ) + 1
    assert (
        f"communities[1].compounds[0].buildings（第 {line} 行）" in result.output
        and "'many'" in result.output
    )
    assert database() == before
    # the same with valid types: the contract's missing compound is found by the server, by path and line
    result = onboard(address, district, write(tmp_path, "ref.yaml", REFERENCE_ONLY, ROWS))
    assert result.exit_code == 1, result.output
    assert "property_firms[0].contracts[0].compound" in result.output and "nosuch" in result.output
    assert "什么也没有写入" in result.output
    assert database() == before


def test_fields_left_out_keep_their_stored_values(address, district, tmp_path):
    kept = HANYANG.replace("    street: 鹦鹉街道\n", "").replace(
        "        address: 汉阳区鹦鹉街道杨泗社区金江公寓（1998年建成）\n", ""
    )
    before = database()
    result = onboard(address, district, write(tmp_path, "kept.yaml", kept, ROWS))
    assert result.exit_code == 0, result.output
    assert database() == before
    cleared = kept.replace("    name: 杨泗社区\n", "    name: 杨泗社区\n    street: null\n")
    result = onboard(address, district, write(tmp_path, "cleared.yaml", cleared, ROWS))
    assert result.exit_code == 0, result.output
    assert "street: 鹦鹉街道 → （空）" in result.output
    assert get_db()["communities"].find_one({"community_id": "yangsi"})["street"] == ""
    assert get_db()["compounds"].find_one({"compound_id": "jinjiang"})["address"].startswith("汉阳区")


def test_a_truncated_yaml_changes_nothing(address, district, tmp_path):
    cut = HANYANG[: HANYANG.index('{id: "3"') + 12]  # ends inside a flow mapping
    before = database()
    result = onboard(address, district, write(tmp_path, "cut.yaml", cut, ROWS))
    assert result.exit_code == 1, result.output
    assert "不是有效的 YAML" in result.output and "不完整" in result.output
    assert database() == before


def test_a_csv_line_with_a_wrong_column_count_changes_nothing(address, district, tmp_path):
    rows = ROWS.replace("66.5,赵六::owner", "66.5,赵六::owner,多余") + "jinjiang,2,2-1-102,,70,新住户\n"
    before = database()
    result = onboard(address, district, write(tmp_path, "cols.yaml", HANYANG, rows))
    assert result.exit_code == 1, result.output
    assert "应有 6 列，实有 7 列" in result.output
    assert database() == before


def test_a_duplicate_household_changes_nothing(address, district, tmp_path):
    rows = ROWS + "jinjiang,2,2-1-102,,70,新住户\njinjiang,2,2-1-102,,71,新住户\n"
    before = database()
    result = onboard(address, district, write(tmp_path, "dup.yaml", HANYANG, rows))
    assert result.exit_code == 1, result.output
    assert "重复的住户" in result.output
    assert database() == before


def test_running_a_valid_file_again_changes_nothing_at_all(address, district, tmp_path):
    before = database()
    result = onboard(address, district, write(tmp_path, "good.yaml", HANYANG, ROWS))
    assert result.exit_code == 0, result.output
    assert database() == before  # not even an idempotency record: nothing was sent to write


def test_dropping_a_login_link_is_refused_without_allow_removals(address, district, tmp_path):
    dropped = ROWS.replace(":owner:resident@hanyang;", ":owner;")
    before = database()
    args = write(tmp_path, "drop.yaml", HANYANG, dropped)
    refused = onboard(address, district, args)
    assert refused.exit_code == 1, refused.output
    assert "登录关联" in refused.output and "resident@hanyang" in refused.output
    assert "--allow-removals" in refused.output
    assert database() == before
    allowed = onboard(address, district, args, "--allow-removals")
    assert allowed.exit_code == 0, allowed.output
    household = get_db()["households"].find_one({"household_id": "1-1-101"})
    assert [r["subject"] for r in household["residents"]] == ["", ""]


def test_the_file_archives_buildings_households_and_contracts(address, district, tmp_path):
    archiving = (
        HANYANG.replace(
            '{id: "4", name: 4栋, leader_name: 杨秀兰}', '{id: "4", name: 4栋, archived: true}'
        ).replace(
            '        starts_on: "2023-06-30"\n', '        starts_on: "2023-06-30"\n        archived: true\n'
        )
        + "archive:\n  households: [jinjiang/2-1-101]\n"
    )
    rows = ROWS.replace("jinjiang,2,2-1-101,2栋1单元101室,66.5,赵六::owner\n", "")
    args = write(tmp_path, "archive.yaml", archiving, rows)
    before = database()
    dry = onboard(address, district, args, "--dry-run")
    assert dry.exit_code == 1 and "归档楼栋 jinjiang/4" in dry.output and "--allow-removals" in dry.output
    assert database() == before
    done = onboard(address, district, args, "--allow-removals")
    assert done.exit_code == 0, done.output
    db = get_db()
    assert db["buildings"].find_one({"compound_id": "jinjiang", "building_id": "4"})["archived"] is True
    assert db["households"].find_one({"household_id": "2-1-101"})["archived"] is True
    assert db["property_contracts"].find_one({"org_id": "zhaoshang"})["active"] is False
    after = database()
    again = onboard(address, district, args, "--allow-removals")
    assert again.exit_code == 0 and database() == after


def test_a_district_that_does_not_exist_says_how_to_create_it(address, tmp_path):
    result = onboard(
        address, make_token("hanyang", "district_admin"), write(tmp_path, "x.yaml", HANYANG, ROWS)
    )
    assert result.exit_code == 1, result.output
    assert "尚未创建" in result.output and "linli district create hanyang 汉阳区" in result.output
