"""Settings from LINLI_* environment variables (pydantic-settings)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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
