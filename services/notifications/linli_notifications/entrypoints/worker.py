"""Worker of the notifications service (nameko): consumes events, delivers webhooks and SMS/WeChat."""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli_platform.worker import RuntimeProvider, consume, run_worker, timer  # noqa: E402

from linli_notifications.adapters.channels import WebhookSender, channel_adapters  # noqa: E402
from linli_notifications.adapters.egress_http import default_policy  # noqa: E402
from linli_notifications.service_layer import intake, outgoing, webhooks  # noqa: E402
from linli_notifications.settings import (  # noqa: E402
    COMMUNITIES_TOPICS,
    TICKETS_TOPICS,
    NotificationsSettings,
)

SETTINGS = NotificationsSettings()
SENDER = WebhookSender(
    default_policy(SETTINGS.webhook_allow_private), timeout=SETTINGS.webhook_timeout_seconds
)
ADAPTERS = channel_adapters(SETTINGS.sms_gateway_url, SETTINGS.wechat_gateway_url)
POOL = eventlet.GreenPool(20)  # slow receivers of one firm do not hold up the others


class NotificationsWorker:
    name = "notifications_worker"
    runtime = RuntimeProvider()

    @consume(*COMMUNITIES_TOPICS, group="notifications-communities")
    def on_communities(self, envelope):
        intake.handle(envelope)

    @consume(*TICKETS_TOPICS, group="notifications-tickets")
    def on_tickets(self, envelope):
        intake.handle(envelope)

    @timer(interval=SETTINGS.delivery_interval_seconds)
    def deliver_webhooks(self):
        while webhooks.deliver_due(SENDER, SETTINGS.backoff, map_fn=POOL.imap):
            pass

    @timer(interval=1.0)
    def send_messages(self):
        outgoing.send_due(ADAPTERS)


if SETTINGS.extra_topic_list:

    @consume(*SETTINGS.extra_topic_list, group="notifications-extra")
    def _on_extra(self, envelope):
        intake.handle(envelope)

    NotificationsWorker.on_extra = _on_extra


if __name__ == "__main__":
    run_worker(NotificationsWorker, SETTINGS)
