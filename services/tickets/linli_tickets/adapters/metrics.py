"""Prometheus figures of the tickets service, per district (docs/metrics.md is the catalogue).

Labels are the tenant and what the code or the district's config bounds (category keys, the provider
kind, the lifecycle table's actions): never a ticket, household, person or firm id.
"""

from __future__ import annotations

from linli_platform.metrics import bounded, counter, histogram, minutes
from linli_platform.metrics import tenant as tenant_label

from linli_tickets.domain.model import OPEN, PROPERTY_FIRM, VOLUNTEER_TEAM

CHANNELS = frozenset({"app", "qr", "open311", "phone", "wechat"})
PROVIDER_KINDS = frozenset({PROPERTY_FIRM, VOLUNTEER_TEAM, OPEN})
# The SLA minutes of the default categories (30, 60, 120, 240 to accept) and the seeds' 15-minute fixes.
ACCEPT_BUCKETS = minutes(5, 15, 30, 60, 120, 240, 480, 1440)
COMPLETE_BUCKETS = minutes(15, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080)

REPORTED = counter(
    "linli_tickets_reported_total",
    "Tickets reported, by category and channel.",
    ["tenant", "category", "channel"],
)
TRANSITIONS = counter(
    "linli_tickets_transitions_total",
    "Ticket moves committed, by the timeline's action and the provider kind.",
    ["tenant", "action", "provider_kind"],
)
TIME_TO_ACCEPT = histogram(
    "linli_tickets_time_to_accept_seconds",
    "Seconds from dispatch to acceptance (接单).",
    ["tenant", "provider_kind"],
    ACCEPT_BUCKETS,
)
TIME_TO_COMPLETE = histogram(
    "linli_tickets_time_to_complete_seconds",
    "Seconds from acceptance to completion (完工).",
    ["tenant", "provider_kind"],
    COMPLETE_BUCKETS,
)
SLA_ALARMS = counter(
    "linli_tickets_sla_alarms_total",
    "SLA warnings and breaches fired, by level, deadline and category.",
    ["tenant", "level", "deadline", "category"],
)
RATINGS = histogram(
    "linli_tickets_ratings",
    "Residents' ratings of finished tickets (1–5 stars).",
    ["tenant", "provider_kind"],
    (1, 2, 3, 4, 5),
)


def provider_kind(ticket) -> str:
    return bounded(ticket.provider_kind, PROVIDER_KINDS) if ticket.provider_kind else "none"


def reported(ticket) -> None:
    REPORTED.labels(tenant_label(ticket.tenant_id), ticket.category, bounded(ticket.channel, CHANNELS)).inc()


def moved(ticket, action: str = "") -> None:
    """Count a committed move (default: the timeline's last), with the time or rating it completes."""
    action = action or ticket.timeline[-1].action
    tenant, kind = tenant_label(ticket.tenant_id), provider_kind(ticket)
    TRANSITIONS.labels(tenant, action, kind).inc()
    if action in ("accepted", "grabbed") and ticket.accepted_at and ticket.dispatched_at:
        waited = (ticket.accepted_at - ticket.dispatched_at).total_seconds()
        TIME_TO_ACCEPT.labels(tenant, kind).observe(max(0.0, waited))
    elif action == "completed" and ticket.done_at and ticket.accepted_at:
        worked = (ticket.done_at - ticket.accepted_at).total_seconds()
        TIME_TO_COMPLETE.labels(tenant, kind).observe(max(0.0, worked))
    elif action == "rated" and ticket.rating:
        RATINGS.labels(tenant, kind).observe(ticket.rating)


_ready: set[tuple[str, str]] = set()


def alarms_ready(tenant: str, categories) -> None:
    """Create a district's alarm series at 0 before the first alarm: a counter born at its first
    increment hides that increment from increase() and rate(), so a district's first SLA breach would
    never reach the breach-rate alert. Bounded: levels × deadlines × the config's categories."""
    for category in categories:
        if (tenant, category) in _ready:
            continue
        for level in ("warning", "breach"):
            for deadline in ("accept", "complete"):
                SLA_ALARMS.labels(tenant_label(tenant), level, deadline, category)
        _ready.add((tenant, category))


def alarmed(ticket, alarm) -> None:
    SLA_ALARMS.labels(tenant_label(ticket.tenant_id), alarm.level, alarm.deadline, ticket.category).inc()
