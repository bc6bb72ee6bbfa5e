"""Prometheus figures of the communities service, per district (docs/metrics.md is the catalogue)."""

from __future__ import annotations

from linli_platform.metrics import counter
from linli_platform.metrics import tenant as tenant_label

from linli_communities.domain.records import CREATED

ONBOARDED = counter(
    "linli_communities_onboarded_total",
    "Communities, compounds, buildings and households created (not when updated).",
    ["tenant", "kind"],
)
DECISIONS = counter(
    "linli_communities_decisions_total",
    "Proposals whose vote was closed, by the outcome.",
    ["tenant", "outcome"],
)


def onboarded(tenant: str, kind: str, outcome: str, count: int = 1) -> None:
    if outcome == CREATED and count:
        ONBOARDED.labels(tenant_label(tenant), kind).inc(count)


def decided(tenant: str, outcome: str) -> None:
    DECISIONS.labels(tenant_label(tenant), outcome).inc()
