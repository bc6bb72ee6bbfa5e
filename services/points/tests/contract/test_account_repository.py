"""The points accounts' repository: the in-memory fake behaves as the MongoDB one does.

Every test runs on the fake and on the real Mongo-wire server (SecantusDB, integration). The
kit's save path itself is proven once in libs/linli_platform/tests/contract; this proves the
points mapping (what is stored, what comes back) and the outbox of its events.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from linli_platform.errors import Aborted, NotFound
from linli_platform.events import decode
from linli_platform.persistence import AlreadyStored
from linli_platform.testing.fakes import FakeStore
from linli_points.adapters.documents import AccountDoc
from linli_points.adapters.fakes import fake_unit_of_work
from linli_points.adapters.unit_of_work import mongo_unit_of_work
from linli_points.domain.account import Account
from linli_points.service_layer.unit_of_work import UnitOfWorkFactory

Backend = tuple[UnitOfWorkFactory, Callable[[str, str], list[int]]]  # units of work, outbox of an account


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def backend(request) -> Backend:
    if request.param == "fake":
        store = FakeStore()

        def fake_outbox(tenant: str, subject: str) -> list[int]:
            envelopes = [decode(e.value) for e in store.outbox]
            return [
                e.aggregate_version for e in envelopes if (e.tenant_id, e.aggregate_id) == (tenant, subject)
            ]

        return fake_unit_of_work(store), fake_outbox
    request.getfixturevalue("mongo_db")

    def mongo_outbox(tenant: str, subject: str) -> list[int]:
        stored = AccountDoc._get_collection().find_one({"tenant_id": tenant, "subject": subject}) or {}
        return [decode(entry["value"]).aggregate_version for entry in stored.get("outbox", [])]

    return mongo_unit_of_work, mongo_outbox


@pytest.fixture
def uow(backend) -> UnitOfWorkFactory:
    return backend[0]


def opened(uow: UnitOfWorkFactory, tenant: str, subject: str, amount: int) -> None:
    with uow(tenant) as work:
        account = Account(tenant, subject)
        account.credit(amount, "志愿服务")
        work.accounts.add(account)
        work.commit()


def test_an_account_comes_back_as_stored(uow):
    opened(uow, "hanyang", "res-chen", 7)
    account = uow("hanyang").accounts.get("res-chen")
    assert (account.tenant_id, account.subject, account.balance, account.version) == (
        "hanyang",
        "res-chen",
        7,
        1,
    )
    assert account.pending == []


def test_an_unknown_subject_is_not_found_and_other_districts_see_none(uow):
    opened(uow, "hanyang", "res-chen", 7)
    with pytest.raises(NotFound, match="account res-new not found"):
        uow("hanyang").accounts.get("res-new")
    assert uow("xingshan").accounts.find("res-chen") is None


def test_one_account_per_subject(uow):
    opened(uow, "hanyang", "res-chen", 7)
    with pytest.raises(AlreadyStored):
        opened(uow, "hanyang", "res-chen", 1)
    opened(uow, "xingshan", "res-chen", 1)  # the same subject in another district is another account
    assert uow("hanyang").accounts.get("res-chen").balance == 7


def test_a_credit_is_saved_with_its_event_in_the_outbox(backend):
    uow, outbox = backend
    opened(uow, "hanyang", "res-chen", 7)
    with uow("hanyang") as work:
        work.accounts.get("res-chen").credit(2, "回访")
        work.commit()
    assert uow("hanyang").accounts.get("res-chen").balance == 9
    assert outbox("hanyang", "res-chen") == [1, 2]
    assert outbox("xingshan", "res-chen") == []


def test_a_lost_race_is_aborted_and_its_credit_not_stored(uow):
    opened(uow, "hanyang", "res-chen", 7)
    first, second = uow("hanyang"), uow("hanyang")
    mine, theirs = first.accounts.get("res-chen"), second.accounts.get("res-chen")
    mine.credit(3, "a")
    first.commit()
    theirs.credit(100, "b")
    with pytest.raises(Aborted):
        second.commit()
    account = uow("hanyang").accounts.get("res-chen")
    assert (account.balance, account.version) == (10, 2)
