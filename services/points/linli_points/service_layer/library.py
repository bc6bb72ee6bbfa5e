"""The tool-sharing library (闲置资源流转): offer, accept, reserve (deposit held), lend, return
(deposit released), overdue reminders. A deposit is a PENDING transfer `deposit:<tool>:<loan>`
from the borrower to the owner, voided on return or cancellation; nobody posts it here (a tool
never returned is settled by staff, outside this module)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from linli_ledger import Transfer, TransferFlags
from linli_platform.auth import Principal, Role
from linli_platform.errors import FailedPrecondition, InvalidField, PermissionDenied
from linli_platform.idempotency import check_same

from linli_points.domain import books
from linli_points.domain.tool import Tool
from linli_points.service_layer.catalog_unit_of_work import CatalogUnitOfWork

KEEPERS = frozenset({Role.VOLUNTEER, Role.COMMUNITY_STAFF, Role.GRID_WORKER, Role.DISTRICT_ADMIN})


def tool_id_for(request_id: str) -> str:
    return "t-" + hashlib.sha256(request_id.encode()).hexdigest()[:20]


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def offer_tool(
    uow: CatalogUnitOfWork,
    caller: Principal,
    request_id: str,
    name: str,
    description: str,
    compound_id: str,
    offered: str,
) -> Tool:
    tool_id = tool_id_for(request_id)
    with uow:
        found = uow.tools.find(tool_id)
        if found is not None:
            check_same(found.fingerprint, offered, request_id)
            return found
        tool = Tool.offer(uow.tenant, tool_id, caller.subject, name, description, compound_id, offered)
        uow.tools.add(tool)
        uow.commit()
        return tool


def read_tool(uow: CatalogUnitOfWork, tool_id: str) -> Tool:
    with uow:
        return uow.tools.get(tool_id)


def _keeper_of(caller: Principal) -> str:
    if caller.role not in KEEPERS:
        raise PermissionDenied("a volunteer keeper or staff does this")
    return "" if caller.is_staff else caller.subject  # staff act for any keeper


def accept_tool(
    uow: CatalogUnitOfWork, caller: Principal, tool_id: str, deposit: int, loan_days: int
) -> Tool:
    keeper = _keeper_of(caller)
    with uow:
        tool = uow.tools.get(tool_id)
        tool.accept(keeper or caller.subject, deposit, loan_days)
        uow.commit()
        return tool


def reserve_tool(
    uow: CatalogUnitOfWork, caller: Principal, tool_id: str, now: datetime | None = None
) -> Tool:
    """Reserve, then hold the deposit; no deposit possible → the reservation is undone."""
    with uow:
        tool = uow.tools.get(tool_id)
        if tool.borrower == caller.subject and tool.status == "reserved":
            return tool
        tool.reserve(caller.subject, _now(now))
        uow.commit()
    if tool.deposit:
        try:
            uow.ledger.open([books.person(caller.subject), books.person(tool.owner)])
            uow.ledger.submit(
                [
                    Transfer(
                        id=tool.deposit_id,
                        debit_account_id=books.person_id(caller.subject),
                        credit_account_id=books.person_id(tool.owner),
                        amount=tool.deposit,
                        ledger=books.LEDGER,
                        code="library.deposit",
                        cause=f"points.tool.v1/{tool.id}/{tool.loans}",
                        flags=TransferFlags.PENDING,
                        timeout=tool.deposit_timeout(),
                    )
                ]
            )
        except FailedPrecondition:
            with uow:
                current = uow.tools.get(tool_id)
                if current.status == "reserved" and current.borrower == caller.subject:
                    current.cancel_reservation(caller.subject, True)
                    uow.commit()
            account = books.person_id(caller.subject)
            raise FailedPrecondition(
                f"account {account}: not enough points for a deposit of {tool.deposit}"
            ) from None
    return tool


def _release_deposit(uow: CatalogUnitOfWork, tool: Tool, loan: int) -> None:
    if not tool.deposit:
        return
    pending = f"deposit:{tool.id}:{loan}"
    try:
        uow.ledger.submit(
            [Transfer(id=pending + ":void", flags=TransferFlags.VOID_PENDING, pending_id=pending)]
        )
    except (FailedPrecondition, InvalidField):
        pass  # released already, expired by the ledger's sweep, or never held (no points for it)


def cancel_reservation(uow: CatalogUnitOfWork, caller: Principal, tool_id: str) -> Tool:
    is_keeper = caller.role in KEEPERS and caller.subject != ""
    with uow:
        tool = uow.tools.get(tool_id)
        loan = tool.loans
        tool.cancel_reservation(
            caller.subject, is_keeper and (caller.is_staff or caller.subject == tool.keeper)
        )
        uow.commit()
    _release_deposit(uow, tool, loan)
    return tool


def lend_tool(uow: CatalogUnitOfWork, caller: Principal, tool_id: str, now: datetime | None = None) -> Tool:
    keeper = _keeper_of(caller)
    with uow:
        tool = uow.tools.get(tool_id)
        tool.lend(keeper, _now(now))
        uow.commit()
        return tool


def return_tool(uow: CatalogUnitOfWork, caller: Principal, tool_id: str, now: datetime | None = None) -> Tool:
    keeper = _keeper_of(caller)
    with uow:
        tool = uow.tools.get(tool_id)
        loan = tool.loans
        tool.take_back(keeper, _now(now))
        uow.commit()
    _release_deposit(uow, tool, loan)
    return tool


def list_tools(
    uow: CatalogUnitOfWork, status: str, compound_id: str, offset: int, limit: int
) -> tuple[list[Tool], int]:
    with uow:
        return uow.tools.page(status, compound_id, offset, limit)


def release_unclaimed(uow: CatalogUnitOfWork, now: datetime | None = None, limit: int = 200) -> int:
    """Reserved tools nobody picked up in time go back on the shelf, their deposits released."""
    at = _now(now)
    with uow:
        stale = uow.tools.unclaimed(at, limit)
    released = 0
    for found in stale:
        with uow:
            tool = uow.tools.get(found.id)
            if tool.status != "reserved" or not tool.reserved_until or tool.reserved_until >= at:
                continue
            loan = tool.loans
            tool.cancel_reservation("", True)
            uow.commit()
        _release_deposit(uow, tool, loan)
        released += 1
    return released


def remind_overdue(uow: CatalogUnitOfWork, now: datetime | None = None, limit: int = 200) -> int:
    """Once per loan: a ToolOverdue event for each lent tool past its due date."""
    at = _now(now)
    reminded = 0
    with uow:
        for tool in uow.tools.overdue(at, limit):
            if tool.remind_overdue(at):
                reminded += 1
        uow.commit()
    return reminded
