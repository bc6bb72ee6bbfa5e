"""Prometheus metrics of the notifications service, per district (docs/metrics.md is the catalogue).

Labels: the tenant and values the code bounds (event type names, outcomes, channels) — never a
recipient, subscription, delivery or URL.
"""

from __future__ import annotations

from linli_platform.metrics import counter, histogram

# What a delivery attempt's outcome (domain.webhooks.Delivery.attempted) counts as.
WEBHOOK_OUTCOMES = {"delivered": "delivered", "retry": "failed", "dead": "dead_lettered"}

CREATED = counter(
    "linli_notifications_created_total",
    "Inbox entries created, by the event type that caused them.",
    ["tenant", "source"],
)
WEBHOOK_DELIVERIES = counter(
    "linli_notifications_webhook_deliveries_total",
    "Webhook POSTs finished: delivered, failed (to be retried) or dead_lettered (given up).",
    ["tenant", "outcome"],
)
WEBHOOK_SECONDS = histogram(
    "linli_notifications_webhook_seconds",
    "Time of one webhook POST.",
    ["tenant"],
    (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
MESSAGES_SENT = counter(
    "linli_notifications_messages_total", "SMS/WeChat messages by outcome.", ["tenant", "channel", "outcome"]
)
