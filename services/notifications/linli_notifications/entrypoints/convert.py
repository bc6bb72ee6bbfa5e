"""Aggregates and views → protobuf messages."""

from __future__ import annotations

from linli.notifications.v1 import notifications_pb2 as pb
from linli_platform.protos import timestamp as ts

from linli_notifications.domain.inbox import InboxEntry
from linli_notifications.domain.messages import Preferences
from linli_notifications.domain.templates import TemplateText
from linli_notifications.domain.webhooks import Delivery, Subscription


def entry(doc: InboxEntry) -> pb.InboxEntry:
    return pb.InboxEntry(
        id=doc.entry_id,
        tenant_id=doc.tenant_id,
        recipient=doc.recipient,
        title=doc.title,
        body=doc.body,
        event_type=doc.event_type,
        event_id=doc.event_id,
        read=doc.read,
        created_at=ts(doc.created_at),
    )


def template(text: TemplateText) -> pb.Template:
    return pb.Template(
        key=text.key, title=text.title, body=text.body, source=text.source, version=text.version
    )


def preferences(p: Preferences) -> pb.Preferences:
    return pb.Preferences(opt_out=list(p.opt_out), quiet_start=p.quiet_start, quiet_end=p.quiet_end)


def subscription(doc: Subscription) -> pb.WebhookSubscription:
    return pb.WebhookSubscription(
        id=doc.id,
        org_id=doc.org_id,
        event_types=list(doc.event_types),
        url=doc.url,
        active=doc.active,
        created_at=ts(doc.created_at),
    )


def delivery(doc: Delivery) -> pb.WebhookDelivery:
    return pb.WebhookDelivery(
        id=doc.id,
        subscription_id=doc.subscription_id,
        event_id=doc.event_id,
        event_type=doc.event_type,
        status=doc.status,
        attempts=doc.attempts,
        created_at=ts(doc.created_at),
        delivered_at=ts(doc.delivered_at),
        next_attempt_at=ts(doc.next_attempt_at),
        log=[pb.DeliveryAttempt(at=ts(a.at), status_code=a.status_code, error=a.error) for a in doc.log],
    )
