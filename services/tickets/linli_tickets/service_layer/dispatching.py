"""派单 and 抢单: dispatch by the category's mode or to a named provider; open grab."""

from __future__ import annotations

from linli_platform.auth import Principal, Role
from linli_platform.errors import InvalidField, PermissionDenied

from linli_tickets.adapters.clock import SYSTEM_CLOCK
from linli_tickets.domain import dispatch
from linli_tickets.domain.model import OPEN, PROPERTY_FIRM, VOLUNTEER_TEAM, Provider
from linli_tickets.domain.sla import Clock
from linli_tickets.domain.ticket import Ticket
from linli_tickets.service_layer.transitions import Move, act, category_of
from linli_tickets.service_layer.unit_of_work import TicketsUnitOfWork, UnitOfWorkFactory


def _found(uow: TicketsUnitOfWork, ticket: Ticket, category) -> dispatch.Candidates:
    return dispatch.candidates(
        ticket.category,
        category.specialty,
        ticket.compound_id,
        ticket.community_id,
        uow.contracts.in_force(ticket.compound_id),
        uow.teams.serving(),
        set(ticket.rejected_by),
    )


def pick(uow: TicketsUnitOfWork, ticket: Ticket, kind: str = "", provider_id: str = "") -> Provider:
    """The provider for this ticket: the named one (if it may take it) or the mode's choice."""
    category = category_of(uow, ticket)
    found = _found(uow, ticket, category)
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
    menu_kind = kind or _menu_provider_kind(uow, ticket)
    if menu_kind == VOLUNTEER_TEAM and found.teams:
        return (found.specialists or found.teams)[0]
    if menu_kind == PROPERTY_FIRM and found.firms:
        return found.firms[0]
    mode = "open_grab" if menu_kind == OPEN else category.dispatch
    turn = uow.cursors.next_turn(f"{ticket.compound_id}:{ticket.category}") if mode == "round_robin" else 0
    return dispatch.choose(mode, found, turn)


def _menu_provider_kind(uow: TicketsUnitOfWork, ticket: Ticket) -> str:
    if not ticket.menu_item_id:
        return ""
    item = uow.menu.find(ticket.compound_id, ticket.menu_item_id)
    return item.provider_kind if item else ""


def dispatch_ticket(
    uows: UnitOfWorkFactory,
    principal: Principal,
    ticket_id: str,
    kind: str = "",
    provider_id: str = "",
    note: str = "",
    clock: Clock = SYSTEM_CLOCK,
) -> Ticket:
    def change(m: Move) -> None:
        provider = pick(m.uow, m.ticket, kind, provider_id)
        m.ticket.dispatch(principal, m.transitions, provider, m.category(), m.now, note)

    return act(uows, principal, ticket_id, "dispatch", change, clock)


def _grabber(uow: TicketsUnitOfWork, principal: Principal, ticket: Ticket) -> Provider:
    if principal.role == Role.PROPERTY_FIRM:
        if principal.org not in {c.org_id for c in uow.contracts.in_force(ticket.compound_id)}:
            raise PermissionDenied("your organisation has no contract for this compound")
        return Provider(PROPERTY_FIRM, principal.org)
    teams = set(uow.teams.of_member(principal.subject))
    serving = [
        t
        for t in uow.teams.serving()
        if t.team_id in teams and t.serves(ticket.compound_id, ticket.community_id)
    ]
    if not serving:
        raise PermissionDenied("you are not in a team serving this compound")
    return Provider(VOLUNTEER_TEAM, sorted(t.team_id for t in serving)[0])


def grab_ticket(
    uows: UnitOfWorkFactory, principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> Ticket:
    """抢单: the first conditional write wins; later grabs see the ticket accepted."""

    def change(m: Move) -> None:
        category = m.category()
        m.ticket.open_for_grabbing(category)
        provider = _grabber(m.uow, principal, m.ticket)
        m.ticket.grab(principal, m.transitions, provider, category, m.menu_hours(), m.now, note)

    return act(uows, principal, ticket_id, "grab", change, clock)
