"""Credits by the earn rules: a rated ticket, a confirmed activity (and the reversal of an entry a
correction superseded). Exactly once: a credit's transfer id follows from its cause, its amount is
allotted once under the caps (Earnings), and the ledger answers a replayed transfer as "exists"."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import datetime

from linli.points.v1.events_pb2 import PointsCredited
from linli_ledger import Transfer
from linli_platform.errors import Conflict, FailedPrecondition, InvalidField, NotFound
from linli_platform.events import OutgoingEvent, new_event
from linli_platform.protos import timestamp

from linli_points.adapters import metrics
from linli_points.domain import books
from linli_points.domain.earn_rules import Credit, RatedTicket, activity_credit, ticket_credits
from linli_points.domain.earnings import Earnings, earnings_id
from linli_points.domain.periods import day_of, local_text, month_of
from linli_points.service_layer.rules_in_force import Rules, rules_at
from linli_points.service_layer.unit_of_work import PointsUnitOfWork

log = logging.getLogger("linli.points.earning")


def credit_rated_ticket(
    uow: PointsUnitOfWork, ticket: RatedTicket, cause: str, at: datetime
) -> list[Transfer]:
    """The ticket's roles under the rules in force when it was rated."""
    rules = rules_at(uow, at, ticket.compound_id)
    if not rules.points.enabled:
        return []
    building = (
        uow.places.get("building", f"{ticket.compound_id}/{ticket.building_id}")
        if ticket.building_id
        else None
    )
    if building is not None and building.leader:
        ticket = replace(ticket, building_leader=building.leader)
    done = []
    for credit in ticket_credits(rules.points, ticket):
        transfer = earn(uow, rules, credit, cause, at, ticket.compound_id)
        if transfer is not None:
            done.append(transfer)
    return done


def credit_activity(
    uow: PointsUnitOfWork,
    activity_id: str,
    subject: str,
    kind: str,
    minutes: int,
    compound_id: str,
    corrects: str,
    cause: str,
    at: datetime,
    subject_name: str = "",
) -> list[Transfer]:
    """A confirmed entry's hours at the kind's points per hour; a correction first reverses the
    credit of the entry it corrects."""
    rules = rules_at(uow, at, compound_id)
    done = []
    if corrects:
        reversal = reverse_credit(uow, f"activity:{corrects}", cause, "更正活动记录")
        if reversal is not None:
            done.append(reversal)
    credit = activity_credit(rules.points, activity_id, subject, kind, minutes)
    if credit is not None:
        transfer = earn(uow, rules, credit, cause, at, compound_id, subject_name)
        if transfer is not None:
            done.append(transfer)
    return done


def earn(
    uow: PointsUnitOfWork,
    rules: Rules,
    credit: Credit,
    cause: str,
    at: datetime,
    compound_id: str,
    subject_name: str = "",
) -> Transfer | None:
    """Allot the credit under the caps (once), then submit its transfer with its event (one write).
    A redelivery finds its allotment (nothing written) and submits the same transfer, which the
    ledger answers from the stored one."""
    day, month = day_of(at, rules.timezone), month_of(at, rules.timezone)
    with uow:
        key = earnings_id(credit.subject, month)
        earnings = uow.earnings.find(key)
        if earnings is None:
            earnings = Earnings(tenant_id=uow.tenant, id=key)
            uow.earnings.add(earnings)
        amount = earnings.allot(
            credit.transfer_id, day, credit.amount, rules.points.daily_cap, rules.points.monthly_cap
        )
        uow.commit()  # a lost race on the person's month is ABORTED; the consumer retries
    if amount <= 0:
        log.info("credit capped to nothing", extra={"fields": {"transfer_id": credit.transfer_id}})
        return None
    capped = "" if amount == credit.amount else f"（按上限计 {amount}，原应 {credit.amount}）"
    description = credit.description + capped
    transfer = Transfer(
        id=credit.transfer_id,
        debit_account_id=books.ISSUER_ID,
        credit_account_id=books.person_id(credit.subject),
        amount=amount,
        ledger=books.LEDGER,
        code=credit.code,
        cause=cause[:256],
        user_data={
            "rule_version": str(rules.version),
            "description": description[:500],
            "compound_id": compound_id,
            "community_id": rules.community(compound_id),
            "month": month,
            "at": at.isoformat(),
        },
    )
    if not subject_name:
        subject_name = display_name(uow, credit.subject)
    event = credited_event(uow.tenant, transfer, rules, subject_name, at)
    try:
        return submit(uow, [transfer], [event], [books.person(credit.subject)])[0]
    except Conflict:  # this role of this cause was credited by an earlier event (a re-rated ticket)
        return uow.ledger.transfer(credit.transfer_id)


_NAMES: dict[tuple[str, str], tuple[float, str]] = {}
NAME_TTL = 60.0  # a renamed volunteer shows under the new name in events within a minute


def display_name(uow: PointsUnitOfWork, subject: str) -> str:
    """A person's volunteer name for the events people read (cached per process: one read a minute)."""
    key, now = (uow.tenant, subject), time.monotonic()
    held = _NAMES.get(key)
    if held is not None and now - held[0] < NAME_TTL:
        return held[1]
    volunteer = uow.volunteers.find(subject)
    name = volunteer.profile.display_name if volunteer else ""
    if not name:
        return ""  # not kept: a person who registers a minute later is named at once
    if len(_NAMES) > 100_000:
        _NAMES.clear()
    _NAMES[key] = (now, name)
    return name


def reverse_credit(uow: PointsUnitOfWork, transfer_id: str, cause: str, why: str) -> Transfer | None:
    """Move a credit back (a transfer naming the one it reverses); None when there is none to reverse
    or the person has spent it (logged: staff settle it by hand)."""
    try:
        original = uow.ledger.transfer(transfer_id)
    except NotFound:
        return None
    reversal = books.reversal(
        original,
        cause[:256],
        {
            "description": f"{why}：冲正 {original.user_data.get('description', original.code)}"[:500],
            "compound_id": original.user_data.get("compound_id", ""),
            "community_id": original.user_data.get("community_id", ""),
        },
    )
    try:
        done = submit(uow, [reversal], [], [])[0]
    except FailedPrecondition as refused:
        log.warning(
            "a credit could not be reversed",
            extra={"fields": {"transfer_id": transfer_id, "why": refused.message}},
        )
        return None
    month = original.user_data.get("month", "")
    subject = books.subject_of(original.credit_account_id)
    if month and subject:
        with uow:
            earnings = uow.earnings.find(earnings_id(subject, month))
            if earnings is not None and earnings.release(reversal.id, original.id):
                uow.commit()
    return done


def submit(
    uow: PointsUnitOfWork, transfers: list[Transfer], events: list[OutgoingEvent], accounts: list
) -> tuple[Transfer, ...]:
    """Submit, opening the accounts first if the ledger does not know them yet (once per account);
    credits from the issuer are counted (once: a replay creates nothing)."""
    known = {a.id: a for a in (books.ISSUER, books.SINK, *accounts)}
    for _ in range(4):  # the ledger names one unknown account of a transfer at a time
        try:
            done = uow.ledger.submit(transfers, events=events)
            break
        except InvalidField as refused:
            unknown = [
                why.removeprefix("unknown account ")
                for path, why in refused.violations
                if path.endswith("_account_id") and why.startswith("unknown account ")
            ]
            opening = [known.get(i) or books.person(books.subject_of(i)) for i in dict.fromkeys(unknown)]
            opening = [a for a in opening if a.id in known or books.subject_of(a.id)]
            if not opening:
                raise
            # Only what the ledger does not know: opening answers balances, and the issuer's and the
            # sink's are summed from their whole history, so they are opened once, not with each person.
            uow.ledger.open(opening)
    else:
        done = uow.ledger.submit(transfers, events=events)
    if done.created:
        for t in done.transfers:
            if t.debit_account_id == books.ISSUER_ID and not t.reverses:
                metrics.credited(uow.tenant, t.code, t.amount)
    return done.transfers


def credited_event(
    tenant: str, transfer: Transfer, rules: Rules, subject_name: str, at: datetime
) -> OutgoingEvent:
    subject = books.subject_of(transfer.credit_account_id)
    payload = PointsCredited(
        subject=subject,
        amount=transfer.amount,
        reason=transfer.user_data.get("description", ""),
        transfer_id=transfer.id,
        code=transfer.code,
        cause=transfer.cause,
        rule_version=rules.version,
        subject_name=subject_name,
        points_name=rules.points.name,
        compound_id=transfer.user_data.get("compound_id", ""),
        occurred_at=timestamp(at),
        local_time=local_text(at, rules.timezone),
    )
    return new_event(
        payload,
        source="points",
        aggregate="account",
        tenant_id=tenant,
        aggregate_id=subject,
        event_id=f"credited:{transfer.id}"[:128],
    )
