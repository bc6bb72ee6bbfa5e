"""Which governance configuration version a service applies, and waiting until every service has one.

Tickets, fees, points and notifications keep a copy of each district's configuration (from
GovernanceConfigChanged) and read it through a per-process cache (linli_governance.cache). So a
change is in force in a service some time after communities stored it: the consumer writes the copy,
then every process of the service reads it when its cache expires. Each such service serves
``linli.common.v1.ConfigVersionService`` — one line in its API main::

    run_api("tickets", with_config_version(specs, CACHE))

``CACHE`` is anything with ``version(tenant) -> int`` and ``ttl`` (seconds), e.g. the service's
GovernanceCache. The reported version is what this process judges the next request by; ``settle_ms``
says how much later every other process of the service (its worker, other replicas: same stored copy,
same cache lifetime) has it too.

``wait_until_applied`` is the client side (``linli config apply --wait``): it polls every service
until each reports the version, then waits out the longest ``settle_ms``; a service that is late or
unreachable at the deadline is named.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import grpc
from linli.common.v1 import config_version_pb2 as pb
from linli.common.v1 import config_version_pb2_grpc as pb_grpc

from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["ConfigVersionService"].full_name
CONFIG_COPY_SERVICES = ("tickets", "fees", "points", "notifications")  # keep a copy of the config
POLL_SECONDS = 0.2


class AppliedConfig(Protocol):
    ttl: float

    def version(self, tenant: str) -> int: ...


@dataclass(frozen=True)
class Applied:
    """An AppliedConfig from a function, for a service that reads its stored copy on every request
    (nothing cached: ``ttl`` 0)."""

    read: Callable[[str], int]
    ttl: float = 0.0

    def version(self, tenant: str) -> int:
        return self.read(tenant)


class ConfigVersionServicer(pb_grpc.ConfigVersionServiceServicer):
    def __init__(self, service: str, applied: AppliedConfig):
        self.service, self.applied = service, applied

    def GetAppliedConfigVersion(self, request, context):
        return pb.GetAppliedConfigVersionResponse(
            service=self.service,
            version=self.applied.version(current_principal().tenant),
            settle_ms=int(self.applied.ttl * 1000),
        )


def config_version_spec(service: str, applied: AppliedConfig) -> ServiceSpec:
    return ServiceSpec(
        ConfigVersionServicer(service, applied),
        pb_grpc.add_ConfigVersionServiceServicer_to_server,
        SERVICE_NAME,
    )


def with_config_version(specs: Callable, applied: AppliedConfig) -> Callable:
    """A service's ``specs(settings)`` plus the ConfigVersionService reporting from ``applied``."""

    def both(settings) -> list[ServiceSpec]:
        return [*specs(settings), config_version_spec(settings.service, applied)]

    return both


# -- the client side ---------------------------------------------------------------------------------
@dataclass
class WaitOutcome:
    version: int
    applied: dict[str, float] = field(default_factory=dict)  # service → seconds until in force
    late: dict[str, str] = field(default_factory=dict)  # service → why (its version, or the error)
    silent: list[str] = field(default_factory=list)  # services that do not report (UNIMPLEMENTED)

    @property
    def ok(self) -> bool:
        return not self.late


def applied_version(address: str, token: str, timeout: float = 5.0) -> pb.GetAppliedConfigVersionResponse:
    with grpc.insecure_channel(address) as channel:
        return pb_grpc.ConfigVersionServiceStub(channel).GetAppliedConfigVersion(
            pb.GetAppliedConfigVersionRequest(),
            metadata=[("authorization", f"Bearer {token}")],
            timeout=timeout,
        )


def wait_until_applied(
    addresses: dict[str, str],
    token: str,
    version: int,
    timeout: float,
    *,
    ask: Callable[[str, str], pb.GetAppliedConfigVersionResponse] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> WaitOutcome:
    """Poll each service (name → gRPC address) until it applies ``version`` or ``timeout`` passes."""
    ask = ask or (lambda address, token: applied_version(address, token))
    start = clock()
    deadline = start + timeout
    outcome = WaitOutcome(version)
    pending = dict(addresses)
    settle_until: dict[str, float] = {}
    while True:
        for service, address in list(pending.items()):
            try:
                answer = ask(address, token)
            except grpc.RpcError as err:
                if err.code() == grpc.StatusCode.UNIMPLEMENTED:  # a build without the reporter
                    outcome.silent.append(service)
                    del pending[service]
                    continue
                outcome.late[service] = f"{err.code().name}: {err.details() or ''}".strip()
                if err.code() in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED):
                    del pending[service]  # waiting will not change the answer
                continue
            if answer.version >= version:
                settle_until[service] = clock() + answer.settle_ms / 1000
                del pending[service]
                outcome.late.pop(service, None)
            else:
                outcome.late[service] = f"仍在使用版本 {answer.version}"
        now = clock()
        if not pending and all(at <= now for at in settle_until.values()):
            break
        if now >= deadline:
            for service, at in settle_until.items():
                if at > now:
                    outcome.late[service] = "已取得新版本，其他进程尚未全部读取"
            break
        waits = [at - now for at in settle_until.values() if at > now]
        sleep(min([POLL_SECONDS, *waits, max(deadline - now, 0.0)]))
    for service, at in settle_until.items():
        if service not in outcome.late:
            outcome.applied[service] = round(min(at, clock()) - start, 2)
    return outcome
