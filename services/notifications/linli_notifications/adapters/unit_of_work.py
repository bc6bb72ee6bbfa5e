"""The unit-of-work factory on MongoDB (the default of the API and the worker)."""

from __future__ import annotations

from linli_notifications.adapters.district_store import MongoAnnouncements, MongoConfigCopy, MongoTemplates
from linli_notifications.adapters.inbox_store import MongoInbox
from linli_notifications.adapters.message_store import MongoMessageQueue, MongoMessages, MongoPreferences
from linli_notifications.adapters.roster import MongoRoster
from linli_notifications.adapters.webhook_store import MongoDeliveries, MongoSubscriptions, MongoWebhookQueue
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork, SharedReads


class MongoUnitsOfWork:
    def __init__(self) -> None:
        self.reads = SharedReads(lambda t: MongoTemplates(t).texts(), lambda t: MongoConfigCopy(t).stored())
        self.webhook_queue = MongoWebhookQueue()
        self.message_queue = MongoMessageQueue()

    def __call__(self, tenant: str) -> NotificationsUnitOfWork:
        return NotificationsUnitOfWork(
            tenant,
            self.reads,
            inbox=MongoInbox(tenant),
            templates=MongoTemplates(tenant),
            preferences=MongoPreferences(tenant),
            messages=MongoMessages(tenant),
            subscriptions=MongoSubscriptions(tenant),
            deliveries=MongoDeliveries(tenant),
            roster=MongoRoster(tenant),
            config=MongoConfigCopy(tenant),
            announcements=MongoAnnouncements(tenant),
        )


def mongo_unit_of_work() -> MongoUnitsOfWork:
    """A factory of units of work on the connected database, with this process' shared reads."""
    return MongoUnitsOfWork()
