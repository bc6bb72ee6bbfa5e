"""Use cases on points accounts: a balance, a statement, a transfer or grant, a reversal."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from linli.points.v1.events_pb2 import PointsTransferred
from linli_ledger import Account, Transfer
from linli_platform.auth import Principal
from linli_platform.errors import Conflict, InvalidField, NotFound, PermissionDenied
from linli_platform.events import new_event

from linli_points.domain import books
from linli_points.domain.periods import local_text
from linli_points.service_layer.earning import credited_event, submit
from linli_points.service_layer.rules_in_force import rules_at
from linli_points.service_layer.unit_of_work import PointsUnitOfWork
from linli_points.service_layer.volunteers import STAFF

MAX_STATEMENT_PAGE = 200


@dataclass(frozen=True)
class Balance:
    subject: str
    balance: int  # available: posted credits − posted and pending debits
    pending: int
    points_name: str


@dataclass(frozen=True)
class Line:
    transfer: Transfer
    amount: int  # signed, as seen from the person's account
    counterparty: str


def _may_read(caller: Principal, subject: str) -> None:
    if subject != caller.subject and caller.role not in STAFF:
        raise PermissionDenied("only staff read another person's points")


def read_account(uow: PointsUnitOfWork, caller: Principal, subject: str) -> Balance:
    """A person reads their own points, staff anyone's; someone who never earned any has 0."""
    _may_read(caller, subject)
    account = uow.ledger.accounts([books.person_id(subject)]).get(books.person_id(subject))
    name = rules_at(uow, datetime.now(UTC)).points.name
    if account is None:
        return Balance(subject, 0, 0, name)
    return Balance(subject, account.available, account.debits_pending, name)


def statement(
    uow: PointsUnitOfWork, caller: Principal, subject: str, cursor: str = "", limit: int = 50
) -> tuple[Balance, list[Line], str]:
    """Every movement of the person's points, oldest first, with its cause and description."""
    balance = read_account(uow, caller, subject)
    account_id = books.person_id(subject)
    if balance.balance == 0 and balance.pending == 0 and not uow.ledger.accounts([account_id]):
        return balance, [], ""
    page = uow.ledger.transfers(account_id, cursor=cursor, limit=min(limit, MAX_STATEMENT_PAGE))
    lines = []
    for t in page.transfers:
        incoming = t.credit_account_id == account_id
        other = t.debit_account_id if incoming else t.credit_account_id
        lines.append(Line(t, t.amount if incoming else -t.amount, books.subject_of(other) or other))
    return balance, lines, page.next_cursor


def transfer_points(
    uow: PointsUnitOfWork,
    caller: Principal,
    request_id: str,
    to_subject: str,
    amount: int,
    memo: str,
    grant: bool,
) -> Transfer:
    """A person gives their own points to another (双向循环); staff grant from the issuer."""
    if grant and caller.role not in STAFF:
        raise PermissionDenied("only staff grant points from the district's issuer")
    if not grant and to_subject == caller.subject:
        raise InvalidField("to_subject", "is the caller: a transfer goes to someone else")
    source = books.ISSUER_ID if grant else books.person_id(caller.subject)
    key = hashlib.sha256(f"{caller.subject}\x1f{request_id}".encode()).hexdigest()[:32]
    now = datetime.now(UTC)
    rules = rules_at(uow, now)
    if not rules.points.enabled:
        raise InvalidField("grant" if grant else "amount", "points are switched off in this district")
    transfer = Transfer(
        id=f"rpc:{key}",
        debit_account_id=source,
        credit_account_id=books.person_id(to_subject),
        amount=amount,
        ledger=books.LEDGER,
        code=books.GRANT if grant else books.TRANSFER,
        cause=f"rpc/{request_id}",
        user_data={
            "description": (memo or ("发放积分" if grant else "积分转赠"))[:500],
            "by": caller.subject[:500],
        },
    )
    if grant:
        event = credited_event(uow.tenant, transfer, rules, "", now)
    else:
        event = new_event(
            PointsTransferred(
                subject=caller.subject,
                to_subject=to_subject,
                amount=amount,
                transfer_id=transfer.id,
                memo=memo,
                points_name=rules.points.name,
                local_time=local_text(now, rules.timezone),
            ),
            source="points",
            aggregate="account",
            tenant_id=uow.tenant,
            aggregate_id=caller.subject,
            event_id=f"transferred:{transfer.id}",
        )
    accounts: list[Account] = [books.person(to_subject)]
    if not grant:
        accounts.append(books.person(caller.subject))
    try:
        return submit(uow, [transfer], [event], accounts)[0]
    except Conflict as other:
        raise Conflict(
            f"request_id {request_id!r} was already used for a different request; "
            f"use a new request_id ({other.message})"
        ) from other
    except InvalidField as refused:
        if any(path.endswith("debit_account_id") for path, _ in refused.violations) and not grant:
            raise InvalidField("amount", "you have no points to give yet") from refused
        raise


def reverse_transfer(
    uow: PointsUnitOfWork, caller: Principal, request_id: str, transfer_id: str, reason: str
) -> Transfer:
    """Staff correct a transfer by one moving the same amount back and naming it."""
    if caller.role not in STAFF:
        raise PermissionDenied("only staff reverse transfers")
    try:
        original = uow.ledger.transfer(transfer_id)
    except NotFound:
        raise NotFound(f"transfer {transfer_id} not found") from None
    if original.ledger != books.LEDGER:
        raise NotFound(f"transfer {transfer_id} not found")
    reversal = books.reversal(
        original,
        f"rpc/{request_id}",
        {"description": f"冲正：{reason}"[:500], "by": caller.subject[:500]},
    )
    try:
        return submit(uow, [reversal], [], [])[0]
    except Conflict as other:
        raise Conflict(
            f"transfer {transfer_id} was reversed already by another request ({other.message})"
        ) from other
