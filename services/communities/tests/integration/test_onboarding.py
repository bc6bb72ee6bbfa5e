"""`linli onboard` against the communities API on the real database: idempotent, row-level reports,
and a run killed half way then started again ends with every row exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_cli import onboard
from linli_cli.demo import DEMO_DIR
from linli_cli.onboard_files import load_yaml
from linli_communities.entrypoints.grpc_api import specs
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until
from mongoengine.connection import get_db

pytestmark = pytest.mark.integration
COLLECTIONS = (
    "communities",
    "compounds",
    "buildings",
    "households",
    "organisations",
    "property_contracts",
    "property_firms",
)
HEADER = "compound_id,building_id,household_id,label,area_m2,residents\n"


@pytest.fixture
def address(mongo_db):
    running = build_server(mongo_db, specs(mongo_db), port=0)
    yield f"127.0.0.1:{running.port}"
    running.drain(0)


def create_district(address: str, tenant: str, name: str = "汉阳区") -> str:
    with grpc.insecure_channel(address) as channel:
        pb_grpc.CommunitiesServiceStub(channel).CreateTenant(
            pb.CreateTenantRequest(request_id=uuid.uuid4().hex, tenant_id=tenant, name=name),
            metadata=bearer(make_token("platform", "platform_admin")),
        )
    return make_token(tenant, "district_admin")


def snapshot() -> dict[str, list]:
    hidden = {"_id": 0, "outbox": 0, "created_at": 0, "registered_at": 0}
    return {name: sorted((get_db()[name].find({}, hidden)), key=repr) for name in COLLECTIONS}


def test_onboarding_the_same_files_twice_leaves_identical_data(address):
    token = create_district(address, "hanyang")
    spec = load_yaml(DEMO_DIR / "hanyang.yaml")
    csv_path = DEMO_DIR / spec.households
    first = onboard.run(address, token, spec, csv_path)
    assert first.households["新增"] == 764 and not first.rejected
    before = snapshot()
    second = onboard.run(address, token, spec, csv_path)
    assert second.households["未变"] == 764 and second.households["新增"] == second.households["更新"] == 0
    assert snapshot() == before
    assert get_db()["households"].count_documents({"version": 1}) == 764
    assert get_db()["compounds"].find_one({"compound_id": "jinjiang"})["community"] == "杨泗社区"
    contract = get_db()["property_contracts"].find_one({"org_id": "shimao"})
    assert contract["compound_id"] == "jinjiang" and contract["tenant_id"] == "hanyang"


def test_bad_rows_are_listed_by_line_and_nothing_is_written(address, tmp_path):
    token = create_district(address, "hanyang")
    spec = load_yaml(DEMO_DIR / "hanyang.yaml")
    onboard.run(address, token, spec, None)
    lines = [
        HEADER.encode(),
        "jinjiang,1,1-1-101,1栋101,86.50,张三:13812345678:owner\n".encode(),  # 2 good
        "jinjiang,1,1-1-102,1栋102,abc,\n".encode(),  # 3 area not a number
        "jinjiang,1,1-1-103,1栋103,0,\n".encode(),  # 4 area zero
        "jinjiang,1,1-1-104,1栋104,99999,\n".encode(),  # 5 area too large
        "jinjiang,9,1-9-101,9栋101,80,\n".encode(),  # 6 unknown building
        "jinjiang,1,1-1-101,1栋101,86.50,\n".encode(),  # 7 duplicate of line 2
        "jinjiang,1,1-1-105,1栋105室,80,王五\n".encode("gbk"),  # 8 broken encoding
        "jinjiang,2,2-1-101,2栋101,70.25,李四::renter\n".encode(),  # 9 good
        "jinjiang,2,2-1-102,2栋102,70.251,\n".encode(),  # 10 three decimals
    ]
    csv_path = tmp_path / "bad.csv"
    csv_path.write_bytes(b"".join(lines))
    report = onboard.run(address, token, spec, csv_path)
    reasons = {bad.line: bad.reason for bad in report.rejected}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 10]
    assert "不是数字" in reasons[3] and "大于 0" in reasons[4] and "超过上限" in reasons[5]
    assert "未知楼栋" in reasons[6] and "与第 2 行相同" in reasons[7] and "UTF-8" in reasons[8]
    assert "两位小数" in reasons[10]
    assert report.households["新增"] == 2 and report.blocked and not report.applied  # judged, not written
    assert get_db()["households"].count_documents({}) == 0


def test_a_token_of_another_district_is_refused_before_anything_is_written(address):
    create_district(address, "hanyang")
    other = create_district(address, "xingshan", "兴山区")
    spec = load_yaml(DEMO_DIR / "hanyang.yaml")
    with pytest.raises(ValueError, match="xingshan"):
        onboard.run(address, other, spec, DEMO_DIR / spec.households)
    assert all(get_db()[name].count_documents({}) == 0 for name in COLLECTIONS)


def test_a_dry_run_judges_everything_and_writes_nothing(address):
    token = create_district(address, "hanyang")
    spec = load_yaml(DEMO_DIR / "hanyang.yaml")
    report = onboard.run(address, token, spec, DEMO_DIR / spec.households, dry_run=True)
    assert report.households["新增"] == 764 and not report.rejected
    assert all(get_db()[name].count_documents({}) == 0 for name in COLLECTIONS)


def test_a_run_killed_half_way_and_started_again_ends_with_every_row_exactly_once(address, tmp_path):
    token = create_district(address, "hanyang")
    spec_path = DEMO_DIR / "hanyang.yaml"
    total = 30_000
    csv_path = tmp_path / "many.csv"
    with csv_path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(total):
            out.write(f"jiangshan-heyue,{n % 10 + 1},{n % 10 + 1}-{n // 10}-1,,{60 + n % 50}.5,住户{n}\n")
    command = [
        sys.executable,
        "-m",
        "linli_cli.main",
        "onboard",
        str(spec_path),
        "--households",
        str(csv_path),
        "--address",
        address,
        "--batch-size",
        "100",
    ]
    env = {**os.environ, "LINLI_TOKEN": token}
    households = get_db()["households"]
    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(
        lambda: households.count_documents({}) >= 2_000, 180, "the first run to judge all rows and write some"
    )
    first.send_signal(signal.SIGKILL)
    first.wait()
    written = households.count_documents({})
    assert 0 < written < total, "the first run must be killed half way"

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stdout + second.stderr
    assert households.count_documents({}) == total
    keys = households.distinct("household_id", {"compound_id": "jiangshan-heyue"})
    assert len(keys) == total
    # exactly one version and one HouseholdUpserted event per household: nothing was written twice
    assert households.count_documents({"version": 1, "outbox": {"$size": 1}}) == total


class ListPublisher:
    def __init__(self):
        self.sent: list[tuple[str, str, bytes]] = []

    def publish(self, topic: str, key: str, value: bytes, headers=None) -> None:
        self.sent.append((topic, key, value))


def test_onboarding_publishes_each_record_once_through_the_outbox(address):
    from collections import Counter  # noqa: PLC0415

    from linli_communities.adapters.outbox import OUTBOX_DOCUMENTS  # noqa: PLC0415
    from linli_platform.events import decode, unpack  # noqa: PLC0415
    from linli_platform.outbox import OutboxRelay  # noqa: PLC0415

    token = create_district(address, "hanyang")
    spec = load_yaml(DEMO_DIR / "hanyang.yaml")
    onboard.run(address, token, spec, DEMO_DIR / spec.households)
    publisher = ListPublisher()
    relay = OutboxRelay(OUTBOX_DOCUMENTS, publisher, batch=10_000)
    while relay.run_once():
        pass
    types = Counter(decode(value).type.rsplit(".", 1)[1] for _, _, value in publisher.sent)
    assert types == {
        "TenantCreated": 1,
        "CommunityUpserted": 2,
        "CompoundUpserted": 2,
        "BuildingUpserted": 14,
        "HouseholdUpserted": 764,
        "PropertyContractChanged": 2,
        "TeamUpserted": 5,
    }
    contract = next(
        unpack(decode(v))
        for t, _, v in publisher.sent
        if decode(v).type.endswith("ContractChanged") and unpack(decode(v)).org_id == "shimao"
    )
    assert (contract.compound_id, contract.org_name, contract.active) == ("jinjiang", "世茂物业", True)
    household = next(unpack(decode(v)) for t, k, v in publisher.sent if k == "hanyang:jinjiang/1-1-101")
    assert household.owner_subjects == ["resident@hanyang"] and household.area_centi_m2 > 0
    publisher.sent.clear()
    onboard.run(address, token, spec, DEMO_DIR / spec.households)
    assert relay.run_once() == 0 and publisher.sent == []


def test_the_command_prints_every_rejected_line_writes_nothing_and_exits_non_zero(address, tmp_path):
    from linli_cli.main import app  # noqa: PLC0415
    from typer.testing import CliRunner  # noqa: PLC0415

    token = create_district(address, "hanyang")
    csv_path = tmp_path / "h.csv"
    csv_path.write_text(
        HEADER + "jinjiang,1,1-1-101,,80,\njinjiang,7,7-1-101,,80,\njinjiang,1,1-1-102,,-3,\n",
        encoding="utf-8",
    )
    args = ["onboard", str(DEMO_DIR / "hanyang.yaml"), "--households", str(csv_path), "--address", address]
    result = CliRunner().invoke(app, args, env={"LINLI_TOKEN": token, "COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    assert "什么也没有写入" in result.output and "被拒绝的行（2）" in result.output
    assert "未知楼栋" in result.output and "面积必须大于 0" in result.output
    assert get_db()["households"].count_documents({}) == 0
    missing = CliRunner().invoke(app, args[:-2] + ["--address", address], env={"LINLI_TOKEN": ""})
    assert missing.exit_code == 2 and "缺少令牌" in missing.output


def test_a_changed_row_gets_a_new_version_and_event_and_keeps_its_care_tags(address, tmp_path):
    token = create_district(address, "hanyang")
    spec = load_yaml(DEMO_DIR / "hanyang.yaml")
    csv_path = tmp_path / "h.csv"
    csv_path.write_text(HEADER + "jinjiang,1,1-1-101,,80,张三:13812345678:owner\n", encoding="utf-8")
    onboard.run(address, token, spec, csv_path)
    get_db()["households"].update_one({"household_id": "1-1-101"}, {"$set": {"care_tags": ["yellow"]}})
    csv_path.write_text(HEADER + "jinjiang,1,1-1-101,,80.5,张三:13812345678:owner\n", encoding="utf-8")
    report = onboard.run(address, token, spec, csv_path)
    assert report.households["更新"] == 1
    doc = get_db()["households"].find_one({"household_id": "1-1-101"})
    assert (doc["version"], doc["area_centi_m2"], doc["care_tags"], len(doc["outbox"])) == (
        2,
        8050,
        ["yellow"],
        2,
    )
