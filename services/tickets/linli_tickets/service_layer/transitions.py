"""The loop's transitions: load the ticket the caller may see, call one method, commit.

Every change is one write guarded by the version read (the unit of work); on a concurrent change
the use case re-reads and decides again — so of many grabs exactly one wins and the rest see the
new status. The pure checks of a move (role, lifecycle table) run before anything else is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from linli_platform.auth import Principal
from linli_platform.errors import Aborted

from linli_tickets.adapters import metrics
from linli_tickets.adapters.clock import SYSTEM_CLOCK
from linli_tickets.domain.sla import Clock
from linli_tickets.domain.ticket import Ticket
from linli_tickets.service_layer.access import Sight
from linli_tickets.service_layer.unit_of_work import TicketsUnitOfWork, UnitOfWorkFactory

ATTEMPTS = 5


@dataclass
class Move:
    """What a change of one ticket works with."""

    uow: TicketsUnitOfWork
    sight: Sight
    ticket: Ticket
    transitions: object  # the district's linli_governance Transitions
    now: datetime

    def category(self):
        return category_of(self.uow, self.ticket)

    def menu_hours(self) -> int:
        return menu_hours(self.uow, self.ticket)


def act(
    uows: UnitOfWorkFactory,
    principal: Principal,
    ticket_id: str,
    action: str,
    change: Callable[[Move], None],
    clock: Clock = SYSTEM_CLOCK,
    precheck: bool = True,
) -> Ticket:
    """`change` calls the ticket's method; with `precheck` the move's role and table are checked first."""
    for attempt in range(ATTEMPTS):
        with uows(principal.tenant) as uow:
            sight = Sight(uow, principal)
            ticket = sight.ticket(ticket_id)
            transitions = uow.governance.tickets(ticket.compound_id).transitions
            if precheck:
                ticket.check(action, principal, transitions)
            change(Move(uow, sight, ticket, transitions, clock.now()))
            try:
                uow.commit()
            except Aborted:
                if attempt == ATTEMPTS - 1:
                    raise
                continue
            metrics.moved(ticket)
            return ticket
    raise Aborted(f"ticket {ticket_id} changed concurrently")


def category_of(uow: TicketsUnitOfWork, ticket: Ticket):
    """The ticket's category config (a category the district dropped since: "other", or the first)."""
    config = uow.governance.tickets(ticket.compound_id)
    return (
        config.categories.get(ticket.category)
        or config.categories.get("other")
        or next(iter(config.categories.values()))
    )


def menu_hours(uow: TicketsUnitOfWork, ticket: Ticket) -> int:
    """A menu item's own completion time (0: the category's)."""
    if not ticket.menu_item_id:
        return 0
    item = uow.menu.find(ticket.compound_id, ticket.menu_item_id)
    return item.complete_within_hours if item else 0
