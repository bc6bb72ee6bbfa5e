"""Inbox use cases: bulk delivery (idempotent by recipient and event), reading, marking read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from linli_platform.auth import Principal
from linli_platform.errors import PermissionDenied

from linli_notifications.adapters.metrics import CREATED
from linli_notifications.domain.inbox import InboxEntry, InboxItem
from linli_notifications.domain.routing import HOUSEHOLD, ORG
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def deliver(
    uow: NotificationsUnitOfWork, event_id: str, event_type: str, items: Iterable[InboxItem], at: datetime
) -> int:
    """One entry per (recipient, event), in bulk; entries that already exist are skipped."""
    inserted = uow.inbox.deliver(event_id, event_type, items, at)
    CREATED.labels(uow.tenant, event_type.rsplit(".", 1)[-1]).inc(inserted)
    return inserted


def readable_recipient(uow: NotificationsUnitOfWork, principal: Principal, requested: str) -> str:
    """Whose inbox the caller may read: own, own household's, own organisation's, or anyone's for staff."""
    if not requested or requested == principal.subject:
        return principal.subject
    if principal.is_staff:
        return requested
    if requested.startswith(ORG) and principal.org and requested == ORG + principal.org:
        return requested
    if requested.startswith(HOUSEHOLD) and uow.roster.lives_in(
        principal.subject, requested[len(HOUSEHOLD) :]
    ):
        return requested
    raise PermissionDenied("只能查看本人、本户或本单位的消息")


def list_inbox(
    uow: NotificationsUnitOfWork,
    principal: Principal,
    recipient: str,
    unread_only: bool,
    offset: int,
    limit: int,
) -> tuple[list[InboxEntry], int, int]:
    """(entries newest first, total, unread)."""
    return uow.inbox.page(readable_recipient(uow, principal, recipient), unread_only, offset, limit)


def mark_read(
    uow: NotificationsUnitOfWork, principal: Principal, entry_ids: list[str], recipient: str = ""
) -> int:
    return uow.inbox.mark_read(readable_recipient(uow, principal, recipient), entry_ids)
