"""A service reports the configuration version it applies; `wait_until_applied` waits for all of them."""

import grpc
import pytest
from linli.common.v1 import config_version_pb2 as pb
from linli_platform.config import Settings
from linli_platform.config_version import applied_version, wait_until_applied, with_config_version
from linli_platform.grpc_server import build_server
from linli_platform.testing.fixtures import make_token


class Copy:
    """What a service's GovernanceCache offers: per-district versions and the cache's lifetime."""

    def __init__(self, ttl: float = 2.0, **versions: int):
        self.ttl, self.versions = ttl, versions

    def version(self, tenant: str) -> int:
        return self.versions.get(tenant, 0)


@pytest.fixture
def served():
    copy = Copy(hanyang=3, xingshan=7)
    running = build_server(
        Settings(service="tickets"),
        with_config_version(lambda s: [], copy)(Settings(service="tickets")),
        port=0,
    )
    yield f"127.0.0.1:{running.port}", copy
    running.drain(0)


def test_a_service_reports_the_version_of_the_callers_district_and_its_settle_time(served):
    address, _ = served
    answer = applied_version(address, make_token("hanyang", "district_admin"))
    assert (answer.service, answer.version, answer.settle_ms) == ("tickets", 3, 2000)
    assert applied_version(address, make_token("xingshan", "resident")).version == 7
    assert applied_version(address, make_token("nowhere", "district_admin")).version == 0


def test_without_a_token_the_version_is_not_told(served):
    address, _ = served
    with pytest.raises(grpc.RpcError) as caught:
        applied_version(address, "")
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def answers(schedule: dict[str, list[tuple[float, int]]], clock: FakeClock):
    """Each service's version from a time on: [(since, version), …]."""

    def ask(address: str, token: str):
        if address == "down":
            raise FakeRpcError()
        version = max(v for since, v in schedule[address] if since <= clock.now)
        return pb.GetAppliedConfigVersionResponse(service=address, version=version, settle_ms=1000)

    return ask


class FakeRpcError(grpc.RpcError):
    def code(self):
        return grpc.StatusCode.UNAVAILABLE

    def details(self):
        return "connection refused"


def test_the_wait_ends_when_every_service_has_the_version_and_its_other_processes_settled():
    clock = FakeClock()
    schedule = {"tickets": [(0, 1), (0.6, 2)], "fees": [(0, 2)]}
    outcome = wait_until_applied(
        {"tickets": "tickets", "fees": "fees"},
        "t",
        2,
        30,
        ask=answers(schedule, clock),
        clock=clock,
        sleep=clock.sleep,
    )
    assert outcome.ok
    assert outcome.applied == {"fees": 1.0, "tickets": pytest.approx(1.6, abs=0.01)}
    assert clock.now == pytest.approx(1.6, abs=0.01)


def test_a_service_still_on_the_old_version_or_unreachable_is_named_at_the_deadline():
    clock = FakeClock()
    schedule = {"tickets": [(0, 1)], "fees": [(0, 2)]}
    outcome = wait_until_applied(
        {"tickets": "tickets", "fees": "fees", "points": "down"},
        "t",
        2,
        5,
        ask=answers(schedule, clock),
        clock=clock,
        sleep=clock.sleep,
    )
    assert not outcome.ok
    assert outcome.late == {"tickets": "仍在使用版本 1", "points": "UNAVAILABLE: connection refused"}
    assert outcome.applied == {"fees": 1.0}
    assert clock.now == pytest.approx(5, abs=0.01)
