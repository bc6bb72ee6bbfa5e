"""The fees servicer in-process over real gRPC, the in-memory fakes behind it."""

from __future__ import annotations

import grpc
import pytest
from linli.fees.v1 import fees_pb2 as pb
from linli.fees.v1 import fees_pb2_grpc as pb_grpc
from linli_fees.adapters.fakes import fake_unit_of_work
from linli_fees.entrypoints.grpc_api import specs
from linli_fees.service_layer.schedules import apply_prices
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.status import field_violations
from linli_platform.testing.fakes import FakeStore
from linli_platform.testing.fixtures import bearer, make_token

RESIDENT = bearer(make_token("hanyang", "resident", "res-chen"))


@pytest.fixture
def stub():
    store = FakeStore()
    apply_prices(fake_unit_of_work(store)("hanyang"), 1, {"jinjiang": 40, "free-1": 0})
    settings = Settings(service="fees", grpc_workers=2)
    running = build_server(settings, specs(settings, fake_unit_of_work(store)), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.FeesServiceStub(channel)
    channel.close()
    running.drain(0)


def refused(call) -> tuple[grpc.StatusCode, list]:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code(), field_violations(err.value)


def test_a_priced_compound_answers_its_price(stub):
    got = stub.GetFeeSchedule(pb.GetFeeScheduleRequest(compound_id="jinjiang"), metadata=RESIDENT)
    assert got == pb.FeeSchedule(tenant_id="hanyang", compound_id="jinjiang", fen_per_m2_month=40)
    free = stub.GetFeeSchedule(pb.GetFeeScheduleRequest(compound_id="free-1"), metadata=RESIDENT)
    assert free.fen_per_m2_month == 0  # priced at 0 by the district: known, not missing


def test_an_unknown_compound_or_another_districts_is_not_found(stub):
    code, _ = refused(
        lambda: stub.GetFeeSchedule(pb.GetFeeScheduleRequest(compound_id="nope"), metadata=RESIDENT)
    )
    assert code == grpc.StatusCode.NOT_FOUND
    outsider = bearer(make_token("xingshan", "district_admin", "admin@xingshan"))
    code, _ = refused(
        lambda: stub.GetFeeSchedule(pb.GetFeeScheduleRequest(compound_id="jinjiang"), metadata=outsider)
    )
    assert code == grpc.StatusCode.NOT_FOUND


def test_a_missing_compound_is_invalid_argument_naming_it(stub):
    code, violations = refused(lambda: stub.GetFeeSchedule(pb.GetFeeScheduleRequest(), metadata=RESIDENT))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "compound_id"
