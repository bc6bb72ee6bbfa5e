"""Who sees which ticket: residents their own, firms their contracted compounds, teams their work.

A ticket the caller may not see answers NOT_FOUND, exactly like a ticket of another tenant. The
local copies a rule needs are read when the rule gets to them, at most once per request.
"""

from __future__ import annotations

from functools import cached_property

from linli_platform.auth import STAFF_ROLES, Principal, Role
from linli_platform.errors import NotFound

from linli_tickets.domain.model import OPEN
from linli_tickets.domain.queries import Visibility
from linli_tickets.domain.ticket import Ticket
from linli_tickets.service_layer.unit_of_work import TicketsUnitOfWork, TicketView

READ_ALL_ROLES = STAFF_ROLES | {Role.COUNCIL}


class Sight:
    """What one caller sees of their district."""

    def __init__(self, uow: TicketsUnitOfWork, principal: Principal):
        self.uow, self.principal = uow, principal

    @cached_property
    def teams(self) -> tuple[str, ...]:
        """The caller's teams (volunteers only; nobody else acts for a team)."""
        if self.principal.role != Role.VOLUNTEER:
            return ()
        return tuple(self.uow.teams.of_member(self.principal.subject))

    @cached_property
    def contracted(self) -> tuple[str, ...]:
        if self.principal.role != Role.PROPERTY_FIRM or not self.principal.org:
            return ()
        return tuple(self.uow.contracts.compounds_of(self.principal.org))

    @cached_property
    def led(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.uow.buildings.led_by(self.principal.subject))

    def scope(self) -> Visibility | None:
        """The limit of a list (None: the whole district)."""
        role, subject = self.principal.role, self.principal.subject
        if role in READ_ALL_ROLES:
            return None
        if role == Role.PROPERTY_FIRM:
            return Visibility(compounds=self.contracted)
        if role == Role.VOLUNTEER:
            return Visibility(reporter=subject, provider_ids=self.teams, open_grabs=True)
        return Visibility(reporter=subject, buildings=self.led)  # 楼栋长 follow their building

    def sees(self, ticket: Ticket | TicketView) -> bool:
        role, subject = self.principal.role, self.principal.subject
        if role in READ_ALL_ROLES:
            return True
        if role == Role.PROPERTY_FIRM:
            return ticket.compound_id in self.contracted
        if role == Role.VOLUNTEER:
            if ticket.reporter == subject or ticket.provider_kind == OPEN:
                return True
            return ticket.provider_id in self.teams
        if ticket.reporter == subject:
            return True
        return bool(ticket.building_id) and (ticket.compound_id, ticket.building_id) in self.led

    def ticket(self, ticket_id: str) -> Ticket:
        """The ticket to change, if the caller may see it."""
        found = self.uow.tickets.find(ticket_id)
        if found is None or not self.sees(found):
            raise NotFound(f"ticket {ticket_id} not found")
        return found

    def view(self, ticket_id: str) -> TicketView:
        """The ticket to show, if the caller may see it (a light read)."""
        found = self.uow.tickets.view(ticket_id)
        if found is None or not self.sees(found):
            raise NotFound(f"ticket {ticket_id} not found")
        return found
