"""One-to-one messages: a grid worker or property steward answering a resident (seed 003)."""

from __future__ import annotations

from datetime import UTC, datetime

from linli_platform.auth import Principal, Role
from linli_platform.errors import PermissionDenied

from linli_notifications.domain.ids import stable_id
from linli_notifications.domain.inbox import InboxEntry, InboxItem
from linli_notifications.domain.routing import STAFF
from linli_notifications.service_layer import inbox
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork

EVENT_TYPE = "linli.notifications.v1.DirectMessage"


def _may_write(principal: Principal, recipient: str) -> None:
    if principal.is_staff:
        return
    if principal.role == Role.PROPERTY_FIRM and (recipient == STAFF or recipient.startswith(STAFF + ":")):
        return
    raise PermissionDenied("只有社区工作人员可以直接发消息；物业企业可以联系社区")


def send(
    uow: NotificationsUnitOfWork,
    principal: Principal,
    request_id: str,
    recipient: str,
    title: str,
    body: str,
    now: datetime | None = None,
) -> InboxEntry:
    _may_write(principal, recipient)
    message_id = stable_id("dm", principal.tenant, principal.subject, request_id)
    signed = f"{body}\n—— {principal.subject}"
    inbox.deliver(
        uow, message_id, EVENT_TYPE, [InboxItem(recipient, title, signed)], now or datetime.now(UTC)
    )
    entry = uow.inbox.entry(recipient, message_id)
    assert entry is not None  # just delivered, or delivered before by the same request
    return entry
