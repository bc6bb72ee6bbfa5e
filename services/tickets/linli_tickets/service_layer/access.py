"""Who sees which ticket: residents their own, firms their contracted compounds, teams their work.

A ticket the caller may not see answers NOT_FOUND, exactly like a ticket of another tenant.
"""

from __future__ import annotations

from linli_platform.auth import Principal
from linli_platform.errors import NotFound, PermissionDenied
from mongoengine.queryset.visitor import Q

from linli_tickets.adapters import repository
from linli_tickets.adapters.documents import TicketDoc
from linli_tickets.domain.model import OPEN, PROPERTY_FIRM, VOLUNTEER_TEAM

READ_ALL_ROLES = frozenset({"district_admin", "community_staff", "grid_worker", "council"})


def visibility(principal: Principal) -> Q | None:
    """The filter limiting what the principal sees (None: the whole tenant)."""
    if principal.role in READ_ALL_ROLES:
        return None
    if principal.role == PROPERTY_FIRM:
        compounds = repository.contracted_compounds(principal.tenant, principal.org) if principal.org else []
        return Q(compound_id__in=compounds)
    if principal.role == "volunteer":
        teams = repository.teams_of_member(principal.tenant, principal.subject)
        return Q(reporter=principal.subject) | Q(provider_id__in=teams) | Q(provider_kind=OPEN)
    scope = Q(reporter=principal.subject)
    for compound_id, building_id in repository.led_buildings(principal.tenant, principal.subject):
        scope |= Q(compound_id=compound_id, building_id=building_id)  # 楼栋长 follow their building
    return scope


def can_see(principal: Principal, doc: TicketDoc) -> bool:
    if principal.role in READ_ALL_ROLES:
        return True
    if principal.role == PROPERTY_FIRM:
        return bool(principal.org) and doc.compound_id in repository.contracted_compounds(
            principal.tenant, principal.org
        )
    if principal.role == "volunteer":
        if doc.reporter == principal.subject or doc.provider_kind == OPEN:
            return True
        return doc.provider_id in repository.teams_of_member(principal.tenant, principal.subject)
    if doc.reporter == principal.subject:
        return True
    return bool(doc.building_id) and (doc.compound_id, doc.building_id) in repository.led_buildings(
        principal.tenant, principal.subject
    )


def visible_ticket(principal: Principal, ticket_id: str, for_update: bool = True) -> TicketDoc:
    """The ticket if the principal may see it; a read-only view unless it is about to change."""
    doc = (
        repository.ticket(principal.tenant, ticket_id)
        if for_update
        else repository.ticket_view(principal.tenant, ticket_id)
    )
    if not can_see(principal, doc):
        raise NotFound(f"ticket {ticket_id} not found")
    return doc


def check_assigned(principal: Principal, doc: TicketDoc) -> None:
    """Providers act only on work dispatched to them; staff the config allows may act for them."""
    if principal.role == PROPERTY_FIRM:
        if doc.provider_kind != PROPERTY_FIRM or doc.provider_id != principal.org:
            raise PermissionDenied("this ticket is not dispatched to your organisation")
    elif principal.role == "volunteer":
        teams = repository.teams_of_member(principal.tenant, principal.subject)
        if doc.provider_kind != VOLUNTEER_TEAM or doc.provider_id not in teams:
            raise PermissionDenied("this ticket is not dispatched to your team")
