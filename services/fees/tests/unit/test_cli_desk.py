"""`linli fees account|pay|prepay|refund|reverse|approve` against the servicer in-process (fakes
behind it): the figures a service desk prints, bad amounts, retries that record once, the second
approver, and roles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from linli_cli import fees_desk, fees_desk_client
from linli_cli.main import app
from linli_fees.entrypoints.grpc_api import specs
from linli_fees.service_layer import billing, payments
from linli_platform.config import Settings
from linli_platform.errors import Unavailable
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fixtures import make_token
from tenacity import wait_none
from typer.testing import CliRunner

from .helpers import CONFIG, NOW, district

STAFF_A = make_token("xingshan", "community_staff", "staff-a")
STAFF_B = make_token("xingshan", "community_staff", "staff-b")
RESIDENT = make_token("xingshan", "resident", "res-1")
# 5‱ a day after 6 days of grace: January's 19.19 元, due 01-15, owes 0.29 元 on 02-20 (test_late_fees.py)
CHARGING = {**CONFIG, "fees": {**CONFIG["fees"], "late_fee": {"per_day_basis_points": 5, "grace_days": 6}}}
T, C, H = "xingshan", "yuying-1", "101"
JANUARY = "yuying-1/101/property/2026-01"


class Desk:
    """A fees API on fakes, served in-process; `lose_answers` makes that many writes land and then
    answer UNAVAILABLE (the connection dropped after the store wrote), as a flaky network would."""

    def __init__(self, billed: bool):
        self.store, uows = district(CHARGING)
        self.lose_answers = 0
        self.uows = self._flaky(uows)
        if billed:
            run = billing.start_run(uows(T), "run", "fp", C, "2026-01", False, "staff", NOW)
            billing.run_to_end(uows, T, run.id, lambda: NOW)
        settings = Settings(service="fees", grpc_workers=2)
        self.running = build_server(
            settings,
            specs(settings, self.uows, clock=lambda: NOW, idempotency=FakeIdempotencyStore()),
            port=0,
        )
        self.address = f"127.0.0.1:{self.running.port}"

    def _flaky(self, uows):
        def make(tenant):
            uow = uows(tenant)
            commit = uow.commit

            def commit_then_lose_the_answer():
                commit()
                if self.lose_answers:
                    self.lose_answers -= 1
                    raise Unavailable("the connection dropped after the write")

            uow.commit = commit_then_lose_the_answer
            return uow

        return make

    def __call__(self, *args: str, token: str = STAFF_A, given: str = ""):
        return CliRunner().invoke(
            app,
            ["fees", *args, "--address", self.address],
            env={"LINLI_TOKEN": token, "COLUMNS": "200"},
            input=given,
        )

    def account(self, household: str = H):
        return payments.read_account(self.uows(T), C, household).account


@pytest.fixture
def billed():
    desk = Desk(billed=True)
    yield desk
    desk.running.drain(0)


@pytest.fixture
def fresh():
    desk = Desk(billed=False)
    yield desk
    desk.running.drain(0)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    """The retries' waiting is not what these tests judge: retry at once."""
    monkeypatch.setattr(fees_desk_client, "WAIT", wait_none())


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_account_shows_open_bills_with_todays_late_fee_arrears_and_names(billed):
    out = ok(billed("account", "--compound", C, "--household", H))
    assert "育英一小区 1栋101室 未缴账单（1 张）" in out
    row = next(line for line in out.splitlines() if "2026年1月" in line)
    assert re.search(r"物业费.*19\.19 元.*0\.00 元.*19\.19 元.*2026-01-15.*是.*0\.29 元.*" + JANUARY, row)
    assert re.search(r"其中欠费（已过到期日）\s*│\s*19\.19 元", out)
    assert re.search(r"今日结清另需滞纳金\s*│\s*0\.29 元", out)
    assert re.search(r"预存余额\s*│\s*0\.00 元", out) and "尚无收付记录" in out


def test_pay_prints_the_receipt_what_each_bill_got_the_late_fee_and_the_prepaid_rest(billed):
    out = ok(billed("pay", "--compound", C, "--household", H, "--amount", "20", "--method", "cash"))
    rid = re.search(r"如需重试，请加 --request-id (pay-[0-9a-f]{16})", out).group(1)
    assert "✓ 收据 yuying-1-101-0001：育英一小区 1栋101室" in out
    assert "收款 20.00 元（现金）  2026-02-20 12:00  经办 staff-a" in out  # 04:00 UTC in Shanghai
    assert re.search(r"2026年1月 物业费\s*│\s*19\.19 元\s*│\s*0\.29 元", out)
    assert "滞纳金合计 0.29 元" in out and "转入预存 0.52 元，预存余额 0.52 元" in out
    assert re.search(r"缴费后的账单.*\n(.*\n)*.*2026年1月.*19\.19 元.*19\.19 元.*0\.00 元", out)
    account = billed.account()
    assert [e.id for e in account.entries] == [rid] and account.prepaid_fen == 52
    after = ok(billed("account", "--compound", C, "--household", H))
    assert "没有未缴账单" in after and re.search(r"已收滞纳金（扣除冲正）\s*│\s*0\.29 元", after)
    assert re.search(
        r"2026-02-20 12:00.*yuying-1-101-0001.*缴费.*20\.00 元.*滞纳金 0\.29 元.*预存 \+0\.52 元", after
    )


def test_a_transfer_to_one_bill_names_its_reference(billed):
    out = ok(
        billed(
            "pay",
            "--compound",
            C,
            "--household",
            H,
            "--amount",
            "5.5",
            "--method",
            "transfer",
            "--reference",
            "BANK-778",
            "--bill",
            JANUARY,
        )  # fmt: skip
    )
    assert "收款 5.50 元（转账，凭证 BANK-778）" in out
    (allocation,) = billed.account().entries[0].allocations
    assert allocation.bill_id == JANUARY and allocation.amount_fen + allocation.late_fee_fen == 550


@pytest.mark.parametrize("amount", ["19.199", "-1", "abc", "0", "0.00", "1e3", "1000000.01", "19,19", ""])
def test_a_bad_amount_is_a_usage_error_naming_amount_and_calls_nothing(billed, amount):
    got = billed("pay", "--compound", C, "--household", H, "--amount", amount, "--method", "cash")
    assert got.exit_code == 2 and "--amount" in got.output, got.output
    assert "请求编号" not in got.output and billed.account().entries == []


def test_a_transfer_without_reference_is_refused_naming_the_field(billed):
    got = billed("pay", "--compound", C, "--household", H, "--amount", "19.19", "--method", "transfer")
    assert got.exit_code == 1 and "reference" in got.output and billed.account().entries == []


def test_a_lost_answer_is_retried_inside_the_command_with_the_same_request_id_and_recorded_once(billed):
    billed.lose_answers = 2  # the first two attempts land (the first one writes) and answer UNAVAILABLE
    out = ok(billed("pay", "--compound", C, "--household", H, "--amount", "19.48", "--method", "cash"))
    assert "✓ 收据 yuying-1-101-0001" in out and billed.lose_answers == 0
    account = billed.account()
    assert len(account.entries) == 1 and account.received_fen() == 1948 and account.prepaid_fen == 0


def test_when_retries_run_out_the_printed_line_with_the_same_id_finishes_it_once(billed):
    billed.lose_answers = fees_desk_client.ATTEMPTS
    lost = billed("pay", "--compound", C, "--household", H, "--amount", "19.48", "--method", "cash")
    assert lost.exit_code == 3, lost.output
    assert "结果未知" in lost.output and "未收款" not in lost.output  # it may have landed (it did)
    rid = re.search(r"--request-id (pay-[0-9a-f]{16})", lost.output).group(1)
    assert (
        f"linli fees pay --compound {C} --household {H} --amount 19.48 --method cash --request-id {rid}"
        in (lost.output)
    )
    assert len(billed.account().entries) == 1  # it did land
    again = ok(
        billed(
            "pay",
            "--compound",
            C,
            "--household",
            H,
            "--amount",
            "19.48",
            "--method",
            "cash",
            "--request-id",
            rid,
        )
    )
    assert "如需重试" not in again and "✓ 收据 yuying-1-101-0001" in again
    assert len(billed.account().entries) == 1
    other = billed(
        "pay", "--compound", C, "--household", H, "--amount", "1", "--method", "cash", "--request-id", rid
    )
    assert other.exit_code == 1 and "request_id" in other.output and len(billed.account().entries) == 1


def test_a_resident_token_cannot_pay(billed):
    got = billed(
        "pay", "--compound", C, "--household", H, "--amount", "19.19", "--method", "cash", token=RESIDENT
    )
    assert got.exit_code == 1, got.output
    assert "未收款" in got.output and "只有社区工作人员或区管理员可以办理" in got.output
    assert "无权限" in got.output and billed.account().entries == []


def test_prepay_quote_shows_the_offer_and_writes_nothing(fresh):
    out = ok(fresh("prepay", "--compound", C, "--household", H, "--quote"))
    assert "育英一小区 1栋101室 预缴报价" in out
    assert "交12个月减免2个月" in out and "2026年2月 — 2027年1月（12 期）" in out
    assert re.search(r"原价\s*│\s*230\.28 元", out) and re.search(r"减免\s*│\s*38\.38 元", out)
    assert re.search(r"应付\s*│\s*191\.90 元", out) and re.search(r"赠品\s*│\s*小礼物", out)
    assert fresh.account().entries == [] and not fresh.store.tables["bills"]


def test_prepay_asks_then_pays_the_quoted_amount_and_prints_the_receipt(fresh):
    declined = fresh("prepay", "--compound", C, "--household", H, "--method", "cash", given="n\n")
    assert declined.exit_code == 1 and "已取消，未收款" in declined.output and fresh.account().entries == []
    out = ok(fresh("prepay", "--compound", C, "--household", H, "--method", "cash", given="y\n"))
    assert "按报价收取 191.90 元并预缴？" in out and "✓ 预缴收据 yuying-1-101-0001" in out
    assert "收款 191.90 元（现金）" in out and "赠品：小礼物（请当面交付）" in out
    assert re.search(r"2027年1月\s*│\s*物业费\s*│\s*0\.00 元", out)  # a free month, in the quote
    assert re.search(r"2026年11月 物业费\s*│\s*19\.19 元", out)  # the last month paid, on the receipt
    (entry,) = fresh.account().entries
    assert entry.kind == "prepay" and entry.amount_fen == 19190
    assert [a.amount_fen for a in entry.allocations] == [1919] * 10  # the two free months owe nothing
    listed = ok(fresh("account", "--compound", C, "--household", H))
    assert "没有未缴账单" in listed
    assert re.search(r"预缴.*191\.90 元.*2026年2月 — 2026年11月 共 10 期 191\.90 元", listed)


def test_prepay_rerun_with_amount_yes_and_the_same_id_records_once(fresh):
    fresh.lose_answers = fees_desk_client.ATTEMPTS
    lost = fresh("prepay", "--compound", C, "--household", H, "--method", "cash", "--yes")
    assert lost.exit_code == 3, lost.output
    line = re.search(r"^\s*(linli fees prepay .*--request-id prepay-[0-9a-f]{16})$", lost.output, re.M).group(
        1
    )
    assert "--amount 191.90" in line and "--yes" in line
    again = ok(fresh(*line.split()[2:]))
    assert "✓ 预缴收据 yuying-1-101-0001" in again and "预缴报价" not in again
    assert len(fresh.account().entries) == 1


def test_prepay_in_arrears_is_refused(billed):
    got = billed("prepay", "--compound", C, "--household", H, "--method", "cash", "--yes")
    assert got.exit_code == 1 and "arrears" in got.output and billed.account().entries == []


def test_prepay_without_method_is_a_usage_error(fresh):
    got = fresh("prepay", "--compound", C, "--household", H, "--yes")
    assert got.exit_code == 2 and "--method" in got.output


def test_a_refund_needs_a_second_staff_member(fresh):
    ok(fresh("pay", "--compound", C, "--household", H, "--amount", "50", "--method", "cash"))
    asked = ok(
        fresh("refund", "--compound", C, "--household", H, "--amount", "10.00", "--reason", "搬离退还预存")
    )
    assert "预存余额 50.00 元，申请退还 10.00 元" in asked and "待批准" in asked
    entry = re.search(r"编号 (refund-[0-9a-f]{16})", asked).group(1)
    assert f"linli fees approve --compound {C} --household {H} --entry {entry}" in asked
    listed = ok(fresh("account", "--compound", C, "--household", H))
    assert re.search(r"退款.*−10\.00 元.*原因：搬离退还预存.*staff-a.*待批准.*" + entry, listed)
    same = fresh("approve", "--compound", C, "--household", H, "--entry", entry)
    assert same.exit_code == 1 and "四眼原则" in same.output and "无权限" in same.output
    assert fresh.account().prepaid_fen == 5000
    other = ok(fresh("approve", "--compound", C, "--household", H, "--entry", entry, token=STAFF_B))
    assert "✓ 退款已入账：育英一小区 1栋101室 −10.00 元  收据 yuying-1-101-0002" in other
    assert "staff-a 于 2026-02-20 12:00 申请，staff-b 批准" in other and "预存余额 40.00 元" in other
    assert fresh.account().prepaid_fen == 4000


def test_a_refund_beyond_the_prepaid_balance_is_refused(fresh):
    got = fresh("refund", "--compound", C, "--household", H, "--amount", "1", "--reason", "误收")
    assert got.exit_code == 1 and "未提交退款申请" in got.output and fresh.account().entries == []


def test_a_payment_reversed_by_its_receipt_number_is_due_again_with_its_late_fee_taken_back(billed):
    ok(billed("pay", "--compound", C, "--household", H, "--amount", "20", "--method", "cash"))
    asked = ok(
        billed(
            "reverse", "--compound", C, "--household", H, "--entry", "yuying-1-101-0001", "--reason", "收错户"
        )
    )
    assert "冲正：收据 yuying-1-101-0001，20.00 元" in asked and "待批准" in asked
    entry = re.search(r"编号 (reverse-[0-9a-f]{16})", asked).group(1)
    posted = ok(billed("approve", "--compound", C, "--household", H, "--entry", entry, token=STAFF_B))
    assert "✓ 冲正已入账：育英一小区 1栋101室 −20.00 元" in posted
    assert "预存余额 0.00 元，应缴合计 19.19 元，欠费 19.19 元" in posted
    after = ok(billed("account", "--compound", C, "--household", H))
    assert re.search(r"已收滞纳金（扣除冲正）\s*│\s*0\.00 元", after) and "已冲正" in after


def test_reversing_an_unknown_entry_names_it(billed):
    got = billed("reverse", "--compound", C, "--household", H, "--entry", "nope", "--reason", "x")
    assert got.exit_code == 1 and "--entry" in got.output and "nope" in got.output


def test_a_resident_reads_their_own_account_and_not_another_households(billed):
    own = ok(billed("account", "--compound", C, "--household", H, token=RESIDENT))
    assert "育英一小区 1栋101室 未缴账单（1 张）" in own
    neighbour = make_token("xingshan", "resident", "res-2")  # lives in neither household
    other = billed("account", "--compound", C, "--household", H, token=neighbour)
    assert other.exit_code == 1 and "未找到" in other.output


def test_every_desk_command_is_in_the_cli_reference():
    reference = (Path(__file__).parents[4] / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, *_ in fees_desk.COMMANDS:
        assert f"linli fees {name} " in reference, name


def test_bill_by_period_is_its_one_open_bill_and_the_rerun_line_names_its_id(billed):
    billed.lose_answers = fees_desk_client.ATTEMPTS
    lost = billed(
        "pay", "--compound", C, "--household", H, "--amount", "19.48", "--method", "cash", "--bill", "2026-01"
    )
    assert lost.exit_code == 3 and f"--bill {JANUARY}" in lost.output, lost.output
    (allocation,) = billed.account().entries[0].allocations
    assert allocation.bill_id == JANUARY
    none = billed(
        "pay", "--compound", C, "--household", H, "--amount", "1", "--method", "cash", "--bill", "2026-02"
    )
    assert none.exit_code == 1 and "--bill：2026-02 没有未缴账单" in none.output
