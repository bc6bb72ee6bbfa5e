"""The loop's transitions: one guarded, optimistic-concurrency write per action.

Every action loads the ticket the caller may see, checks the role against the district's
config, moves the status by the table in domain.lifecycle, appends the timeline step and the
event, and saves only if the version is unchanged; on a concurrent change it re-reads and
decides again (so of many grabs exactly one wins and the rest see the new status).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from google.protobuf.message import Message
from linli_platform.auth import Principal
from linli_platform.errors import Aborted

from linli_tickets.adapters import governance, repository
from linli_tickets.adapters.clock import SYSTEM_CLOCK
from linli_tickets.adapters.documents import TicketDoc
from linli_tickets.adapters.metrics import TRANSITIONS
from linli_tickets.domain import sla
from linli_tickets.domain.lifecycle import check_role, next_status
from linli_tickets.domain.sla import Clock
from linli_tickets.service_layer.access import visible_ticket
from linli_tickets.service_layer.recording import record, step

ATTEMPTS = 5
# A mutation changes the loaded ticket and returns the event to record (or None).
Mutation = Callable[[TicketDoc, datetime], Message | None]


def act(
    principal: Principal,
    ticket_id: str,
    action: str,
    mutate: Mutation,
    clock: Clock = SYSTEM_CLOCK,
    note: str = "",
    label: str = "",
) -> TicketDoc:
    for attempt in range(ATTEMPTS):
        doc = visible_ticket(principal, ticket_id)
        check_role(
            governance.tickets_config(principal.tenant, doc.compound_id).transitions, action, principal.role
        )
        before = doc.status
        after = next_status(action, before)
        expected, now = doc.version, clock.now()
        event = mutate(doc, now)
        doc.status, doc.version, doc.updated_at = after, expected + 1, now
        step(doc, now, label or action, principal, before, after, note)
        if event is not None:
            record(doc, event)
        try:
            repository.save(doc, expected)
            TRANSITIONS.labels(label or action).inc()
            return doc
        except Aborted:
            if attempt == ATTEMPTS - 1:
                raise
    raise Aborted(f"ticket {ticket_id} changed concurrently")


def arm(doc: TicketDoc, deadline: sla.Deadline | None) -> None:
    """Start the running SLA deadline (or stop the clock when none runs in the new status)."""
    if deadline is None:
        doc.next_sla_at = None
        return
    if deadline.kind == "accept":
        doc.accept_by = deadline.due
    else:
        doc.complete_by = deadline.due
    doc.sla_warn_at = deadline.warn_at
    doc.sla_fired = [f for f in doc.sla_fired if not f.startswith(deadline.kind + ":")]
    doc.next_sla_at = deadline.warn_at


def category_of(doc: TicketDoc):
    config = governance.tickets_config(doc.tenant_id, doc.compound_id)
    return (
        config.categories.get(doc.category)
        or config.categories.get("other")
        or next(iter(config.categories.values()))
    )
