"""The unit of work of the notifications service, its factory, and the reads shared across requests."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from cachetools import TTLCache
from linli_governance.cache import GovernanceCache, Loader
from linli_platform.persistence import UnitOfWork

from linli_notifications.domain.templates import TemplateText
from linli_notifications.service_layer import ports

TTL_SECONDS = 2.0  # a changed template or configuration is used by every process within this


class SharedReads:
    """Per-process caches of what almost every event reads: a district's templates and its
    configuration copy, each read at most once per TTL per district."""

    def __init__(self, load_templates: Callable[[str], dict[str, TemplateText]], load_config: Loader):
        self._load_templates = load_templates
        self._templates: TTLCache = TTLCache(maxsize=1024, ttl=TTL_SECONDS)
        self._lock = threading.Lock()
        self.config = GovernanceCache(load_config, ttl=TTL_SECONDS)

    def templates(self, tenant: str) -> dict[str, TemplateText]:
        with self._lock:
            found = self._templates.get(tenant)
        if found is None:
            found = self._load_templates(tenant)
            with self._lock:
                self._templates[tenant] = found
        return found

    def forget_templates(self, tenant: str) -> None:
        """After this process changed one: it reads its own write at once, others within the TTL."""
        with self._lock:
            self._templates.pop(tenant, None)


class NotificationsUnitOfWork(UnitOfWork):
    inbox: ports.Inbox
    templates: ports.Templates
    preferences: ports.PreferencesRepository
    messages: ports.MessagesRepository
    subscriptions: ports.Subscriptions
    deliveries: ports.Deliveries
    roster: ports.Roster
    config: ports.ConfigCopy
    announcements: ports.Announcements

    def __init__(self, tenant: str, reads: SharedReads, **repositories):
        super().__init__(tenant, **repositories)
        self.reads = reads


class UnitsOfWork(Protocol):
    """Makes the unit of work of a tenant; holds the shared reads and the cross-tenant queues."""

    reads: SharedReads
    webhook_queue: ports.WebhookQueue
    message_queue: ports.MessageQueue

    def __call__(self, tenant: str) -> NotificationsUnitOfWork: ...
