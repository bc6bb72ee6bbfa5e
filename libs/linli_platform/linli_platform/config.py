"""Settings from LINLI_* environment variables (pydantic-settings)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SERVICES = ("communities", "tickets", "points", "fees", "notifications")
DEFAULT_GRPC_PORTS = {
    "communities": 50051,
    "tickets": 50052,
    "points": 50053,
    "fees": 50054,
    "notifications": 50055,
}
DEFAULT_METRICS_PORTS = {
    "communities": 9101,
    "tickets": 9102,
    "points": 9103,
    "fees": 9104,
    "notifications": 9105,
    "gateway": 9106,
}
DEV_JWT_SECRET = "linli-dev-secret-change-me-in-production"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    """One process's configuration. Every field reads LINLI_<NAME> from the environment."""

    model_config = SettingsConfigDict(env_prefix="LINLI_", extra="ignore")

    service: str = "unknown"
    grpc_host: str = "127.0.0.1"
    gateway_host: str = "127.0.0.1"  # 0.0.0.0 in a container
    gateway_port: int = 8080
    grpc_port: int = 0
    grpc_workers: int = Field(default=16, ge=1, le=256)
    grace_seconds: float = 10.0
    metrics_port: int = 0
    mongo_uri: str = "mongodb://127.0.0.1:27017/?directConnection=true"
    mongo_db: str = ""
    kafka_bootstrap: str = "127.0.0.1:9092"
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_issuer: str = "linli"
    token_ttl_seconds: int = 30 * 24 * 3600
    log_level: str = "INFO"
    log_json: bool = True
    # A collection with nothing pending is looked at less often, up to this (0: every pass).
    relay_idle_backoff_seconds: float = Field(default=1.0, ge=0, le=60)
    consumer_max_attempts: int = 5
    # Addresses of other services' gRPC APIs (clients use them; the hot path never needs them).
    communities_addr: str = "127.0.0.1:50051"
    tickets_addr: str = "127.0.0.1:50052"
    points_addr: str = "127.0.0.1:50053"
    fees_addr: str = "127.0.0.1:50054"
    notifications_addr: str = "127.0.0.1:50055"
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

    @model_validator(mode="after")
    def _a_real_secret_beyond_this_machine(self):
        """A process reachable from other machines must not sign or accept tokens with the published
        development secret (anyone could mint a district administrator's token) or a short one."""
        exposed = sorted({self.grpc_host, self.gateway_host} - LOOPBACK_HOSTS)
        secret = self.jwt_secret.get_secret_value()
        if exposed and (secret == DEV_JWT_SECRET or len(secret) < MIN_SECRET_LENGTH):
            raise ValueError(
                f"LINLI_JWT_SECRET must be a random secret of at least {MIN_SECRET_LENGTH} characters "
                f"(not the development one) when listening on {', '.join(exposed)}"
            )
        return self

    @property
    def database(self) -> str:
        return self.mongo_db or f"linli_{self.service}"

    def addr_of(self, service: str) -> str:
        return getattr(self, f"{service}_addr")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
