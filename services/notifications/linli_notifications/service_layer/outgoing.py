"""SMS and WeChat: queue per preferences and quiet hours, then send through the channel adapters."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from linli_platform.persistence import AlreadyStored

from linli_notifications.adapters.channels import ChannelAdapter, OutgoingMessage
from linli_notifications.adapters.metrics import MESSAGES_SENT
from linli_notifications.domain.messages import QueuedMessage
from linli_notifications.domain.templates import Rendered
from linli_notifications.service_layer import preferences
from linli_notifications.service_layer.config import DistrictRules
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork, UnitsOfWork

log = logging.getLogger("linli.notifications.outgoing")


def queue(
    uow: NotificationsUnitOfWork,
    channel: str,
    recipient: str,
    rendered: Rendered,
    event_id: str,
    urgent: bool,
    rules: DistrictRules,
    now: datetime,
) -> int:
    """Queue one message unless the person opted out; quiet hours delay it (urgent: neither applies)."""
    quiet = rules.notifications.quiet_hours
    message = QueuedMessage.plan(
        uow.tenant,
        channel,
        recipient,
        rendered,
        event_id,
        urgent=urgent,
        preferences=preferences.get(uow, recipient),
        quiet_hours=(quiet.start, quiet.end),
        timezone=rules.timezone,
        now=now,
    )
    if message is None:
        return 0
    with uow:
        uow.messages.add(message)
        try:
            uow.commit()
        except AlreadyStored:
            return 0  # queued before: the same event again
    return 1


def send_due(
    uows: UnitsOfWork, adapters: dict[str, ChannelAdapter], now: datetime | None = None, limit: int = 200
) -> int:
    now = now or datetime.now(UTC)
    sent = 0
    # The queue scan spans tenants (one worker serves all); each message is then handled in its tenant.
    for tenant, message_id in uows.message_queue.due(now, limit):
        uow = uows(tenant)
        with uow:
            message = uow.messages.find(message_id)
            if message is None:
                continue
            outgoing = OutgoingMessage(
                tenant, message.channel, message.recipient, message.title, message.body, message.id
            )
            try:
                adapters[message.channel].send(outgoing)
            except Exception as exc:  # a gateway outage: keep it queued, give up after MAX_ATTEMPTS
                gave_up = message.failed(str(exc), now)
                MESSAGES_SENT.labels(tenant, message.channel, "failed" if gave_up else "retry").inc()
                log.warning("channel %s failed for %s: %s", message.channel, message.id, exc)
            else:
                message.sent(now)
                MESSAGES_SENT.labels(tenant, message.channel, "sent").inc()
                sent += 1
            uow.commit()
    return sent
