"""Prometheus figures of the tickets service (the chassis serves them on the process' metrics port)."""

from __future__ import annotations

from prometheus_client import Counter

REPORTED = Counter("linli_tickets_reported_total", "Tickets reported, by channel.", ["channel"])
TRANSITIONS = Counter("linli_tickets_transitions_total", "Ticket transitions done, by action.", ["action"])
SLA_ALARMS = Counter(
    "linli_tickets_sla_alarms_total",
    "SLA warnings and breaches fired, by level and deadline.",
    ["level", "deadline"],
)
