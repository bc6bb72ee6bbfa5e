"""HTTP that connects only where the egress policy allows: addresses are checked as the socket opens.

A check made before sending (the sender's, for its clear message) resolves the host once; the HTTP
client would resolve it again to connect, and a hostile DNS server can answer the second lookup with
an inside address (DNS rebinding). So every new connection resolves through the policy, is refused
if any address is not allowed, and connects to exactly those addresses; TLS still sends the host
name (SNI) and verifies the certificate against it. A kept-alive connection was checked when it
was opened. Connections through a proxy (HTTP(S)_PROXY) are opened by urllib3's own classes to the
proxy: there only the sender's check applies, and the proxy resolves the host itself.
"""

from __future__ import annotations

import socket

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from linli_notifications.domain.egress import EgressPolicy, EgressRefused


def system_resolve(host: str, port: int) -> list[str]:
    """The host's addresses from the system resolver (getaddrinfo), in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def default_policy(allow_private: bool = False) -> EgressPolicy:
    return EgressPolicy(system_resolve, allow_private)


class RefusedByPolicy(NewConnectionError):
    """Opening a connection to a refused address (requests raises it as a ConnectionError)."""

    def __init__(self, conn, reason: str):
        super().__init__(conn, f"not connected: {reason}")
        self.reason = reason


class _Checked:
    """Mixin for urllib3 connections: resolve through the policy, connect to those addresses only."""

    policy: EgressPolicy
    _dns_host: str
    port: int

    def _new_conn(self) -> socket.socket:
        host = self._dns_host
        try:
            addresses = self.policy.addresses(host, self.port)
        except EgressRefused as refused:
            raise RefusedByPolicy(self, refused.reason) from None
        failure: ConnectTimeoutError | None = None
        for address in addresses:
            # urllib3 connects to `_dns_host`; `host` (SNI, certificate, Host header) is read after this.
            self._dns_host = address
            try:
                return super()._new_conn()  # type: ignore[misc]
            except ConnectTimeoutError as exc:  # also NewConnectionError: try the next address
                failure = exc
            finally:
                self._dns_host = host
        assert failure is not None  # addresses is never empty
        raise failure


class PolicyAdapter(HTTPAdapter):
    """A requests transport adapter whose direct connections go through `_Checked`."""

    def __init__(self, policy: EgressPolicy, **kwargs):
        self.policy = policy  # before super().__init__, which builds the pool manager
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        extra = {"policy": self.policy}
        http = type("CheckedHTTPConnection", (_Checked, HTTPConnection), extra)
        https = type("CheckedHTTPSConnection", (_Checked, HTTPSConnection), extra)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("CheckedHTTPConnectionPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("CheckedHTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }


def policy_session(policy: EgressPolicy) -> requests.Session:
    session = requests.Session()
    adapter = PolicyAdapter(policy)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def refusal_in(exc: requests.RequestException) -> str | None:
    """The policy's reason when a request failed because its connection was refused, else None."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, RefusedByPolicy):
            return cause.reason
        nested = getattr(cause, "reason", None)  # MaxRetryError keeps the connection error here
        if isinstance(nested, BaseException):
            cause = nested
        elif cause.args and isinstance(cause.args[0], BaseException):
            cause = cause.args[0]  # requests' ConnectionError wraps the MaxRetryError
        else:
            cause = cause.__cause__ or cause.__context__
    return None
