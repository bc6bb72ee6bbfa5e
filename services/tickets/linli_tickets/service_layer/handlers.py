"""Use cases of the tickets service."""

from __future__ import annotations

from datetime import UTC, datetime

from linli.communities.v1 import events_pb2 as communities_events
from linli.tickets.v1 import events_pb2
from linli_platform.auth import Principal
from linli_platform.errors import NotFound
from linli_platform.events import new_event
from mongoengine.errors import NotUniqueError

from linli_tickets.adapters.documents import KnownCompound, TicketDoc
from linli_tickets.domain.model import REPORTED, ticket_id_for

SOURCE = "tickets"


def create_ticket(principal: Principal, request_id: str, compound_id: str, category: str, description: str,
                  building_id: str = "", household_id: str = "") -> TicketDoc:
    tenant = principal.tenant
    compound = KnownCompound.scoped(tenant).filter(compound_id=compound_id, archived=False).first()
    if compound is None:
        raise NotFound(f"compound {compound_id} not found")
    ticket_id = ticket_id_for(tenant, principal.subject, request_id)
    existing = TicketDoc.scoped(tenant).filter(ticket_id=ticket_id).first()
    if existing is not None:
        return existing
    doc = TicketDoc(tenant_id=tenant, ticket_id=ticket_id, compound_id=compound_id, building_id=building_id,
                    household_id=household_id, category=category, description=description, status=REPORTED,
                    reporter=principal.subject, created_at=datetime.now(UTC))
    doc.record(new_event(
        events_pb2.TicketCreated(ticket_id=ticket_id, tenant_id=tenant, compound_id=compound_id, category=category,
                                 description=description, reporter=principal.subject),
        source=SOURCE, aggregate="ticket", tenant_id=tenant, aggregate_id=ticket_id, aggregate_version=1,
    ))
    try:
        doc.save(force_insert=True)
    except NotUniqueError:
        return TicketDoc.scoped(tenant).get(ticket_id=ticket_id)
    return doc


def get_ticket(principal: Principal, ticket_id: str) -> TicketDoc:
    doc = TicketDoc.scoped(principal.tenant).filter(ticket_id=ticket_id).first()
    if doc is None or (principal.role == "resident" and doc.reporter != principal.subject):
        raise NotFound(f"ticket {ticket_id} not found")
    return doc


def apply_compound_upserted(event: communities_events.CompoundUpserted, version: int) -> None:
    """Keep the local copy; an older version never overwrites a newer one."""
    KnownCompound.scoped(event.tenant_id).filter(compound_id=event.compound_id, version__lt=version).update_one(
        upsert=False, set__name=event.name, set__community=event.community, set__archived=event.archived,
        set__version=version,
    )
    if KnownCompound.scoped(event.tenant_id).filter(compound_id=event.compound_id).first() is None:
        try:
            KnownCompound(tenant_id=event.tenant_id, compound_id=event.compound_id, name=event.name,
                          community=event.community, archived=event.archived, version=version).save()
        except NotUniqueError:
            apply_compound_upserted(event, version)
