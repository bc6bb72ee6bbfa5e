"""Documents and results → protobuf messages."""

from __future__ import annotations

from linli.notifications.v1 import notifications_pb2 as pb
from linli_platform.protos import timestamp as ts


def entry(doc) -> pb.InboxEntry:
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


def template(text) -> pb.Template:
    return pb.Template(
        key=text.key, title=text.title, body=text.body, source=text.source, version=text.version
    )


def preferences(doc) -> pb.Preferences:
    return pb.Preferences(
        opt_out=list(doc.opt_out or []), quiet_start=doc.quiet_start or "", quiet_end=doc.quiet_end or ""
    )


def subscription(doc) -> pb.WebhookSubscription:
    return pb.WebhookSubscription(
        id=doc.subscription_id,
        org_id=doc.org_id,
        event_types=list(doc.event_types),
        url=doc.url,
        active=doc.active,
        created_at=ts(doc.created_at),
    )


def delivery(doc) -> pb.WebhookDelivery:
    return pb.WebhookDelivery(
        id=doc.delivery_id,
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
