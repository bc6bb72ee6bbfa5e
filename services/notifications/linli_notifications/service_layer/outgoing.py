"""SMS and WeChat: queue per preferences and quiet hours, then send through the channel adapters."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from mongoengine.errors import NotUniqueError

from linli_notifications.adapters.channels import ChannelAdapter, OutgoingMessage
from linli_notifications.adapters.documents import OutgoingMessageDoc
from linli_notifications.adapters.metrics import MESSAGES_SENT
from linli_notifications.domain.ids import stable_id
from linli_notifications.domain.schedule import send_after
from linli_notifications.domain.templates import Rendered
from linli_notifications.service_layer import preferences

log = logging.getLogger("linli.notifications.outgoing")
MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(seconds=30)  # a gateway outage: 30 s, 60 s, 90 s … between attempts


def queue(
    tenant_id: str,
    channel: str,
    recipient: str,
    rendered: Rendered,
    event_id: str,
    urgent: bool,
    rules,
    now: datetime,
) -> int:
    """Queue one message unless the person opted out; quiet hours delay it (urgent: neither applies)."""
    prefs = preferences.get(tenant_id, recipient)
    if channel in (prefs.opt_out or []) and not urgent:
        return 0
    quiet = rules.notifications.quiet_hours
    start, end = (prefs.quiet_start, prefs.quiet_end) if prefs.quiet_start else (quiet.start, quiet.end)
    try:
        OutgoingMessageDoc(
            tenant_id=tenant_id,
            message_id=stable_id("m", tenant_id, channel, recipient, event_id),
            channel=channel,
            recipient=recipient,
            title=rendered.title,
            body=rendered.body,
            event_id=event_id,
            not_before=send_after(now, rules.timezone, start, end, urgent),
        ).save(force_insert=True)
    except NotUniqueError:
        return 0
    return 1


def send_due(adapters: dict[str, ChannelAdapter], now: datetime | None = None, limit: int = 200) -> int:
    now = now or datetime.now(UTC)
    sent = 0
    # The queue scan spans tenants (one worker serves all); each message is then handled in its tenant.
    due = OutgoingMessageDoc._get_collection().find(
        {"status": "pending", "not_before": {"$lte": now}}, {"tenant_id": 1, "message_id": 1}
    )
    for row in due.sort("not_before", 1).limit(limit):
        doc = OutgoingMessageDoc.scoped(row["tenant_id"]).filter(message_id=row["message_id"]).first()
        if doc is None:
            continue
        message = OutgoingMessage(
            doc.tenant_id, doc.channel, doc.recipient, doc.title, doc.body, doc.message_id
        )
        try:
            adapters[doc.channel].send(message)
        except Exception as exc:  # a gateway outage: keep it queued, give up after MAX_ATTEMPTS
            failed = doc.attempts + 1 >= MAX_ATTEMPTS
            MESSAGES_SENT.labels(doc.channel, "failed" if failed else "retry").inc()
            log.warning("channel %s failed for %s: %s", doc.channel, doc.message_id, exc)
            doc.update(
                inc__attempts=1,
                set__last_error=str(exc)[:500],
                set__status="failed" if failed else "pending",
                set__not_before=now + RETRY_AFTER * (doc.attempts + 1),
            )
            continue
        doc.update(set__status="sent", set__sent_at=now, inc__attempts=1)
        MESSAGES_SENT.labels(doc.channel, "sent").inc()
        sent += 1
    return sent
