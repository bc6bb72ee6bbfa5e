"""One contract, two stores: the in-memory fake behaves as the Mongo adapter on SecantusDB does.

Every test runs on the fake and on the real Mongo-wire server (integration mark).
"""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from linli.common.v1 import events_pb2
from linli_ledger import Account, AccountFlags, Transfer, TransferFlags, now_ms, reversal_of
from linli_ledger.memory import MemoryBooks
from linli_ledger.mongo import LedgerEntryDoc, MongoBooks, _collection
from linli_platform.errors import Conflict, FailedPrecondition, InvalidField, NotFound
from linli_platform.events import new_event
from linli_platform.testing.fakes import FakeStore

PERSON = AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
P = "points"


class Fake:
    name = "fake"

    def __init__(self):
        self.store = FakeStore()
        self.books = MemoryBooks(self.store)

    def ledger(self, tenant):
        return self.books.ledger(tenant)

    def entries(self, tenant) -> int:
        return len(self.books.entries.get(tenant, []))

    def events(self, tenant) -> list[str]:
        return [e.event_id for e in self.store.outbox]

    def tamper(self, tenant, account_id):
        """Change a kept balance behind the kernel's back (what check() must find)."""
        from dataclasses import replace

        head = self.books.heads[(tenant, account_id)]
        balance = replace(head.balance, credits_posted=head.balance.credits_posted + 1)
        entry = next(e for e in reversed(self.books.entries[tenant]) if head in e.heads)
        entries = self.books.entries[tenant]
        entries[entries.index(entry)] = replace(
            entry, heads=tuple(replace(h, balance=balance) if h == head else h for h in entry.heads)
        )


class Mongo:
    name = "mongo"

    def __init__(self):
        self.books = MongoBooks()

    def ledger(self, tenant):
        return self.books.ledger(tenant)

    def entries(self, tenant) -> int:
        return _collection(LedgerEntryDoc).count_documents({"tenant_id": tenant})

    def events(self, tenant) -> list[str]:
        docs = _collection(LedgerEntryDoc).find({"tenant_id": tenant, "outbox": {"$exists": True}})
        return [e["event_id"] for d in docs for e in d["outbox"]]

    def tamper(self, tenant, account_id):
        collection = _collection(LedgerEntryDoc)
        doc = collection.find_one(
            {"tenant_id": tenant, "accounts": account_id}, sort=[("at", -1), ("_id", -1)]
        )
        collection.update_one({"_id": doc["_id"], "heads.a": account_id}, {"$inc": {"heads.$.cpo": 1}})


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def backend(request):
    if request.param == "fake":
        return Fake()
    request.getfixturevalue("mongo_db")
    return Mongo()


def opened(backend, tenant="t1", people=("a", "b")):
    ledger = backend.ledger(tenant)
    ledger.open(
        [Account("issuer", P, "issuer"), Account("sink", P, "sink")]
        + [Account(f"person:{p}", P, "person", PERSON) for p in people]
    )
    return ledger


def credit(id, to="person:a", amount=100, **kw):
    return Transfer(id, "issuer", to, amount, P, kw.pop("code", "earn"), **kw)


def test_accounts_open_once_and_another_definition_is_a_conflict(backend):
    ledger = opened(backend)
    again = ledger.open([Account("person:a", P, "person", PERSON)])
    assert again[0].balance == 0 and again[0].tenant_id == "t1"
    with pytest.raises(Conflict, match=r"accounts\[0\]\.flags"):
        ledger.open([Account("person:a", P, "person")])
    with pytest.raises(InvalidField) as bad:
        ledger.open([Account("x" * 129, P), Account("y", "")])
    assert {p for p, _ in bad.value.violations} == {"accounts[0].id", "accounts[1].ledger"}
    with pytest.raises(NotFound):
        ledger.account("person:nobody")


def test_a_credit_is_kept_and_its_replay_changes_nothing(backend):
    ledger = opened(backend)
    first = ledger.submit([credit("earn:e1", cause="tickets.ticket.v1/e1", user_data={"rule": "r1"})])
    assert first.created and first.transfers[0].timestamp is not None
    again = ledger.submit([credit("earn:e1", cause="tickets.ticket.v1/e1", user_data={"rule": "r1"})])
    assert not again.created and again.transfers == first.transfers
    assert backend.entries("t1") == 1
    assert ledger.account("person:a").balance == 100
    assert ledger.account("issuer").balance == -100
    assert ledger.transfer("earn:e1").cause == "tickets.ticket.v1/e1"


def test_the_same_id_with_other_fields_is_a_conflict_naming_the_field(backend):
    ledger = opened(backend)
    ledger.submit([credit("c1")])
    with pytest.raises(Conflict, match=r"transfers\[0\]\.amount"):
        ledger.submit([credit("c1", amount=101)])
    with pytest.raises(Conflict, match=r"transfers\[0\]\.credit_account_id"):
        ledger.submit([credit("c1", to="person:b")])
    assert ledger.account("person:a").balance == 100 and backend.entries("t1") == 1


def test_a_person_never_goes_below_zero_and_a_refusal_writes_nothing(backend):
    ledger = opened(backend)
    ledger.submit([credit("c1", amount=50)])
    with pytest.raises(FailedPrecondition, match="person:a: insufficient balance"):
        ledger.submit([Transfer("r1", "person:a", "sink", 51, P, "redeem")])
    assert ledger.account("person:a").balance == 50 and backend.entries("t1") == 1


def test_a_linked_batch_with_a_failing_member_writes_nothing(backend):
    ledger = opened(backend)
    batch = [credit("c1", amount=10), Transfer("r1", "person:a", "sink", 11, P, "redeem")]
    with pytest.raises(FailedPrecondition):
        ledger.submit(batch)
    with pytest.raises(NotFound):
        ledger.transfer("c1")
    assert backend.entries("t1") == 0
    ok = ledger.submit([credit("c2", amount=10), Transfer("r2", "person:a", "sink", 10, P, "redeem")])
    assert ok.created and ledger.account("person:a").balance == 0 and ledger.account("sink").balance == 10


def test_pending_transfers_post_void_once_and_expire(backend):
    ledger = opened(backend)
    ledger.submit([credit("c1", amount=100)])
    hold = Transfer("o1", "person:a", "sink", 60, P, "redeem", flags=TransferFlags.PENDING, timeout=60)
    ledger.submit([hold])
    assert ledger.account("person:a").available == 40
    with pytest.raises(FailedPrecondition):  # the reserved points are not spendable twice
        ledger.submit([Transfer("o2", "person:a", "sink", 41, P, "redeem")])
    posted = ledger.submit([Transfer("p1", flags=TransferFlags.POST_PENDING, pending_id="o1", amount=50)])
    assert posted.transfers[0].debit_account_id == "person:a" and posted.transfers[0].code == "redeem"
    a = ledger.account("person:a")
    assert (a.debits_pending, a.debits_posted, a.balance) == (0, 50, 50)
    with pytest.raises(FailedPrecondition, match="already posted or voided"):
        ledger.submit([Transfer("v1", flags=TransferFlags.VOID_PENDING, pending_id="o1")])
    # the replay of the post is the post, not a second resolution
    assert not ledger.submit(
        [Transfer("p1", flags=TransferFlags.POST_PENDING, pending_id="o1", amount=50)]
    ).created

    ledger.submit(
        [Transfer("o3", "person:a", "sink", 30, P, "redeem", flags=TransferFlags.PENDING, timeout=5)]
    )
    later = now_ms() + timedelta(seconds=6)
    assert [t.id for t in ledger.expired(later)] == ["o3"]
    with pytest.raises(FailedPrecondition, match="expired"):
        ledger.submit([Transfer("p3", flags=TransferFlags.POST_PENDING, pending_id="o3")], now=later)
    voids = ledger.expire(later)
    assert [(v.id, v.cause) for v in voids] == [("expiry:o3", "ledger.expiry")]
    assert ledger.expire(later) == [] and ledger.expired(later) == []
    assert ledger.account("person:a").available == 50
    assert ledger.check() == []


def test_a_reversal_moves_the_amount_back_once(backend):
    ledger = opened(backend)
    ledger.submit([credit("c1", amount=100)])
    fix = Transfer("fix1", "person:a", "issuer", 100, P, "correction", reverses="c1")
    ledger.submit([fix])
    assert ledger.account("person:a").balance == 0
    with pytest.raises(FailedPrecondition, match="already reversed"):
        ledger.submit([Transfer("fix2", "person:a", "issuer", 100, P, "correction", reverses="c1")])
    with pytest.raises(InvalidField, match=r"transfers\[0\]\.amount"):
        ledger.submit([Transfer("fix3", "issuer", "person:a", 99, P, "correction", reverses="fix1")])
    assert backend.entries("t1") == 2


def test_reversal_of_a_stored_transfer_is_the_correction_the_kernel_accepts(backend):
    ledger = opened(backend)
    ledger.submit([credit("c1", amount=70)])
    fix = reversal_of(ledger.transfer("c1"), "reversal:c1", "reversal", "rpc/r1", {"by": "staff"})
    assert (fix.debit_account_id, fix.credit_account_id, fix.amount, fix.ledger) == (
        "person:a",
        "issuer",
        70,
        P,
    )
    assert (fix.reverses, fix.code, fix.cause, dict(fix.user_data)) == (
        "c1",
        "reversal",
        "rpc/r1",
        {"by": "staff"},
    )
    ledger.submit([fix])
    assert ledger.account("person:a").balance == 0
    assert ledger.transfer("reversal:c1").reverses == "c1"
    assert ledger.check() == []


@pytest.mark.parametrize(
    "transfer,field",
    [
        (credit("x", amount=-5), "transfers[0].amount"),
        (credit("x", amount=0), "transfers[0].amount"),
        (credit("x", amount=10**18), "transfers[0].amount"),
        (credit("i" * 129), "transfers[0].id"),
        (credit("has space"), "transfers[0].id"),
        (credit("x", to="person:nobody"), "transfers[0].credit_account_id"),
        (Transfer("x", "issuer", "person:a", 5, "fees", "earn"), "transfers[0].ledger"),
        (credit("x", cause="c" * 100_000), "transfers[0].cause"),
        (credit("x", timeout=5), "transfers[0].timeout"),
        (Transfer("x", flags=TransferFlags.POST_PENDING, pending_id="nope"), "transfers[0].pending_id"),
        (credit("x", reverses="nope"), "transfers[0].reverses"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(backend, transfer, field):
    ledger = opened(backend)
    with pytest.raises(InvalidField) as bad:
        ledger.submit([transfer])
    assert field in [p for p, _ in bad.value.violations]
    assert backend.entries("t1") == 0


def test_tenants_never_see_each_other(backend):
    one, two = opened(backend, "t1"), opened(backend, "t2")
    one.submit([credit("c1", amount=70)])
    two.submit([credit("c1", amount=5)])  # the same id in another tenant is another transfer
    assert one.account("person:a").balance == 70 and two.account("person:a").balance == 5
    backend.ledger("t3").open([Account("issuer", P)])
    with pytest.raises(NotFound):
        backend.ledger("t3").account("person:a")
    with pytest.raises(NotFound):
        backend.ledger("t3").transfer("c1")


def test_history_pages_oldest_first_filtered_by_code_and_time(backend):
    ledger = opened(backend)
    start = now_ms()
    for i in range(5):
        ledger.submit(
            [credit(f"c{i}", amount=10, code="earn" if i % 2 == 0 else "bonus")],
            now=start + timedelta(seconds=i),
        )
    page = ledger.transfers("person:a", limit=2)
    assert [t.id for t in page.transfers] == ["c0", "c1"] and page.next_cursor
    rest = ledger.transfers("person:a", limit=2, cursor=page.next_cursor)
    assert [t.id for t in rest.transfers] == ["c2", "c3"]
    last = ledger.transfers("person:a", limit=2, cursor=rest.next_cursor)
    assert [t.id for t in last.transfers] == ["c4"] and last.next_cursor == ""
    assert [t.id for t in ledger.transfers("person:a", codes=["bonus"]).transfers] == ["c1", "c3"]
    window = ledger.transfers(
        "person:a", since=start + timedelta(seconds=1), until=start + timedelta(seconds=3)
    )
    assert [t.id for t in window.transfers] == ["c1", "c2"]
    with pytest.raises(InvalidField, match="cursor"):
        ledger.transfers("person:a", cursor="nonsense|x")


def test_events_ride_in_the_entry_and_are_not_repeated_on_replay(backend):
    ledger = opened(backend)
    event = new_event(
        events_pb2.EventEnvelope(), source="points", aggregate="account", tenant_id="t1", aggregate_id="a"
    )
    ledger.submit([credit("c1")], events=[event])
    ledger.submit([credit("c1")], events=[event])
    assert backend.events("t1") == [event.event_id]


def test_check_recomputes_and_finds_a_tampered_balance(backend):
    ledger = opened(backend)
    ledger.submit([credit("c1", amount=40), credit("c2", to="person:b", amount=30)])
    ledger.submit([Transfer("r1", "person:a", "person:b", 15, P, "gift")])
    assert ledger.check() == []
    backend.tamper("t1", "person:b")
    found = ledger.check()
    assert [(m.account_id, m.what, m.kept, m.recomputed) for m in found] == [
        ("person:b", "credits_posted", 46, 45)
    ]


def test_concurrent_writers_on_one_account_never_overspend(backend):
    ledger = opened(backend)
    ledger.submit([credit("c1", amount=10)])
    outcomes: list[str] = []

    def spend(i):
        try:
            backend.ledger("t1").submit([Transfer(f"s{i}", "person:a", "sink", 1, P, "redeem")])
            outcomes.append("ok")
        except FailedPrecondition:
            outcomes.append("refused")

    threads = [threading.Thread(target=spend, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes).count("ok") == 10 and outcomes.count("refused") == 6
    assert ledger.account("person:a").balance == 0 and ledger.check() == []


def test_the_sweep_finds_pending_transfers_that_expire_after_an_earlier_sweep(backend):
    ledger = opened(backend)
    ledger.submit([credit("c1", amount=100)])
    start = now_ms()
    hold = Transfer("h1", "person:a", "sink", 10, P, "redeem", flags=TransferFlags.PENDING, timeout=5)
    ledger.submit([hold], now=start)
    assert [v.pending_id for v in ledger.expire(start + timedelta(seconds=6))] == ["h1"]
    later = Transfer("h2", "person:a", "sink", 10, P, "redeem", flags=TransferFlags.PENDING, timeout=5)
    ledger.submit([later], now=start + timedelta(seconds=7))
    open_one = Transfer("h3", "person:a", "sink", 10, P, "redeem", flags=TransferFlags.PENDING, timeout=60)
    ledger.submit([open_one], now=start + timedelta(seconds=7))
    assert ledger.expire(start + timedelta(seconds=8)) == []
    assert [v.pending_id for v in ledger.expire(start + timedelta(seconds=13))] == ["h2"]
    assert ledger.account("person:a").available == 90


@pytest.mark.integration
def test_the_check_command_reports_agreeing_books_and_a_tampered_one(mongo_db, capsys):
    from linli_ledger.check import report  # main() connects, then reports

    backend = Mongo()
    opened(backend, "t1").submit([credit("c1", amount=40)])
    opened(backend, "t2").submit([credit("c1", amount=40)])
    assert report(None, False) == 0
    assert "✓ t1: 账目一致" in capsys.readouterr().out
    backend.tamper("t2", "person:a")
    assert report(None, True) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["t1"] == [] and report["t2"][0]["what"] == "credits_posted"
