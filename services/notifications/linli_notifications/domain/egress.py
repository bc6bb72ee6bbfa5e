"""Which webhook URLs the worker may call: the guard against server-side request forgery (SSRF).

A subscriber chooses the URL and the worker POSTs to it from inside the deployment, so an unchecked
URL lets anyone allowed to subscribe make the worker call the database, another service's metrics,
or the cloud metadata service at 169.254.169.254. A URL may be called when its scheme is http or
https, it names a host and carries no `user:password@`, and every address the host resolves to is
public — unless the deployment allows private targets (`linli dev` and the tests, whose receivers
listen on 127.0.0.1).

Pure: the resolver is passed in (the system's lives in adapters/egress_http.py; tests use a table).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

# host, port -> IP address strings. Raises OSError (or ValueError) when the host cannot be resolved.
Resolver = Callable[[str, int], Sequence[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_PORTS = {"http": 80, "https": 443}
# Carrier-grade NAT (RFC 6598): neither global nor, for the ipaddress module, "private".
SHARED = ipaddress.ip_network("100.64.0.0/10")
# NAT64 (RFC 6052): an IPv6-only network reaches IPv4 hosts through these; the IPv4 inside decides.
NAT64 = ipaddress.ip_network("64:ff9b::/96")
METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
ONLY_PUBLIC = "webhooks are sent only to public addresses"


class EgressRefused(Exception):
    """The URL may not be called; `reason` says why in plain words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Endpoint:
    scheme: str
    host: str
    port: int


def endpoint_of(url: str) -> Endpoint:
    """Scheme, host and port of a URL that passes the rules which need no resolving."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise EgressRefused(f"is not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise EgressRefused(f"scheme {parts.scheme or '(none)'!r} is not allowed; use http or https")
    if "@" in parts.netloc:
        raise EgressRefused(
            "must not carry a user name or password (user:password@host); "
            "receivers authenticate deliveries by their signature"
        )
    if not parts.hostname:
        raise EgressRefused("names no host")
    return Endpoint(scheme, parts.hostname, port or DEFAULT_PORTS[scheme])


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.scope_id is None and ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def classify(address: str) -> tuple[str, str] | None:
    """(kind, note) of a non-public address, e.g. ("a loopback address", ""), or None when public."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address", ""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        found = classify(str(inner))
        if found is None:
            return None
        kind, note = found
        return kind, ", ".join(filter(None, [note, f"IPv4 {inner} inside IPv6"]))
    if ip.is_unspecified:
        return "the unspecified address", ""
    if ip.is_loopback:
        return "a loopback address", ""
    if ip.is_link_local:
        return "a link-local address", "the cloud metadata service" if ip in METADATA else ""
    if ip.is_multicast:
        return "a multicast address", ""
    if ip in SHARED:
        return "a shared (carrier-grade NAT) address", ""
    if ip.is_private:
        return "a private address", ""
    if ip.is_reserved:
        return "a reserved address", ""
    if not ip.is_global:
        return "not a public address", ""
    return None


def not_public(address: str) -> str | None:
    """What kind of non-public address `address` is, in words, or None when it is public."""
    found = classify(address)
    if found is None:
        return None
    kind, note = found
    return f"{kind} ({note})" if note else kind


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class EgressPolicy:
    """The rules with a resolver: `check` a URL, or the `addresses` a connection may use."""

    resolve: Resolver
    allow_private: bool = False

    def addresses(self, host: str, port: int) -> tuple[str, ...]:
        """Every address of `host`, all of them allowed; EgressRefused otherwise."""
        literal = _is_ip_literal(host)  # checked as written; any other spelling goes through the resolver
        if literal:
            found: tuple[str, ...] = (host,)
        else:
            try:
                found = tuple(dict.fromkeys(self.resolve(host, port)))
            except (OSError, ValueError) as exc:
                raise EgressRefused(f"host {host} does not resolve ({exc})") from None
            if not found:
                raise EgressRefused(f"host {host} does not resolve")
        if self.allow_private:
            return found
        for address in found:
            refused = classify(address)
            if refused is None:
                continue
            kind, note = refused
            note = f" ({note})" if note else ""
            # A name's inside address is not repeated back: subscribers must not map the network with it.
            said = f"{host} is {kind}" if literal else f"{host} resolves to {kind}"
            raise EgressRefused(f"{said}{note}; {ONLY_PUBLIC}")
        return found

    def check(self, url: str) -> tuple[Endpoint, tuple[str, ...]]:
        """The endpoint of `url` and the addresses it resolves to now, or EgressRefused."""
        endpoint = endpoint_of(url)
        return endpoint, self.addresses(endpoint.host, endpoint.port)
