"""Worker of the notifications service (nameko): consumes events, delivers webhooks and SMS/WeChat.

The service class is built by `worker_class(settings)`: its consumers are the communities' and
tickets' topics and, when LINLI_EXTRA_TOPICS names some, one more consumer of those (services
built later) — declared in the class body, not patched in afterwards.
"""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli_platform.worker import RuntimeProvider, consume, run_worker, timer  # noqa: E402

from linli_notifications.adapters.channels import WebhookSender, channel_adapters  # noqa: E402
from linli_notifications.adapters.egress_http import default_policy  # noqa: E402
from linli_notifications.adapters.unit_of_work import mongo_unit_of_work  # noqa: E402
from linli_notifications.service_layer import intake, outgoing, webhooks  # noqa: E402
from linli_notifications.settings import (  # noqa: E402
    COMMUNITIES_TOPICS,
    FEES_LEDGER_TOPICS,
    FEES_TOPICS,
    HOUSEHOLDS_TOPICS,
    POINTS_TOPICS,
    TICKETS_TOPICS,
    NotificationsSettings,
)

SENDERS = 20  # slow receivers of one firm do not hold up the others


def worker_class(settings: NotificationsSettings) -> type:
    """The nameko service for these settings (the storage is MongoDB, connected by run_worker)."""
    uows = mongo_unit_of_work()
    sender = WebhookSender(
        default_policy(settings.webhook_allow_private), timeout=settings.webhook_timeout_seconds
    )
    adapters = channel_adapters(settings.sms_gateway_url, settings.wechat_gateway_url)
    pool = eventlet.GreenPool(SENDERS)
    extra_topics = settings.extra_topic_list

    class NotificationsWorker:
        name = "notifications_worker"
        runtime = RuntimeProvider()

        @consume(*COMMUNITIES_TOPICS, group="notifications-communities", effects_keyed=True)
        def on_communities(self, envelope):
            intake.handle(envelope, uows)

        @consume(*HOUSEHOLDS_TOPICS, group="notifications-households", effects_keyed=True)
        def on_households(self, envelope):
            intake.handle(envelope, uows)

        @consume(*TICKETS_TOPICS, group="notifications-tickets", effects_keyed=True)
        def on_tickets(self, envelope):
            intake.handle(envelope, uows)

        @consume(*FEES_LEDGER_TOPICS, group="notifications-fees-ledger", effects_keyed=True)
        def on_fees_ledger(self, envelope):
            intake.handle(envelope, uows)

        @consume(*FEES_TOPICS, group="notifications-fees", effects_keyed=True)
        def on_fees(self, envelope):
            intake.handle(envelope, uows)

        @consume(*POINTS_TOPICS, group="notifications-points", effects_keyed=True)
        def on_points(self, envelope):
            intake.handle(envelope, uows)

        if extra_topics:  # topics of services built later whose events the routing rules may name

            @consume(*extra_topics, group="notifications-extra", effects_keyed=True)
            def on_extra(self, envelope):
                intake.handle(envelope, uows)

        @timer(interval=settings.delivery_interval_seconds)
        def deliver_webhooks(self):
            while webhooks.deliver_due(uows, sender, settings.backoff, map_fn=pool.imap):
                pass

        @timer(interval=1.0)
        def send_messages(self):
            outgoing.send_due(uows, adapters)

    return NotificationsWorker


if __name__ == "__main__":
    SETTINGS = NotificationsSettings()
    run_worker(worker_class(SETTINGS), SETTINGS)
