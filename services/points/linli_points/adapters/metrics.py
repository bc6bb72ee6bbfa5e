"""Prometheus figures of the points service, per district (docs/metrics.md is the catalogue).

Labels: the tenant, and `rule` — what earned the points: an activity kind or award key of the
district's config, a ticket role, or `grant`. Never a person, item or order id.
"""

from __future__ import annotations

from linli_platform.metrics import counter, gauge
from linli_platform.metrics import tenant as tenant_label

CREDITED = counter(
    "linli_points_credited_total",
    "Points credited to people (the amount), by the rule that earned them.",
    ["tenant", "rule"],
)
REDEEMED = counter(
    "linli_points_redeemed_total", "Points spent on redemptions once posted (the amount).", ["tenant"]
)
OUTSTANDING = gauge(
    "linli_points_outstanding", "Points held by people in the district, refreshed by the worker.", ["tenant"]
)


def rule_of(code: str) -> str:
    """ticket.volunteer → volunteer, activity.patrol → patrol, award.jinjiang_star → jinjiang_star."""
    return code.split(".", 1)[1] if "." in code else code


def credited(tenant: str, code: str, amount: int) -> None:
    CREDITED.labels(tenant_label(tenant), rule_of(code)[:40]).inc(amount)


def redeemed(tenant: str, amount: int) -> None:
    REDEEMED.labels(tenant_label(tenant)).inc(amount)


def outstanding(tenant: str, points: int) -> None:
    OUTSTANDING.labels(tenant_label(tenant)).set(points)
