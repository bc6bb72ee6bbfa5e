"""Property test: random sequences of credits, spends, pending holds, posts, voids, expiries,
reversals and linked batches (some with a failing member), each step also replayed.

After every step: each ledger sums to zero (posted and pending), no flagged account is below zero,
recomputed balances equal the kept ones, a replay of the step changes nothing, and the balances
equal those of a naive model that predicts which steps succeed.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from linli_ledger import Account, AccountFlags, Transfer, TransferFlags, now_ms, recompute
from linli_ledger.memory import MemoryBooks
from linli_ledger.mongo import MongoBooks
from linli_platform.errors import FailedPrecondition

P = "points"
PEOPLE = ["person:a", "person:b", "person:c"]
amounts = st.integers(min_value=1, max_value=60)
people = st.sampled_from(PEOPLE)
steps = st.one_of(
    st.tuples(st.just("credit"), people, amounts),
    st.tuples(st.just("spend"), people, amounts),
    st.tuples(st.just("hold"), people, amounts, st.sampled_from([0, 10, 30])),
    st.tuples(st.just("post"), st.integers(0, 30), st.integers(0, 60)),
    st.tuples(st.just("void"), st.integers(0, 30)),
    st.tuples(st.just("reverse"), st.integers(0, 60)),
    st.tuples(st.just("later"), st.integers(1, 40)),
    st.tuples(st.just("linked"), people, amounts, amounts, st.booleans()),
)


class Model:
    """What the books should say, kept the naive way."""

    def __init__(self):
        self.posted = dict.fromkeys(PEOPLE, 0)
        self.held: dict[str, tuple[str, int, object]] = {}  # open holds: id → (person, amount, expires)

    def available(self, person):
        return self.posted[person] - sum(a for p, a, _ in self.held.values() if p == person)


def _submit(ledger, batch, now):
    """Submit, then the same again: the replay answers the same and changes nothing."""
    try:
        first = ledger.submit(batch, now=now)
    except FailedPrecondition:
        return False
    before = {a: ledger.account(a) for a in PEOPLE + ["issuer", "sink"]}
    again = ledger.submit(batch, now=now + timedelta(seconds=1))
    assert not again.created and again.transfers == first.transfers
    assert {a: ledger.account(a) for a in PEOPLE + ["issuer", "sink"]} == before
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(steps, min_size=1, max_size=40))
def test_random_books_balance_never_go_negative_and_recompute(ops):
    books = MemoryBooks()
    run(books.ledger("t1"), ops)
    kept = {h.account_id: h.balance for h in books.heads.values()}
    recomputed = recompute(t for e in books.entries.get("t1", []) for t in e.transfers)
    assert {k: v for k, v in recomputed.items() if k in kept} == kept


@pytest.mark.integration
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(steps, min_size=1, max_size=25))
def test_the_same_on_the_mongo_adapter(mongo_db, ops):
    run(MongoBooks().ledger(f"t-{uuid.uuid4().hex[:8]}"), ops)  # a fresh district per example


def run(ledger, ops):
    ledger.open(
        [Account("issuer", P), Account("sink", P)]
        + [Account(p, P, "person", AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) for p in PEOPLE]
    )
    model = Model()
    now = now_ms()
    holds: list[str] = []
    posted: list[tuple[str, str, str, int]] = []  # reversible: (id, debit, credit, amount)
    reversed_: set[str] = set()
    for n, op in enumerate(ops):
        tid = f"op{n}"
        kind = op[0]
        if kind == "credit":
            _, person, amount = op
            assert _submit(ledger, [Transfer(tid, "issuer", person, amount, P, "earn")], now)
            model.posted[person] += amount
            posted.append((tid, "issuer", person, amount))
        elif kind == "spend":
            _, person, amount = op
            ok = _submit(ledger, [Transfer(tid, person, "sink", amount, P, "redeem")], now)
            assert ok == (model.available(person) >= amount)
            if ok:
                model.posted[person] -= amount
                posted.append((tid, person, "sink", amount))
        elif kind == "hold":
            _, person, amount, timeout = op
            hold = Transfer(
                tid, person, "sink", amount, P, "redeem", flags=TransferFlags.PENDING, timeout=timeout
            )
            ok = _submit(ledger, [hold], now)
            assert ok == (model.available(person) >= amount)
            if ok:
                model.held[tid] = (person, amount, now + timedelta(seconds=timeout) if timeout else None)
                holds.append(tid)
        elif kind in ("post", "void") and holds:
            pending_id = holds[op[1] % len(holds)]
            is_open = pending_id in model.held
            if kind == "post":
                person, held, expires = model.held.get(pending_id, ("", 0, None))
                amount = min(op[2], held) if held else 0
                t = Transfer(tid, flags=TransferFlags.POST_PENDING, pending_id=pending_id, amount=amount)
                ok = _submit(ledger, [t], now)
                assert ok == (is_open and (expires is None or now < expires))
                if ok:
                    model.held.pop(pending_id)
                    model.posted[person] -= amount or held
                    posted.append((tid, person, "sink", amount or held))
            else:
                ok = _submit(
                    ledger, [Transfer(tid, flags=TransferFlags.VOID_PENDING, pending_id=pending_id)], now
                )
                assert ok == is_open
                if ok:
                    model.held.pop(pending_id)
        elif kind == "reverse" and posted:
            original, debit, credit, amount = posted[op[1] % len(posted)]
            fix = Transfer(tid, credit, debit, amount, P, "correction", reverses=original)
            ok = _submit(ledger, [fix], now)
            allowed = original not in reversed_ and (
                credit not in PEOPLE or model.available(credit) >= amount
            )
            assert ok == allowed
            if ok:
                reversed_.add(original)
                if credit in PEOPLE:
                    model.posted[credit] -= amount
                if debit in PEOPLE:
                    model.posted[debit] += amount
        elif kind == "later":
            now = now + timedelta(seconds=op[1])
            voids = ledger.expire(now)
            gone = {h for h, (_, _, exp) in model.held.items() if exp is not None and exp <= now}
            assert {v.pending_id for v in voids} == gone
            for h in gone:
                model.held.pop(h)
        elif kind == "linked":
            _, person, gain, cost, failing = op
            batch = [Transfer(f"{tid}.1", "issuer", person, gain, P, "earn")]
            batch.append(Transfer(f"{tid}.2", person, "sink", cost, P, "redeem"))
            if failing:  # a member that must fail: more than anyone could hold
                batch.append(Transfer(f"{tid}.3", person, "sink", 10**6, P, "redeem"))
            ok = _submit(ledger, batch, now)
            assert ok == (not failing and model.available(person) + gain >= cost)
            if ok:
                model.posted[person] += gain - cost
        _invariants(ledger, model)


def _invariants(ledger, model):
    accounts = ledger.accounts(PEOPLE + ["issuer", "sink"])
    assert sum(a.debits_posted - a.credits_posted for a in accounts.values()) == 0
    assert sum(a.debits_pending - a.credits_pending for a in accounts.values()) == 0
    for person in PEOPLE:
        a = accounts[person]
        assert a.debits_pending + a.debits_posted <= a.credits_posted
        assert a.balance == model.posted[person]
        assert a.available == model.available(person)
    assert ledger.check() == []
