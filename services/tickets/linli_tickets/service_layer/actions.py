"""The loop after dispatch: accept, reject, start, complete, verify, confirm, close, reopen,
cancel, follow-up (回访) and urge (催单). Each is one guarded write through transitions.act()."""

from __future__ import annotations

from datetime import datetime

from linli.tickets.v1 import events_pb2
from linli_platform.auth import Principal
from linli_platform.protos import timestamp

from linli_tickets.adapters.clock import SYSTEM_CLOCK
from linli_tickets.adapters.documents import TicketDoc
from linli_tickets.domain import sla
from linli_tickets.domain.sla import Clock
from linli_tickets.service_layer.access import check_assigned
from linli_tickets.service_layer.dispatching import menu_hours
from linli_tickets.service_layer.recording import principal_ref
from linli_tickets.service_layer.transitions import act, arm, category_of


def accept_ticket(
    principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    def mutate(doc: TicketDoc, now: datetime):
        check_assigned(principal, doc)
        doc.accepted_at = now
        arm(doc, sla.complete_deadline(now, category_of(doc), menu_hours(doc)))
        return events_pb2.TicketAccepted(
            ticket=principal_ref(doc, principal), complete_by=timestamp(doc.complete_by)
        )

    return act(principal, ticket_id, "accept", mutate, clock, note, label="accepted")


def reject_ticket(
    principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    def mutate(doc: TicketDoc, now: datetime):
        check_assigned(principal, doc)
        event = events_pb2.TicketRejected(ticket=principal_ref(doc, principal), reason=note)
        if doc.provider_id and doc.provider_id not in doc.rejected_by:
            doc.rejected_by.append(doc.provider_id)
        arm(doc, None)
        return event

    return act(principal, ticket_id, "reject", mutate, clock, note, label="rejected")


def start_work(
    principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    def mutate(doc: TicketDoc, now: datetime):
        check_assigned(principal, doc)

    return act(principal, ticket_id, "start", mutate, clock, note, label="started")


def complete_ticket(
    principal: Principal,
    ticket_id: str,
    note: str = "",
    photo_urls: list[str] | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> TicketDoc:
    def mutate(doc: TicketDoc, now: datetime):
        check_assigned(principal, doc)
        doc.done_at = now
        doc.completion_photo_urls = list(photo_urls or [])
        arm(doc, None)
        return events_pb2.TicketCompleted(ticket=principal_ref(doc, principal), note=note)

    return act(principal, ticket_id, "complete", mutate, clock, note, label="completed")


def verify_ticket(
    principal: Principal, ticket_id: str, approved: bool, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    """督单: approve the work, or send it back to the provider (the completion clock restarts)."""

    def mutate(doc: TicketDoc, now: datetime):
        if not approved:
            arm(doc, sla.complete_deadline(now, category_of(doc), menu_hours(doc)))
        return events_pb2.TicketVerified(ticket=principal_ref(doc, principal), approved=approved, note=note)

    action = "verify" if approved else "send_back"
    return act(
        principal, ticket_id, action, mutate, clock, note, label="verified" if approved else "sent_back"
    )


def confirm_ticket(
    principal: Principal, ticket_id: str, rating: int, comment: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    def mutate(doc: TicketDoc, now: datetime):
        doc.rating, doc.rating_comment, doc.confirmed_at = rating, comment, now
        return events_pb2.TicketRated(ticket=principal_ref(doc, principal), rating=rating, comment=comment)

    return act(
        principal,
        ticket_id,
        "confirm",
        mutate,
        clock,
        f"评分 {rating}" + (f"：{comment}" if comment else ""),
        label="rated",
    )


def close_ticket(
    principal: Principal | None, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    def mutate(doc: TicketDoc, now: datetime):
        arm(doc, None)
        return events_pb2.TicketClosed(ticket=principal_ref(doc, principal), outcome="closed")

    return act(principal, ticket_id, "close", mutate, clock, note, label="closed")


def cancel_ticket(
    principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    def mutate(doc: TicketDoc, now: datetime):
        arm(doc, None)
        return events_pb2.TicketClosed(ticket=principal_ref(doc, principal), outcome="cancelled")

    return act(principal, ticket_id, "cancel", mutate, clock, note, label="cancelled")


def reopen_ticket(
    principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    """Back to reported: the work was not right; it goes through dispatch again."""

    def mutate(doc: TicketDoc, now: datetime):
        event = events_pb2.TicketReopened(ticket=principal_ref(doc, principal), reason=note)
        doc.rating, doc.rating_comment, doc.confirmed_at, doc.done_at = 0, "", None, None
        doc.provider_kind, doc.provider_id = "", ""
        arm(doc, None)
        return event

    return act(principal, ticket_id, "reopen", mutate, clock, note, label="reopened")


def record_follow_up(
    principal: Principal, ticket_id: str, satisfied: bool, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    """回访: the status stays; an unsatisfied visit counts as a complaint on the board."""

    def mutate(doc: TicketDoc, now: datetime):
        doc.complaint = doc.complaint or not satisfied

    text = ("回访：满意" if satisfied else "回访：不满意") + (f"（{note}）" if note else "")
    return act(principal, ticket_id, "follow_up", mutate, clock, text, label="follow_up")


def urge_ticket(
    principal: Principal, ticket_id: str, note: str = "", clock: Clock = SYSTEM_CLOCK
) -> TicketDoc:
    """催单: counted, in the timeline, and an escalation event the supervisor is notified by."""

    def mutate(doc: TicketDoc, now: datetime):
        doc.urge_count += 1
        running = sla.running(doc.status)
        due = doc.accept_by if running == "accept" else doc.complete_by if running == "complete" else None
        return events_pb2.TicketEscalated(
            ticket=principal_ref(doc, principal),
            kind="urge",
            deadline=running or "",
            due_at=timestamp(due),
            action="notify_supervisor",
        )

    return act(principal, ticket_id, "urge", mutate, clock, note, label="urged")
