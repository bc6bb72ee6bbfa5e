"""The points servicer in-process over real gRPC, the in-memory fakes behind it."""

from __future__ import annotations

import grpc
import pytest
from linli.points.v1 import points_pb2 as pb
from linli.points.v1 import points_pb2_grpc as pb_grpc
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.status import field_violations
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import bearer, make_token
from linli_points.adapters.fakes import fake_unit_of_work
from linli_points.domain.account import Account
from linli_points.entrypoints.grpc_api import specs


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    with fake_unit_of_work(store)("hanyang") as uow:
        account = Account("hanyang", "res-chen")
        account.credit(12, "楼道清扫")
        uow.accounts.add(account)
        uow.commit()
    return store


@pytest.fixture
def stub(store):
    settings = Settings(service="points", grpc_workers=2)
    running = build_server(settings, specs(settings, fake_unit_of_work(store)), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.PointsServiceStub(channel)
    channel.close()
    running.drain(0)


def as_(role: str, subject: str, tenant: str = "hanyang"):
    return bearer(make_token(tenant, role, subject))


def refused(call) -> tuple[grpc.StatusCode, list]:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code(), field_violations(err.value)


def test_a_resident_reads_their_balance(stub):
    got = stub.GetAccount(pb.GetAccountRequest(subject="res-chen"), metadata=as_("resident", "res-chen"))
    assert got == pb.Account(tenant_id="hanyang", subject="res-chen", balance=12)


def test_staff_read_anyone_and_an_unknown_subject_has_zero(stub):
    staff = as_("grid_worker", "grid-wang")
    assert stub.GetAccount(pb.GetAccountRequest(subject="res-chen"), metadata=staff).balance == 12
    assert stub.GetAccount(pb.GetAccountRequest(subject="res-new"), metadata=staff).balance == 0


def test_another_persons_balance_is_permission_denied_to_a_resident(stub):
    code, _ = refused(
        lambda: stub.GetAccount(pb.GetAccountRequest(subject="res-chen"), metadata=as_("resident", "res-li"))
    )
    assert code == grpc.StatusCode.PERMISSION_DENIED


def test_another_district_sees_nothing_of_this_one(stub):
    outsider = as_("district_admin", "admin@xingshan", tenant="xingshan")
    got = stub.GetAccount(pb.GetAccountRequest(subject="res-chen"), metadata=outsider)
    assert (got.tenant_id, got.balance) == ("xingshan", 0)


def test_a_missing_subject_is_invalid_argument_naming_it(stub):
    code, violations = refused(lambda: stub.GetAccount(pb.GetAccountRequest(), metadata=as_("resident", "r")))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "subject"


def test_no_token_is_unauthenticated(stub):
    code, _ = refused(lambda: stub.GetAccount(pb.GetAccountRequest(subject="res-chen")))
    assert code == grpc.StatusCode.UNAUTHENTICATED
