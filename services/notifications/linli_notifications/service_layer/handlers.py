"""Use cases of the notifications service."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from linli_platform.auth import Principal
from linli_platform.errors import PermissionDenied
from mongoengine.errors import NotUniqueError

from linli_notifications.adapters.documents import InboxEntryDoc
from linli_notifications.domain.messages import Message

_NAMESPACE = uuid.UUID("0d3c9a4e-1f5b-4c2d-8e7f-9a0b1c2d3e4f")


def deliver_to_inbox(tenant_id: str, event_id: str, event_type: str, messages: list[Message]) -> int:
    """One inbox entry per (recipient, event): a redelivered event adds nothing."""
    created = 0
    for message in messages:
        entry_id = "n" + uuid.uuid5(_NAMESPACE, f"{tenant_id}\x1f{message.recipient}\x1f{event_id}").hex[:23]
        try:
            InboxEntryDoc(tenant_id=tenant_id, entry_id=entry_id, recipient=message.recipient, title=message.title,
                          body=message.body, event_type=event_type, event_id=event_id,
                          created_at=datetime.now(UTC)).save(force_insert=True)
            created += 1
        except NotUniqueError:
            pass
    return created


def _recipient(principal: Principal, requested: str) -> str:
    if not requested or requested == principal.subject:
        return principal.subject
    if principal.is_staff:
        return requested
    raise PermissionDenied("only community staff may read another person's inbox")


def list_inbox(principal: Principal, recipient: str, unread_only: bool, offset: int, limit: int):
    query = InboxEntryDoc.scoped(principal.tenant).filter(recipient=_recipient(principal, recipient))
    unread = query.filter(read=False).count()
    if unread_only:
        query = query.filter(read=False)
    query = query.order_by("-created_at")
    return list(query.skip(offset).limit(limit)), query.count(), unread


def mark_read(principal: Principal, entry_ids: list[str]) -> int:
    return InboxEntryDoc.scoped(principal.tenant).filter(
        recipient=principal.subject, entry_id__in=entry_ids, read=False).update(set__read=True)
