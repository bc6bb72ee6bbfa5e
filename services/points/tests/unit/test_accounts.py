"""Reading points accounts, on the in-memory fakes: who may read whose, and what an account holds."""

from __future__ import annotations

import pytest
from linli.points.v1.events_pb2 import PointsCredited
from linli_platform.auth import Principal, Role
from linli_platform.errors import InvalidField, PermissionDenied
from linli_platform.events import decode, unpack
from linli_platform.testing.fakes import FakeStore
from linli_points.adapters.fakes import fake_unit_of_work
from linli_points.domain.account import Account
from linli_points.service_layer.accounts import read_account

RESIDENT = Principal("hanyang", Role.RESIDENT, "res-chen")
STAFF = Principal("hanyang", Role.COMMUNITY_STAFF, "staff-yang")


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


def credited(store: FakeStore, tenant: str, subject: str, amount: int) -> None:
    with fake_unit_of_work(store)(tenant) as uow:
        account = uow.accounts.find(subject) or Account(tenant, subject)
        account.credit(amount, "志愿服务 2 小时")
        if account.is_new:
            uow.accounts.add(account)
        uow.commit()


def test_someone_who_never_earned_points_has_a_balance_of_zero(store):
    account = read_account(fake_unit_of_work(store)("hanyang"), RESIDENT, "res-chen")
    assert (account.tenant_id, account.subject, account.balance) == ("hanyang", "res-chen", 0)
    assert store.writes == 0  # a read writes nothing


def test_a_person_reads_their_own_balance(store):
    credited(store, "hanyang", "res-chen", 20)
    assert read_account(fake_unit_of_work(store)("hanyang"), RESIDENT, "res-chen").balance == 20


def test_staff_read_anyones_balance_but_a_resident_only_their_own(store):
    credited(store, "hanyang", "res-li", 5)
    assert read_account(fake_unit_of_work(store)("hanyang"), STAFF, "res-li").balance == 5
    with pytest.raises(PermissionDenied):
        read_account(fake_unit_of_work(store)("hanyang"), RESIDENT, "res-li")


def test_another_districts_account_is_not_seen(store):
    credited(store, "xingshan", "res-chen", 30)
    assert read_account(fake_unit_of_work(store)("hanyang"), RESIDENT, "res-chen").balance == 0


def test_a_credit_adds_to_the_balance_and_records_points_credited(store):
    credited(store, "hanyang", "res-chen", 20)
    credited(store, "hanyang", "res-chen", 3)
    outgoing = store.take_events()
    assert {(e.topic, e.key) for e in outgoing} == {("points.account.v1", "hanyang:res-chen")}
    events = [decode(e.value) for e in outgoing]
    assert [(e.aggregate_id, e.aggregate_version) for e in events] == [("res-chen", 1), ("res-chen", 2)]
    assert unpack(events[1]) == PointsCredited(subject="res-chen", amount=3, reason="志愿服务 2 小时")
    assert read_account(fake_unit_of_work(store)("hanyang"), RESIDENT, "res-chen").balance == 23


@pytest.mark.parametrize("amount", [0, -5])
def test_points_are_credited_only_in_positive_amounts(amount):
    account = Account("hanyang", "res-chen", balance=10)
    with pytest.raises(InvalidField) as refused:
        account.credit(amount, "x")
    assert refused.value.violations[0][0] == "amount"
    assert (account.balance, account.pending) == (10, [])
