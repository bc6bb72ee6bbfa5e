"""Reporting (报修): create a ticket, order from the menu, link a duplicate, read and list."""

from __future__ import annotations

from dataclasses import dataclass, field

from linli_platform.auth import STAFF_ROLES, Principal, Role
from linli_platform.errors import InvalidField, NotFound
from linli_platform.idempotency import check_same, fingerprint
from linli_platform.persistence import AlreadyStored

from linli_tickets.adapters import metrics
from linli_tickets.adapters.clock import SYSTEM_CLOCK
from linli_tickets.domain.model import ticket_id_for
from linli_tickets.domain.queries import TicketFilter
from linli_tickets.domain.sla import Clock, priority_for
from linli_tickets.domain.ticket import Ticket
from linli_tickets.service_layer.access import Sight
from linli_tickets.service_layer.transitions import Move, act
from linli_tickets.service_layer.unit_of_work import TicketsUnitOfWork, TicketView, UnitOfWorkFactory

__all__ = ["ReportTicket", "TicketFilter", "create_ticket", "get_ticket", "link_duplicate", "list_tickets"]


@dataclass
class ReportTicket:
    request_id: str
    compound_id: str
    description: str
    category: str = ""
    building_id: str = ""
    household_id: str = ""
    photo_urls: list[str] = field(default_factory=list)
    location: tuple[float, float] | None = None
    on_behalf_of: str = ""
    menu_item_id: str = ""
    channel: str = ""


def _category_of(uow: TicketsUnitOfWork, cmd: ReportTicket) -> str:
    if cmd.menu_item_id:
        item = uow.menu.find(cmd.compound_id, cmd.menu_item_id, active_only=True)
        if item is None:
            raise NotFound(f"menu item {cmd.menu_item_id} not found in compound {cmd.compound_id}")
        return item.category
    if not cmd.category:
        raise InvalidField("category", "is required unless menu_item_id is given")
    return cmd.category


def _reporter(uow: TicketsUnitOfWork, principal: Principal, cmd: ReportTicket) -> str:
    """Staff report on anyone's behalf; a building leader (楼栋长) on behalf of their building."""
    if not cmd.on_behalf_of:
        return principal.subject
    if principal.role in STAFF_ROLES:
        return cmd.on_behalf_of
    leads = (cmd.compound_id, cmd.building_id) in uow.buildings.led_by(principal.subject)
    if principal.role == Role.RESIDENT and cmd.building_id and leads:
        return cmd.on_behalf_of
    raise InvalidField(
        "on_behalf_of", "only community staff, or the building's leader, report on someone's behalf"
    )


def _check_location(location: tuple[float, float] | None) -> None:
    if location is None:
        return
    lat, lon = location
    if not -90 <= lat <= 90:
        raise InvalidField("location.lat", "must be between -90 and 90")
    if not -180 <= lon <= 180:
        raise InvalidField("location.lon", "must be between -180 and 180")


def create_ticket(
    uows: UnitOfWorkFactory,
    principal: Principal,
    cmd: ReportTicket,
    clock: Clock = SYSTEM_CLOCK,
    offered: str = "",
) -> Ticket | TicketView:
    """A new ticket; its id follows from (tenant, subject, request_id), so a retry with the same
    content answers the first ticket, and with other content is refused (Conflict naming request_id).

    `offered`: the request's fingerprint when the caller has it (the servicer hashes the protobuf
    request, twenty times cheaper than the command); else the command's."""
    tenant = principal.tenant
    _check_location(cmd.location)
    with uows(tenant) as uow:
        reporter = _reporter(uow, principal, cmd)
        compound = uow.compounds.get(cmd.compound_id)
        category = _category_of(uow, cmd)
        config = uow.governance.tickets(cmd.compound_id)
        if category not in config.categories:
            raise InvalidField(
                "category", f"is not a category of this district ({', '.join(config.categories)})"
            )
        priority = priority_for(
            uow.households.care_tags(cmd.compound_id, cmd.household_id),
            uow.governance.care_priorities(cmd.compound_id),
        )
        ticket = Ticket.report(
            tenant_id=tenant,
            id=ticket_id_for(tenant, principal.subject, cmd.request_id),
            actor=principal,
            reporter=reporter,
            compound_id=cmd.compound_id,
            community_id=compound.community_id or uow.governance.community_of(cmd.compound_id),
            category=category,
            description=cmd.description,
            now=clock.now(),
            building_id=cmd.building_id,
            household_id=cmd.household_id,
            photo_urls=cmd.photo_urls,
            location=cmd.location,
            menu_item_id=cmd.menu_item_id,
            channel=cmd.channel,
            priority=priority,
            fingerprint=offered or fingerprint(cmd),
        )
        uow.tickets.add(ticket)
        try:
            uow.commit()
        except AlreadyStored:
            first = uow.tickets.view(ticket.id)  # a retry: the first ticket, if it was the same request
            check_same(first.request_fingerprint, ticket.request_fingerprint, cmd.request_id)
            return first
    metrics.reported(ticket)
    return ticket


def get_ticket(uows: UnitOfWorkFactory, principal: Principal, ticket_id: str) -> TicketView:
    with uows(principal.tenant) as uow:
        return Sight(uow, principal).view(ticket_id)


def link_duplicate(
    uows: UnitOfWorkFactory,
    principal: Principal,
    ticket_id: str,
    duplicate_of: str,
    clock: Clock = SYSTEM_CLOCK,
) -> Ticket:
    """Close a report as a duplicate of an open ticket at the same place."""
    if ticket_id == duplicate_of:
        raise InvalidField("duplicate_of", "must name another ticket")

    def change(m: Move) -> None:
        original = m.sight.view(duplicate_of)
        m.ticket.link_duplicate(principal, m.transitions, original, m.now)

    return act(uows, principal, ticket_id, "link_duplicate", change, clock, precheck=False)


def list_tickets(
    uows: UnitOfWorkFactory,
    principal: Principal,
    flt: TicketFilter,
    offset: int,
    limit: int,
    with_timeline: bool,
    skip_total: bool = False,
) -> tuple[list[TicketView], int]:
    """A page of the tickets the principal sees, newest first, and the number of matches
    (with skip_total: a lower bound from one extra document instead of a counting scan)."""
    with uows(principal.tenant) as uow:
        scope = Sight(uow, principal).scope()
        return uow.tickets.page(scope, flt, offset, limit, with_timeline, skip_total)
