"""Settings of the gateway (LINLI_* environment variables, on top of the chassis')."""

from __future__ import annotations

import ipaddress
from typing import Annotated

from linli_platform.config import Settings
from pydantic import Field, field_validator
from pydantic_settings import NoDecode


class GatewaySettings(Settings):
    service: str = "gateway"
    # Seconds the gateway waits for a backend RPC. Generous: a list over a large district on the dev
    # Mongo-wire server takes seconds; a proxy in front of the gateway bounds what a client waits anyway.
    gateway_call_timeout: float = Field(default=30.0, gt=0)
    # Gateway rate limits (per gateway process; 0 turns a limit off). Sized for a district's residents
    # behind shared mobile/NAT addresses and a hotline integration replaying a backlog, not for a script.
    gateway_qr_reports_per_minute: int = Field(default=10, ge=0)  # 扫码报修 POSTs per client address
    gateway_qr_reports_per_hour: int = Field(default=60, ge=0)
    gateway_open311_posts_per_minute: int = Field(default=120, ge=0)  # per api_key
    gateway_reads_per_second: float = Field(default=10.0, ge=0)  # GETs per client address, refill
    gateway_reads_burst: int = Field(default=60, ge=1)  # GETs per client address, bucket size
    gateway_rate_limit_max_keys: int = Field(default=50_000, ge=100)  # buckets kept per limit
    # Addresses or networks (comma list) of the reverse proxies in front of the gateway: only a peer
    # among them is believed about X-Forwarded-For; empty means the socket peer is the client.
    gateway_trusted_proxies: Annotated[tuple[str, ...], NoDecode] = ()

    @field_validator("gateway_trusted_proxies", mode="before")
    @classmethod
    def _proxy_networks(cls, value):
        items = value.split(",") if isinstance(value, str) else value
        networks = tuple(str(item).strip() for item in items if str(item).strip())
        for network in networks:
            ipaddress.ip_network(network, strict=False)  # ValueError names the bad entry
        return networks
