"""The maintenance fund over real in-process gRPC: nothing is disbursed without the owners' approving
decision, never beyond the approved amount (also when disbursements race) nor below a building's
balance; a decision under another rule or scope approves nothing; the district's fund rules decide
who applies and which vote releases it; bad applications name the field."""

from __future__ import annotations

from datetime import UTC

import grpc
import pytest
from linli.communities.v1 import events_pb2 as communities
from linli.fees.v1 import ledger_pb2 as pb
from linli_fees.domain.statement import period_of
from linli_fees.entrypoints.fund_consumers import fund_handlers
from linli_platform.events import decode, new_event

from .conftest import (
    APP,
    RESIDENT_MD,
    STAFF_MD,
    apply,
    decided,
    deposit,
    disburse,
    refused,
    written,
)


def test_a_disbursement_without_an_approved_decision_is_failed_precondition(funded):
    store, _, _, fund = funded
    before = written(store)
    code, _ = refused(lambda: disburse(fund))
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    assert written(store) == before


def test_an_approving_decision_enables_disbursements_once_and_never_beyond_the_approved_amount(funded):
    store, uows, ledger, fund = funded
    handlers = fund_handlers(uows)
    event = decided(amount_fen=900_000)
    handlers.handle(event)
    after_first = written(store)
    handlers.handle(event)  # delivered twice: nothing changes
    assert written(store) == after_first
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=RESIDENT_MD)
    assert (got.status, got.approved_fen) == ("approved", 900_000)  # the owners approved less than asked

    first = disburse(fund, "pay-1", "INV-001", 600_000)
    assert first.disbursed_fen == 600_000 and len(first.disbursements) == 1
    code, _ = refused(lambda: disburse(fund, "pay-2", "INV-002", 300_001))
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    code, _ = refused(lambda: disburse(fund, "pay-3", "INV-001", 100_000))  # an invoice is paid once
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    last = disburse(fund, "pay-4", "INV-002", 300_000)
    assert (last.disbursed_fen, last.status, last.status_name) == (900_000, "completed", "已拨付完毕")
    assert refused(lambda: disburse(fund, "pay-5", "INV-003", 1))[0] == grpc.StatusCode.FAILED_PRECONDITION

    balances = fund.GetFundBalances(pb.GetFundBalancesRequest(compound_id="yuying-1"), metadata=RESIDENT_MD)
    assert balances.total_fen == 5 * 400_000 - 900_000
    assert [b.balance_fen for b in balances.buildings] == [220_000] * 5
    # Every disbursement is in the public ledger: fund income and the contractor's expense.
    listed = ledger.ListEntries(
        pb.ListEntriesRequest(
            compound_id="yuying-1",
            period=period_of(first.disbursements[0].disbursed_at.ToDatetime(tzinfo=UTC), "Asia/Shanghai"),
        ),
        metadata=RESIDENT_MD,
    )
    fund_income = sum(e.signed_fen for e in listed.entries if e.category == "maintenance_fund")
    repairs = sum(-e.signed_fen for e in listed.entries if e.category == "repairs")
    assert fund_income == repairs == 900_000
    assert store.ledger_books.ledger("xingshan").check() == []
    events = [e.type for e in store.take_events()]
    assert (
        events.count("linli.fees.v1.FundDisbursed") == 2
        and events.count("linli.fees.v1.FundApplicationApproved") == 1
    )


def test_a_building_fund_never_goes_below_zero(funded):
    store, uows, _, fund = funded
    fund_handlers(uows).handle(decided(amount_fen=5_000_000))
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.approved_fen == 1_000_000  # never more than the application asked
    disburse(fund, "pay-1", "INV-001", 1_000_000)  # 200 000 from each building's 400 000
    second = apply(
        fund, request_id="a-2", amount_fen=5_000_000, quotes=[], title="外墙渗水维修", proposal_id="p-walls"
    )
    walls = decode(
        new_event(
            communities.ProposalDecided(
                tenant_id="xingshan",
                proposal_id="p-walls",
                compound_id="yuying-1",
                category="maintenance_fund",
                amount_fen=5_000_000,
                approved=True,
                special_matter=True,
                summary="通过",
                vote_rule="double_majority",
                building_ids=["1", "2", "3", "4", "5"],
            ),
            source="communities",
            aggregate="proposal",
            tenant_id="xingshan",
            aggregate_id="p-walls",
        ).value
    )
    fund_handlers(uows).handle(walls)
    before = written(store)
    APP[0] = second.application_id
    code, _ = refused(lambda: disburse(fund, "pay-2", "W-001", 1_500_000))  # 300 000 a building > 200 000
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    assert written(store) == before
    assert disburse(fund, "pay-3", "W-002", 1_000_000).disbursed_fen == 1_000_000  # exactly what is left
    balances = fund.GetFundBalances(pb.GetFundBalancesRequest(compound_id="yuying-1"), metadata=STAFF_MD)
    assert balances.total_fen == 0
    code, violations = refused(lambda: deposit(fund, "9", 100))  # no such building
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "building_id"


@pytest.mark.parametrize(
    "event, note",
    [
        (lambda: decided(category="parking"), "类别"),
        (lambda: decided(special=False), "特别事项"),
        (lambda: decided(compound="yuying-2"), "小区"),
        (lambda: decided(vote_rule="headcount"), "表决规则"),
        (lambda: decided(vote_rule=""), "会议决定"),
        (lambda: decided(building_ids=()), "全小区业主表决"),
        (lambda: decided(building_ids=("1", "2")), "表决范围为1栋、2栋业主"),
    ],
)
def test_a_decision_under_another_rule_or_scope_approves_nothing(funded, event, note):
    _, uows, _, fund = funded
    fund_handlers(uows).handle(event())
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.status == "awaiting_decision" and note in got.decision_note
    assert refused(lambda: disburse(fund))[0] == grpc.StatusCode.FAILED_PRECONDITION


def test_a_rejecting_decision_rejects_and_an_application_filed_after_the_decision_takes_it(system):
    _, uows, _, fund = system
    fund_handlers(uows).handle(decided(approved=True, amount_fen=500_000))  # before any application
    got = apply(fund, amount_fen=400_000, quotes=[])
    assert (got.status, got.approved_fen) == ("approved", 400_000)


def test_bad_applications_are_invalid_argument_naming_the_field(system):
    store, _, _, fund = system
    before = written(store)
    for fields, path in (
        ({"amount_fen": -1}, "amount_fen"),
        ({"applicant_kind": "anyone"}, "applicant_kind"),
        ({"building_ids": []}, "building_ids"),
        ({"building_ids": ["1", "77"]}, "building_ids[1]"),
        ({"contractor": "没报价的公司"}, "contractor"),
    ):
        code, violations = refused(lambda f=fields, p=path: apply(fund, request_id=f"bad-{p}", **f))
        assert code == grpc.StatusCode.INVALID_ARGUMENT and path in [p for p, _ in violations], (
            path,
            violations,
        )
    assert written(store) == before


def test_the_districts_fund_rules_decide_who_applies_and_which_vote_releases_the_fund(system):
    store, uows, _, fund = system
    import json

    document = {
        "district": {"name": "兴山区"},
        "fees": {"fund": {"applicants": ["owners_committee"], "vote_rules": ["headcount"]}},
        "overrides": {"compounds": {"yuying-1": {"fees": {"fund": {"applicants": ["community"]}}}}},
    }
    uows("xingshan").directory.keep_config(7, json.dumps(document), {"yuying-1": "yuying"})
    code, violations = refused(lambda: apply(fund, compound_id="yuying-2", request_id="a-other"))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "applicant_kind"
    APP[0] = apply(fund).application_id  # 育英一小区's override lets the community apply
    fund_handlers(uows).handle(decided(vote_rule="double_majority"))
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.status == "awaiting_decision" and "表决规则" in got.decision_note
    fund_handlers(uows).handle(decided(vote_rule="headcount", event_id="second-decision"))
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.status == "approved"


def test_concurrent_disbursements_never_exceed_the_approved_amount(funded):
    from concurrent.futures import ThreadPoolExecutor

    store, uows, _, fund = funded
    fund_handlers(uows).handle(decided(amount_fen=1_000_000))

    def pay(i: int):
        try:
            return disburse(fund, f"c-{i}", f"C-{i:02d}", 150_000).disbursed_fen
        except grpc.RpcError as err:
            return err.code()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(pay, range(12)))
    paid = [r for r in results if isinstance(r, int)]
    refused_codes = {r for r in results if not isinstance(r, int)}
    assert len(paid) == 6 and refused_codes <= {grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.ABORTED}
    got = fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=STAFF_MD)
    assert got.disbursed_fen == 900_000 <= got.approved_fen and len(got.disbursements) == 6
    assert store.ledger_books.ledger("xingshan").check() == []
