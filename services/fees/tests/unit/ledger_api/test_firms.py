"""The property firm serving a compound keeps its books (seed 001: the firm publishes its 收支账单):
it books, corrects its own entries, publishes and reads — only for compounds its contract covers,
only while the contract is in force, and its entries name the firm."""

from __future__ import annotations

import grpc
from linli.fees.v1 import ledger_pb2 as pb
from linli_platform.testing.fixtures import bearer, make_token

from .conftest import STAFF_MD, record, refused

FIRM_MD = bearer(make_token("xingshan", "property_firm", "liu-cy", org="haolinju"))
OTHER_FIRM_MD = bearer(make_token("xingshan", "property_firm", "wang", org="other-firm"))


def contract(uows, org="haolinju", compound="yuying-1", active=True, starts="2025-12-01", ends="", version=1):
    uows("xingshan").directory.keep_contract(org, "好邻居物业", compound, (active, starts, ends), version)


def entry(ledger, request_id: str, metadata, **fields):
    values = dict(
        request_id=request_id,
        compound_id="yuying-1",
        kind="expense",
        category="labour",
        amount_fen=5_000,
        description="保洁人工",
        occurred_on="2026-02-03",
    )
    values.update(fields)
    return ledger.RecordEntry(pb.RecordEntryRequest(**values), metadata=metadata)


def test_the_serving_firm_books_and_its_entry_names_the_firm(system):
    _, uows, ledger, _ = system
    contract(uows)
    booked = entry(ledger, "f-1", FIRM_MD)
    assert booked.recorded_by == "好邻居物业·liu-cy"
    listed = ledger.ListEntries(
        pb.ListEntriesRequest(compound_id="yuying-1", period=booked.period), metadata=FIRM_MD
    )
    assert booked.entry_id in {e.entry_id for e in listed.entries}
    assert ledger.GetLedgerBalance(pb.GetLedgerBalanceRequest(compound_id="yuying-1"), metadata=FIRM_MD)


def test_a_firm_without_a_contract_for_the_compound_is_refused_and_nothing_is_written(system):
    store, uows, ledger, _ = system
    contract(uows, compound="yuying-2")
    before = len(store.ledger_books.entries.get("xingshan", []))
    for metadata in (FIRM_MD, OTHER_FIRM_MD):
        assert refused(lambda md=metadata: entry(ledger, "f-2", md))[0] == grpc.StatusCode.PERMISSION_DENIED
        code, _ = refused(
            lambda md=metadata: ledger.ListEntries(
                pb.ListEntriesRequest(compound_id="yuying-1", period="2026-02"), metadata=md
            )
        )
        assert code == grpc.StatusCode.PERMISSION_DENIED
    assert len(store.ledger_books.entries.get("xingshan", [])) == before


def test_an_ended_or_inactive_contract_no_longer_keeps_the_books(system):
    _, uows, ledger, _ = system
    contract(uows, ends="2026-01-31")
    assert refused(lambda: entry(ledger, "f-3", FIRM_MD))[0] == grpc.StatusCode.PERMISSION_DENIED
    contract(uows, active=False, version=2)
    assert refused(lambda: entry(ledger, "f-4", FIRM_MD))[0] == grpc.StatusCode.PERMISSION_DENIED
    contract(uows, version=3)  # renewed, open-ended
    assert entry(ledger, "f-5", FIRM_MD).recorded_by == "好邻居物业·liu-cy"


def test_a_firm_corrects_its_own_entries_only_and_staff_correct_any(system):
    _, uows, ledger, _ = system
    contract(uows)
    own = entry(ledger, "f-6", FIRM_MD)
    staffs = record(ledger, "s-6")

    def reverse(entry_id, request_id, metadata):
        return ledger.ReverseEntry(
            pb.ReverseEntryRequest(
                request_id=request_id, compound_id="yuying-1", entry_id=entry_id, reason="记错金额"
            ),
            metadata=metadata,
        )

    assert refused(lambda: reverse(staffs.entry_id, "fr-1", FIRM_MD))[0] == grpc.StatusCode.PERMISSION_DENIED
    assert reverse(own.entry_id, "fr-2", FIRM_MD).recorded_by == "好邻居物业·liu-cy"
    assert reverse(staffs.entry_id, "sr-1", STAFF_MD).recorded_by == "staff-he"


def test_another_districts_firm_never_sees_the_compound(system):
    _, uows, ledger, _ = system
    contract(uows)
    stranger = bearer(make_token("donghu", "property_firm", "liu-cy", org="haolinju"))
    code, _ = refused(
        lambda: ledger.ListEntries(
            pb.ListEntriesRequest(compound_id="yuying-1", period="2026-02"), metadata=stranger
        )
    )
    assert code == grpc.StatusCode.NOT_FOUND


def test_the_serving_firm_publishes_the_month_and_is_named_as_its_publisher(system):
    _, uows, ledger, _ = system
    contract(uows)
    published = ledger.PublishStatement(
        pb.PublishStatementRequest(request_id="fp-1", compound_id="yuying-1", period="2026-01"),
        metadata=FIRM_MD,
    )
    assert published.published_by == "好邻居物业·liu-cy"
    code, _ = refused(
        lambda: ledger.PublishStatement(
            pb.PublishStatementRequest(request_id="fp-2", compound_id="yuying-1", period="2026-02"),
            metadata=OTHER_FIRM_MD,
        )
    )
    assert code == grpc.StatusCode.PERMISSION_DENIED
