"""gRPC clients of tickets, communities, notifications and fees (the public ledger), called with
short-lived tokens the gateway signs.

The gateway acts for one district (tenant) per call: it signs a token naming that tenant, a role
and a subject that says which edge client acted (an Open311 key, a building's QR code), so the
services' own tenancy and role checks apply unchanged.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import grpc
from linli.communities.v1 import communities_pb2_grpc, governance_pb2_grpc
from linli.fees.v1 import ledger_pb2_grpc
from linli.notifications.v1 import notifications_pb2_grpc
from linli.tickets.v1 import tickets_pb2_grpc
from linli_platform.auth import Principal, issue_token

from linli_gateway.settings import GatewaySettings

TOKEN_TTL_SECONDS = 120
TOKEN_REUSE_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Acting:
    """Whom the gateway acts as for one call."""

    tenant: str
    role: str
    subject: str


class Backends:
    """One channel per service for the process; tokens cached for a minute per (tenant, role, subject)."""

    def __init__(self, settings: GatewaySettings):
        self._secret = settings.jwt_secret.get_secret_value()
        self._timeout = settings.gateway_call_timeout
        self._issuer = settings.jwt_issuer
        self._channels = {
            "tickets": grpc.insecure_channel(settings.tickets_addr),
            "communities": grpc.insecure_channel(settings.communities_addr),
            "notifications": grpc.insecure_channel(settings.notifications_addr),
            "fees": grpc.insecure_channel(settings.fees_addr),
        }
        self.tickets = tickets_pb2_grpc.TicketsServiceStub(self._channels["tickets"])
        self.communities = communities_pb2_grpc.CommunitiesServiceStub(self._channels["communities"])
        self.governance = governance_pb2_grpc.GovernanceServiceStub(self._channels["communities"])
        self.notifications = notifications_pb2_grpc.NotificationsServiceStub(self._channels["notifications"])
        self.ledger = ledger_pb2_grpc.PublicLedgerServiceStub(self._channels["fees"])
        self._tokens: dict[Acting, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def metadata(self, acting: Acting) -> list[tuple[str, str]]:
        now = time.monotonic()
        with self._lock:
            cached = self._tokens.get(acting)
            if cached is None or now - cached[0] > TOKEN_REUSE_SECONDS:
                principal = Principal(tenant=acting.tenant, role=acting.role, subject=acting.subject)
                cached = (now, issue_token(self._secret, principal, TOKEN_TTL_SECONDS, self._issuer))
                if len(self._tokens) > 10_000:
                    self._tokens.clear()
                self._tokens[acting] = cached
        return [("authorization", f"Bearer {cached[1]}")]

    def call(self, method, request, acting: Acting):
        """Invoke a stub method for `acting`; grpc.RpcError propagates to the caller's mapping."""
        return method(request, metadata=self.metadata(acting), timeout=self._timeout)

    def close(self) -> None:
        for channel in self._channels.values():
            channel.close()
