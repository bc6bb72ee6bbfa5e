"""One-to-one messages: a grid worker or property steward answering a resident (seed 003)."""

from __future__ import annotations

from datetime import datetime

from linli_platform.auth import Principal
from linli_platform.errors import PermissionDenied

from linli_notifications.adapters.documents import InboxEntryDoc
from linli_notifications.domain.ids import stable_id
from linli_notifications.domain.routing import STAFF
from linli_notifications.service_layer import inbox

EVENT_TYPE = "linli.notifications.v1.DirectMessage"


def _may_write(principal: Principal, recipient: str) -> None:
    if principal.is_staff:
        return
    if principal.role == "property_firm" and (recipient == STAFF or recipient.startswith(STAFF + ":")):
        return
    raise PermissionDenied("只有社区工作人员可以直接发消息；物业企业可以联系社区")


def send(
    principal: Principal, request_id: str, recipient: str, title: str, body: str, now: datetime | None = None
) -> InboxEntryDoc:
    _may_write(principal, recipient)
    message_id = stable_id("dm", principal.tenant, principal.subject, request_id)
    signed = f"{body}\n—— {principal.subject}"
    inbox.deliver(principal.tenant, message_id, EVENT_TYPE, [inbox.InboxItem(recipient, title, signed)], now)
    return InboxEntryDoc.scoped(principal.tenant).get(recipient=recipient, event_id=message_id)
