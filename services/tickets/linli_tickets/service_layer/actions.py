"""The loop after dispatch: accept, reject, start, complete, verify, confirm, close, reopen,
cancel, follow-up (回访) and urge (催单). Each loads one ticket, calls its method and commits."""

from __future__ import annotations

from linli_platform.auth import Principal

from linli_tickets.adapters.clock import SYSTEM_CLOCK
from linli_tickets.domain.sla import Clock
from linli_tickets.domain.ticket import Ticket
from linli_tickets.service_layer.transitions import Move, act
from linli_tickets.service_layer.unit_of_work import UnitOfWorkFactory


def accept_ticket(
    uows: UnitOfWorkFactory, principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.check_assigned(principal, m.sight.teams)
        m.ticket.accept(principal, m.transitions, m.sight.teams, m.category(), m.menu_hours(), m.now, note)

    return act(uows, principal, ticket_id, "accept", change, clock)


def reject_ticket(
    uows: UnitOfWorkFactory, principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.reject(principal, m.transitions, m.sight.teams, m.now, note)

    return act(uows, principal, ticket_id, "reject", change, clock)


def start_work(
    uows: UnitOfWorkFactory, principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.start(principal, m.transitions, m.sight.teams, m.now, note)

    return act(uows, principal, ticket_id, "start", change, clock)


def complete_ticket(
    uows: UnitOfWorkFactory,
    principal: Principal,
    ticket_id: str,
    note: str = "",
    photo_urls: list[str] | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.complete(principal, m.transitions, m.sight.teams, m.now, note, photo_urls or [])

    return act(uows, principal, ticket_id, "complete", change, clock)


def verify_ticket(
    uows: UnitOfWorkFactory,
    principal: Principal,
    ticket_id: str,
    approved: bool,
    note: str = "",
    clock: Clock = SYSTEM_CLOCK,
) -> Ticket:
    """督单: approve the work, or send it back to the provider (the completion clock restarts)."""

    def change(m: Move) -> None:
        hours = 0 if approved else m.menu_hours()
        m.ticket.verify(principal, m.transitions, approved, m.category(), hours, m.now, note)

    return act(uows, principal, ticket_id, "verify" if approved else "send_back", change, clock)


def confirm_ticket(
    uows: UnitOfWorkFactory,
    principal: Principal,
    ticket_id: str,
    rating: int,
    comment: str = "",
    clock: Clock = SYSTEM_CLOCK,
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.confirm(principal, m.transitions, rating, comment, m.now)

    return act(uows, principal, ticket_id, "confirm", change, clock)


def close_ticket(
    uows: UnitOfWorkFactory, principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.close(principal, m.transitions, m.now, note)

    return act(uows, principal, ticket_id, "close", change, clock)


def cancel_ticket(
    uows: UnitOfWorkFactory, principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.cancel(principal, m.transitions, m.now, note)

    return act(uows, principal, ticket_id, "cancel", change, clock)


def reopen_ticket(
    uows: UnitOfWorkFactory, principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.reopen(principal, m.transitions, m.now, note)

    return act(uows, principal, ticket_id, "reopen", change, clock)


def record_follow_up(
    uows: UnitOfWorkFactory,
    principal: Principal,
    ticket_id: str,
    satisfied: bool,
    note: str = "",
    clock: Clock = SYSTEM_CLOCK,
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.follow_up(principal, m.transitions, satisfied, m.now, note)

    return act(uows, principal, ticket_id, "follow_up", change, clock)


def urge_ticket(
    uows: UnitOfWorkFactory, principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> Ticket:
    def change(m: Move) -> None:
        m.ticket.urge(principal, m.transitions, m.now, note)

    return act(uows, principal, ticket_id, "urge", change, clock)
