"""派单 and 抢单: dispatch by the category's mode or to a named provider; open grab."""

from __future__ import annotations

from datetime import datetime

from linli.tickets.v1 import events_pb2
from linli_platform.auth import Principal
from linli_platform.errors import FailedPrecondition, InvalidField, PermissionDenied
from linli_platform.protos import timestamp

from linli_tickets.adapters import repository
from linli_tickets.adapters.clock import SYSTEM_CLOCK
from linli_tickets.adapters.documents import MenuItemDoc, TicketDoc
from linli_tickets.domain import dispatch, sla
from linli_tickets.domain.model import DISPATCHED, OPEN, PROPERTY_FIRM, VOLUNTEER_TEAM, Provider
from linli_tickets.domain.sla import Clock
from linli_tickets.service_layer.recording import principal_ref
from linli_tickets.service_layer.transitions import act, arm, category_of


def _found(doc: TicketDoc, category) -> dispatch.Candidates:
    excluded = set(doc.rejected_by)
    return dispatch.candidates(
        doc.category,
        category.specialty,
        doc.compound_id,
        doc.community_id,
        repository.contracts(doc.tenant_id, doc.compound_id),
        repository.teams(doc.tenant_id),
        excluded,
    )


def pick(doc: TicketDoc, kind: str = "", provider_id: str = "") -> Provider:
    """The provider for this ticket: the named one (if it may take it) or the mode's choice."""
    category = category_of(doc)
    found = _found(doc, category)
    if kind == OPEN:
        return Provider(OPEN, "")
    if provider_id:
        chosen = dispatch.named(kind, provider_id, found)
        if chosen is None:
            raise InvalidField(
                "provider_id", f"{provider_id} is not a provider contracted or serving this compound"
            )
        return chosen
    # the dispatcher's provider type, else the menu item's, goes before the category's mode
    menu_kind = kind or _menu_provider_kind(doc)
    if menu_kind == VOLUNTEER_TEAM and found.teams:
        return (found.specialists or found.teams)[0]
    if menu_kind == PROPERTY_FIRM and found.firms:
        return found.firms[0]
    mode = "open_grab" if menu_kind == OPEN else category.dispatch
    turn = (
        repository.next_turn(doc.tenant_id, f"{doc.compound_id}:{doc.category}")
        if mode == "round_robin"
        else 0
    )
    return dispatch.choose(mode, found, turn)


def _menu_provider_kind(doc: TicketDoc) -> str:
    if not doc.menu_item_id:
        return ""
    item = (
        MenuItemDoc.scoped(doc.tenant_id)
        .filter(compound_id=doc.compound_id, item_id=doc.menu_item_id)
        .first()
    )
    return item.provider_kind if item else ""


def assign(
    doc: TicketDoc, provider: Provider, now: datetime, principal: Principal | None, description: str = ""
):
    """Point the ticket at a provider and start the accept clock; returns TicketDispatched."""
    doc.provider_kind, doc.provider_id, doc.dispatched_at = provider.kind, provider.id, now
    arm(doc, sla.accept_deadline(now, category_of(doc)))
    return events_pb2.TicketDispatched(
        ticket=principal_ref(doc, principal),
        description=description or doc.description,
        accept_by=timestamp(doc.accept_by),
        priority=doc.priority,
    )


def dispatch_ticket(
    principal: Principal,
    ticket_id: str,
    kind: str = "",
    provider_id: str = "",
    note: str = "",
    clock: Clock = SYSTEM_CLOCK,
) -> TicketDoc:
    def mutate(doc: TicketDoc, now: datetime):
        return assign(doc, pick(doc, kind, provider_id), now, principal)

    return act(principal, ticket_id, "dispatch", mutate, clock, note, label="dispatched")


def _grabber(principal: Principal, doc: TicketDoc) -> Provider:
    if principal.role == PROPERTY_FIRM:
        if principal.org not in {c.org_id for c in repository.contracts(doc.tenant_id, doc.compound_id)}:
            raise PermissionDenied("your organisation has no contract for this compound")
        return Provider(PROPERTY_FIRM, principal.org)
    teams = set(repository.teams_of_member(principal.tenant, principal.subject))
    serving = [
        t
        for t in repository.teams(doc.tenant_id)
        if t.team_id in teams and t.serves(doc.compound_id, doc.community_id)
    ]
    if not serving:
        raise PermissionDenied("you are not in a team serving this compound")
    return Provider(VOLUNTEER_TEAM, sorted(t.team_id for t in serving)[0])


def grab_ticket(
    principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    """抢单: the first conditional write wins; later grabs see the ticket accepted."""

    def mutate(doc: TicketDoc, now: datetime):
        open_now = (doc.status == DISPATCHED and doc.provider_kind == OPEN) or (
            doc.status != DISPATCHED and category_of(doc).dispatch == "open_grab"
        )
        if not open_now:
            raise FailedPrecondition(f"ticket is {doc.status} and not open for grabbing")
        provider = _grabber(principal, doc)
        doc.provider_kind, doc.provider_id = provider.kind, provider.id
        doc.dispatched_at = doc.dispatched_at or now
        doc.accepted_at = now
        arm(doc, sla.complete_deadline(now, category_of(doc), menu_hours(doc)))
        return events_pb2.TicketAccepted(
            ticket=principal_ref(doc, principal), complete_by=timestamp(doc.complete_by)
        )

    return act(principal, ticket_id, "grab", mutate, clock, note, label="grabbed")


def menu_hours(doc: TicketDoc) -> int:
    if not doc.menu_item_id:
        return 0
    item = (
        MenuItemDoc.scoped(doc.tenant_id)
        .filter(compound_id=doc.compound_id, item_id=doc.menu_item_id)
        .first()
    )
    return item.complete_within_hours if item else 0
