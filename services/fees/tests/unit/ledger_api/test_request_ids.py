"""request_id semantics of every mutating RPC of the public ledger and the maintenance fund: the same
id answers the first result and writes nothing; other content is ALREADY_EXISTS naming request_id."""

from __future__ import annotations

import grpc
import pytest
from linli.fees.v1 import ledger_pb2 as pb
from linli_fees.entrypoints.fund_consumers import fund_handlers

from .conftest import (
    STAFF_MD,
    apply,
    decided,
    deposit,
    disburse,
    record,
    refused,
    written,
)


def mutations(ledger, fund):
    """(name, call(request_id, variant)) — variant 0 and 1 differ in content."""

    def entry(rid, v):
        return record(ledger, request_id=rid, amount_fen=3_000 + v)

    def reverse(rid, v):
        target = record(ledger, request_id=f"target-{v}")
        return ledger.ReverseEntry(
            pb.ReverseEntryRequest(
                request_id=rid, compound_id="yuying-1", entry_id=target.entry_id, reason="错"
            ),
            metadata=STAFF_MD,
        )

    def publish(rid, v):
        return ledger.PublishStatement(
            pb.PublishStatementRequest(
                request_id=rid, compound_id="yuying-1", period=["2026-01", "2026-02"][v]
            ),
            metadata=STAFF_MD,
        )

    def dep(rid, v):
        return deposit(fund, "1", 1_000 + v, request_id=rid)

    def create(rid, v):
        return apply(fund, request_id=rid, amount_fen=500_000 + v, quotes=[])

    def pay(rid, v):
        return disburse(fund, rid, f"INV-{v}", 10_000)

    return {
        "RecordEntry": entry,
        "ReverseEntry": reverse,
        "PublishStatement": publish,
        "RecordDeposit": dep,
        "CreateApplication": create,
        "Disburse": pay,
    }


@pytest.mark.parametrize(
    "name",
    ["RecordEntry", "ReverseEntry", "PublishStatement", "RecordDeposit", "CreateApplication", "Disburse"],
)
def test_the_same_request_id_answers_the_first_result_and_other_content_is_already_exists(funded, name):
    store, uows, ledger, fund = funded
    fund_handlers(uows).handle(decided(amount_fen=1_000_000))
    call = mutations(ledger, fund)[name]
    first = call(f"{name}-rid", 0)
    if name == "ReverseEntry":  # the target exists now: a retry reverses the same entry
        before = written(store)
        again = ledger.ReverseEntry(
            pb.ReverseEntryRequest(
                request_id=f"{name}-rid", compound_id="yuying-1", entry_id=first.reverses, reason="错"
            ),
            metadata=STAFF_MD,
        )
    else:
        before = written(store)
        again = call(f"{name}-rid", 0)
    assert again == first and written(store) == before
    code, _ = refused(lambda: call(f"{name}-rid", 1))
    assert code == grpc.StatusCode.ALREADY_EXISTS


def test_every_mutating_rpc_of_the_ledger_and_the_fund_is_covered_here():
    names = {
        m.name
        for service in ("PublicLedgerService", "MaintenanceFundService")
        for m in pb.DESCRIPTOR.services_by_name[service].methods
        if "request_id" in m.input_type.fields_by_name
    }
    assert names == set(mutations(None, None))
