"""Abuse protection at the public edge: who the client is, which limits apply, and what a refusal says.

Limits (linli_gateway.settings): 扫码报修 reports per client address per minute and per hour; Open311
POSTs per api_key per minute (a POST whose key does not verify is counted against its client address
instead, so made-up keys buy nothing); GETs of Open311, the QR pages and the ledger pages (/l/) per
client address. Health and the admin API are not limited; metrics are served on their own port. The
buckets live in this process: with several gateway replicas each one allows the limit.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Callable

from fastapi import Request, Response
from prometheus_client import Counter

from linli_gateway.open311.errors import Open311Error
from linli_gateway.open311.formats import format_of, render_errors
from linli_gateway.qr import page
from linli_gateway.ratelimit import Rate, TokenBuckets
from linli_gateway.settings import GatewaySettings

RATE_LIMITED = Counter(
    "linli_http_rate_limited_total",
    "Requests the gateway refused with 429 because a rate limit was reached, by route.",
    ["route"],
)
READS = ("GET", "HEAD")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address written in `text` (an IPv4-mapped IPv6 one as IPv4), None if it is none."""
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def bucket_of(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """One bucket per IPv4 address, per IPv6 /64 (one subscriber's prefix: its addresses are free)."""
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def client_address(peer: str | None, forwarded: list[str], trusted: tuple[Network, ...]) -> str:
    """The client's bucket key: the socket peer, unless the peer is a trusted proxy; then the nearest
    X-Forwarded-For hop that is not one (hops are read right to left: each proxy appends the address
    it saw, so only the part our own proxies wrote can be believed; the rest is the client's say)."""
    address = parse_ip(peer or "")
    if address is None:
        return peer or "unknown"  # not an IP socket (a test client, a unix socket)
    hops = [hop for header in forwarded for hop in header.split(",")]
    while hops and any(address in network for network in trusted):
        hop = parse_ip(hops.pop())
        if hop is None:
            break  # a proxy of ours wrote garbage: the last address we know is all we have
        address = hop
    return bucket_of(address)


def wait_text(seconds: int) -> str:
    return f"{seconds} 秒" if seconds < 120 else f"{math.ceil(seconds / 60)} 分钟"


class Throttle:
    def __init__(self, settings: GatewaySettings, clock: Callable[[], float] = time.monotonic):
        keys = settings.gateway_rate_limit_max_keys
        self.trusted = tuple(ipaddress.ip_network(n, strict=False) for n in settings.gateway_trusted_proxies)
        self.qr_reports = TokenBuckets(
            [
                Rate.per_minute(settings.gateway_qr_reports_per_minute),
                Rate.per_hour(settings.gateway_qr_reports_per_hour),
            ],
            keys,
            clock,
        )
        self.open311_posts = TokenBuckets(
            [Rate.per_minute(settings.gateway_open311_posts_per_minute)], keys, clock
        )
        self.reads = TokenBuckets(
            [Rate(settings.gateway_reads_burst, settings.gateway_reads_per_second)], keys, clock
        )

    def client(self, request: Request) -> str:
        peer = request.client.host if request.client else None
        return client_address(peer, request.headers.getlist("x-forwarded-for"), self.trusted)

    @staticmethod
    def _refused(buckets: TokenBuckets, key: str, route: str) -> int | None:
        """Retry-After seconds when `key` is over its limit (counted), None when admitted."""
        wait = buckets.take(key)
        if wait <= 0:
            return None
        RATE_LIMITED.labels(route).inc()
        return max(1, math.ceil(wait - 1e-9))

    def at_the_door(self, request: Request) -> Response | None:
        """The refusal for a request over a per-address limit, or None to let it in."""
        path, method = request.url.path, request.method
        if path.startswith("/r/"):
            if method == "POST":
                retry = self._refused(self.qr_reports, self.client(request), "qr_report")
                message = "提交过于频繁：本次报修没有提交，请 {} 后返回上一页再提交"
            elif method in READS:
                retry = self._refused(self.reads, self.client(request), "qr_page")
                message = "访问过于频繁，请 {} 后再试"
            else:
                return None
            if retry is None:
                return None
            return page.notice(429, message.format(wait_text(retry)), {"Retry-After": str(retry)})
        if path.startswith("/l/") and method in READS:
            retry = self._refused(self.reads, self.client(request), "ledger_page")
            if retry is None:
                return None
            return page.notice(
                429, f"访问过于频繁，请 {wait_text(retry)} 后再试", {"Retry-After": str(retry)}
            )
        if path.startswith("/open311/") and method in READS:
            retry = self._refused(self.reads, self.client(request), "open311_read")
            if retry is None:
                return None
            return render_errors(format_of(path), 429, [too_often(retry)], {"Retry-After": str(retry)})
        return None

    def admit_open311_post(self, tenant: str, key_id: str | None, client: str) -> None:
        """Count an Open311 POST against its api_key (or its client address when the key is not valid);
        raises the 429 Open311Error when over the limit."""
        key = f"key:{tenant}/{key_id}" if key_id else f"addr:{client}"
        retry = self._refused(self.open311_posts, key, "open311_post")
        if retry is not None:
            raise Open311Error(429, too_often(retry), headers={"Retry-After": str(retry)})


def too_often(retry: int) -> str:
    return f"请求过于频繁，请 {wait_text(retry)} 后重试"
