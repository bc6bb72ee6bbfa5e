"""Prometheus metrics of the notifications service (served by the chassis' metrics endpoint)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

INBOX_ENTRIES = Counter("linli_notifications_inbox_entries_total", "Inbox entries created", ["source"])
WEBHOOK_ATTEMPTS = Counter(
    "linli_notifications_webhook_attempts_total", "Webhook delivery attempts by outcome", ["outcome"]
)
WEBHOOK_SECONDS = Histogram("linli_notifications_webhook_seconds", "Time of one webhook POST")
MESSAGES_SENT = Counter(
    "linli_notifications_messages_total", "SMS/WeChat messages by outcome", ["channel", "outcome"]
)
