"""Building events and timeline entries for a ticket change (stored with the change: outbox)."""

from __future__ import annotations

from datetime import datetime

from google.protobuf.message import Message
from linli.tickets.v1 import events_pb2
from linli_platform.auth import Principal
from linli_platform.events import new_event

from linli_tickets.adapters.documents import TicketDoc, TimelineEntryDoc

SOURCE = "tickets"


def ref(doc: TicketDoc, actor: str = "", actor_role: str = "") -> events_pb2.TicketRef:
    return events_pb2.TicketRef(
        ticket_id=doc.ticket_id,
        tenant_id=doc.tenant_id,
        compound_id=doc.compound_id,
        building_id=doc.building_id,
        household_id=doc.household_id,
        category=doc.category,
        reporter=doc.reporter,
        provider_kind=doc.provider_kind or "",
        provider_id=doc.provider_id or "",
        actor=actor,
        actor_role=actor_role,
    )


def principal_ref(doc: TicketDoc, principal: Principal | None) -> events_pb2.TicketRef:
    if principal is None:
        return ref(doc, "linli-tickets", "system")
    return ref(doc, principal.subject, principal.role)


def record(doc: TicketDoc, payload: Message) -> None:
    """Store the event in the ticket itself; the worker's relay publishes it (outbox)."""
    doc.record(
        new_event(
            payload,
            source=SOURCE,
            aggregate="ticket",
            tenant_id=doc.tenant_id,
            aggregate_id=doc.ticket_id,
            aggregate_version=doc.version,
        )
    )


def timeline_entry(
    at: datetime, action: str, principal: Principal | None, from_status: str, to_status: str, note: str = ""
) -> dict:
    """A timeline entry as stored (the shape of TimelineEntryDoc)."""
    return {
        "at": at,
        "action": action,
        "actor": principal.subject if principal else "linli-tickets",
        "actor_role": principal.role if principal else "system",
        "from_status": from_status,
        "to_status": to_status,
        "note": note,
    }


def step(
    doc: TicketDoc,
    at: datetime,
    action: str,
    principal: Principal | None,
    from_status: str,
    to_status: str,
    note: str = "",
) -> None:
    doc.timeline.append(
        TimelineEntryDoc(
            at=at,
            action=action,
            actor=principal.subject if principal else "linli-tickets",
            actor_role=principal.role if principal else "system",
            from_status=from_status,
            to_status=to_status,
            note=note,
        )
    )
