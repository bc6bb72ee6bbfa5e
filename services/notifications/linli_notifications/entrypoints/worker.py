"""Worker of the notifications service (nameko): turns other services' events into notifications."""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli.tickets.v1 import events_pb2 as tickets_events  # noqa: E402
from linli_platform.config import Settings  # noqa: E402
from linli_platform.events import unpack  # noqa: E402
from linli_platform.worker import RuntimeProvider, consume, run_worker  # noqa: E402

from linli_notifications.domain.messages import for_ticket_created  # noqa: E402
from linli_notifications.service_layer import handlers  # noqa: E402


class NotificationsWorker:
    name = "notifications_worker"
    runtime = RuntimeProvider()

    @consume("tickets.ticket.v1", group="notifications-tickets")
    def on_ticket(self, envelope):
        event = unpack(envelope)
        if isinstance(event, tickets_events.TicketCreated):
            handlers.deliver_to_inbox(envelope.tenant_id, envelope.event_id, envelope.type, for_ticket_created(event))


if __name__ == "__main__":
    run_worker(NotificationsWorker, Settings(service="notifications"))
