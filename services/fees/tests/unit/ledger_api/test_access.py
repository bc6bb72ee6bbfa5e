"""Who reads the ledger and the fund: a resident only their own compound's ledger, and another
district's ledger, fund and applications are not found."""

from __future__ import annotations

import grpc
from linli.fees.v1 import ledger_pb2 as pb
from linli_platform.testing.fixtures import bearer, make_token

from .conftest import (
    APP,
    NEIGHBOUR_MD,
    OUTSIDER_MD,
    RESIDENT_MD,
    refused,
)


def test_a_resident_reads_only_their_own_compounds_ledger(system):
    _, _, ledger, fund = system
    ok = ledger.ListEntries(
        pb.ListEntriesRequest(compound_id="yuying-1", period="2026-01"), metadata=RESIDENT_MD
    )
    assert ok.total == 4
    for call in (
        lambda: ledger.ListEntries(
            pb.ListEntriesRequest(compound_id="yuying-1", period="2026-01"), metadata=NEIGHBOUR_MD
        ),
        lambda: ledger.GetLedgerBalance(
            pb.GetLedgerBalanceRequest(compound_id="yuying-1"), metadata=NEIGHBOUR_MD
        ),
        lambda: ledger.VerifyStatements(
            pb.VerifyStatementsRequest(compound_id="yuying-1"), metadata=NEIGHBOUR_MD
        ),
        lambda: fund.GetFundBalances(
            pb.GetFundBalancesRequest(compound_id="yuying-1"), metadata=NEIGHBOUR_MD
        ),
    ):
        assert refused(call)[0] == grpc.StatusCode.PERMISSION_DENIED
    by_resident = pb.RecordEntryRequest(
        request_id="x",
        compound_id="yuying-1",
        kind="income",
        category="fees",
        amount_fen=1,
        description="d",
        occurred_on="2026-01-01",
    )
    code, _ = refused(lambda: ledger.RecordEntry(by_resident, metadata=RESIDENT_MD))
    assert code == grpc.StatusCode.PERMISSION_DENIED


def test_another_districts_ledger_and_fund_are_not_found(system):
    _, _, ledger, fund = system
    for call in (
        lambda: ledger.ListEntries(
            pb.ListEntriesRequest(compound_id="yuying-1", period="2026-01"), metadata=OUTSIDER_MD
        ),
        lambda: ledger.GetLedgerBalance(
            pb.GetLedgerBalanceRequest(compound_id="yuying-1"), metadata=OUTSIDER_MD
        ),
        lambda: ledger.GetStatement(
            pb.GetStatementRequest(compound_id="yuying-1", period="2026-01"), metadata=OUTSIDER_MD
        ),
        lambda: fund.GetFundBalances(pb.GetFundBalancesRequest(compound_id="yuying-1"), metadata=OUTSIDER_MD),
        lambda: ledger.RecordEntry(
            pb.RecordEntryRequest(
                request_id="o-1",
                compound_id="yuying-1",
                kind="income",
                category="fees",
                amount_fen=100,
                description="x",
                occurred_on="2026-01-01",
            ),
            metadata=bearer(make_token("donghu", "community_staff", "staff@donghu")),
        ),
    ):
        assert refused(call)[0] == grpc.StatusCode.NOT_FOUND


def test_another_districts_application_is_not_found(funded):
    _, _, _, fund = funded
    code, _ = refused(
        lambda: fund.GetApplication(pb.GetApplicationRequest(application_id=APP[0]), metadata=OUTSIDER_MD)
    )
    assert code == grpc.StatusCode.NOT_FOUND
