"""The SLA sweep (worker timer): warnings and breaches on time, escalation, TicketEscalated.

Driven by an injectable clock: the worker passes the system clock, tests a fake one. Each alarm
fires once per deadline (flags on the ticket, written with the version condition), so two
sweeps racing or a crash between sweeps never double-fire. Each ticket a sweep loads is
committed on its own: one that changed meanwhile is left to the next sweep.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from linli_platform.errors import Aborted

from linli_tickets.adapters import metrics
from linli_tickets.adapters.clock import SYSTEM_CLOCK
from linli_tickets.domain.sla import Clock
from linli_tickets.service_layer.dispatching import pick
from linli_tickets.service_layer.transitions import category_of
from linli_tickets.service_layer.unit_of_work import TenantDirectory, UnitOfWorkFactory

log = logging.getLogger("linli.tickets.sla")


def sweep(
    uows: UnitOfWorkFactory, tenants: TenantDirectory, clock: Clock = SYSTEM_CLOCK, limit: int = 200
) -> int:
    """One pass over every district; returns how many alarms fired."""
    return sum(sweep_tenant(uows, tenant, clock, limit) for tenant in tenants())


def close_rated(
    uows: UnitOfWorkFactory, tenants: TenantDirectory, clock: Clock = SYSTEM_CLOCK, limit: int = 200
) -> int:
    """One pass of auto-closing over every district (days, not seconds: a slow timer is enough)."""
    return sum(auto_close(uows, tenant, clock, limit) for tenant in tenants())


def auto_close(uows: UnitOfWorkFactory, tenant: str, clock: Clock = SYSTEM_CLOCK, limit: int = 200) -> int:
    """Rated tickets close by themselves after the config's auto_close_after_days."""
    now = clock.now()
    closed = 0
    with uows(tenant) as uow:
        days = uow.governance.tickets().auto_close_after_days
        for ticket in uow.tickets.rated_until(now - timedelta(days=days), limit):
            wait = uow.governance.tickets(ticket.compound_id).auto_close_after_days
            if ticket.confirmed_at > now - timedelta(days=wait):
                continue  # the compound waits longer than the district
            ticket.auto_close(now, wait)
            try:
                uow.commit()
                closed += 1
                metrics.moved(ticket)
            except Aborted:
                uow.discard(ticket)  # changed meanwhile (reopened, closed by staff): the next pass decides
    return closed


def sweep_tenant(uows: UnitOfWorkFactory, tenant: str, clock: Clock = SYSTEM_CLOCK, limit: int = 200) -> int:
    now = clock.now()
    fired = 0
    with uows(tenant) as uow:
        metrics.alarms_ready(tenant, uow.governance.tickets().categories)
        for ticket in uow.tickets.due_for_sla(now, limit):
            steps = len(ticket.timeline)
            alarms = ticket.escalate(category_of(uow, ticket), now, lambda t: pick(uow, t))
            try:
                uow.commit()
            except Aborted:
                uow.discard(ticket)
                log.info(
                    "ticket changed during the SLA sweep; the next sweep looks again",
                    extra={"fields": {"ticket_id": ticket.id}},
                )
                continue
            for alarm in alarms:
                metrics.alarmed(ticket, alarm)
            if any(step.action == "redispatched" for step in ticket.timeline[steps:]):
                metrics.moved(ticket, "redispatched")
            fired += len(alarms)
    return fired
