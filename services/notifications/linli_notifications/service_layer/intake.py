"""One handler for every consumed event: keep rosters and config, then route it (inbox, webhook, SMS…)."""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime

from google.protobuf.json_format import MessageToDict
from linli.common.v1.events_pb2 import EventEnvelope
from linli_platform.events import unpack

from linli_notifications.domain.inbox import InboxItem
from linli_notifications.domain.routing import facts_of, plan, routes_for, without_private
from linli_notifications.domain.templates import render_with_fallback
from linli_notifications.service_layer import inbox, outgoing, rosters, templates, webhooks
from linli_notifications.service_layer.config import rules_for
from linli_notifications.service_layer.lookups import lookups_for
from linli_notifications.service_layer.unit_of_work import UnitsOfWork

MESSAGE_CHANNELS = ("sms", "wechat")


def _payload(envelope: EventEnvelope):
    """The event message; the generated module of a service built later is imported by name."""
    package = envelope.type.rsplit(".", 1)[0]  # e.g. linli.fees.v1
    try:
        importlib.import_module(f"{package}.events_pb2")
    except ImportError:
        pass
    return unpack(envelope)


def handle(envelope: EventEnvelope, uows: UnitsOfWork, now: datetime | None = None) -> dict[str, int]:
    """Everything an event causes here; safe to run twice for the same event (ids follow from the event)."""
    now = now or datetime.now(UTC)
    uow = uows(envelope.tenant_id)
    message = _payload(envelope)
    rosters.keep(uow, message, envelope.aggregate_version)
    payload = without_private(MessageToDict(message, preserving_proto_field_name=True))
    occurred = envelope.occurred_at.ToDatetime(UTC).isoformat() if envelope.HasField("occurred_at") else ""
    facts = facts_of(envelope.type, envelope.event_id, occurred, payload)
    rules = rules_for(uow, facts.get("compound_id", ""))
    routes = routes_for(rules.notifications, envelope.type)
    counts = {"inbox": 0, "webhook": 0, "queued": 0}
    if not routes:
        return counts
    planned = plan(
        routes, facts, uow.roster, rules.notifications.channels, rules.notifications.urgent_categories
    )
    stored = templates.stored_for(uow, {p.template for p in planned})
    lookups = lookups_for(uow, facts.get("compound_id", ""), rules)
    items: list[InboxItem] = []
    body = json.dumps(
        {
            "id": envelope.event_id,
            "type": envelope.type,
            "tenant_id": envelope.tenant_id,
            "aggregate_id": envelope.aggregate_id,
            "occurred_at": occurred,
            "data": payload,
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    for p in planned:
        rendered = render_with_fallback(stored.get(p.template), p.template, facts, lookups)
        if "inbox" in p.channels:
            items.append(InboxItem(p.recipient, rendered.title, rendered.body))
        if "webhook" in p.channels:
            org = p.recipient.split(":", 1)[1]
            counts["webhook"] += webhooks.enqueue(uow, org, envelope.event_id, envelope.type, body, now)
        for channel in (c for c in p.channels if c in MESSAGE_CHANNELS):
            counts["queued"] += outgoing.queue(
                uow, channel, p.recipient, rendered, envelope.event_id, p.urgent, rules, now
            )
    counts["inbox"] = inbox.deliver(uow, envelope.event_id, envelope.type, items, now)
    return counts
