"""A tool of the sharing library (闲置资源流转): offered by a resident, kept by a volunteer keeper,
reserved, lent and returned by neighbours (pure).

OFFERED → AVAILABLE (a keeper accepts it) → RESERVED (a neighbour; their deposit held) → LENT (due
date) → AVAILABLE (returned; deposit released). Each loan has a number, so the ledger's deposit
transfer of each loan has its own id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from linli.points.v1.catalog_events_pb2 import (
    ToolAccepted,
    ToolBorrowed,
    ToolOffered,
    ToolOverdue,
    ToolReturned,
)
from linli_platform.aggregate import Aggregate
from linli_platform.errors import FailedPrecondition, InvalidField, PermissionDenied
from linli_platform.protos import timestamp

OFFERED, AVAILABLE, RESERVED, LENT = "offered", "available", "reserved", "lent"
MOVES = {
    OFFERED: {AVAILABLE},
    AVAILABLE: {RESERVED},
    RESERVED: {LENT, AVAILABLE},
    LENT: {AVAILABLE},
}
STATUS_NAMES = {OFFERED: "待接收", AVAILABLE: "可借", RESERVED: "已预约", LENT: "借出中"}
MAX_DEPOSIT = 100_000
MAX_LOAN_DAYS = 90
DEFAULT_LOAN_DAYS = 7
DEPOSIT_MARGIN = timedelta(days=30)  # a deposit is held this long past the due date at most
RESERVATION_HOLD = timedelta(days=2)  # a reserved tool not picked up by then goes back on the shelf


@dataclass(eq=False, kw_only=True)
class Tool(Aggregate):
    SOURCE: ClassVar[str] = "points"
    NAME: ClassVar[str] = "tool"

    tenant_id: str
    id: str
    name: str
    description: str
    owner: str
    compound_id: str = ""
    status: str = OFFERED
    keeper: str = ""
    borrower: str = ""
    deposit: int = 0
    loan_days: int = DEFAULT_LOAN_DAYS
    due_at: datetime | None = None
    reserved_until: datetime | None = None
    overdue: bool = False
    loans: int = 0
    fingerprint: str = ""
    version: int = 0

    def __post_init__(self) -> None:
        Aggregate.__init__(self, self.tenant_id, self.id, self.version)

    @classmethod
    def offer(
        cls,
        tenant_id: str,
        tool_id: str,
        owner: str,
        name: str,
        description: str,
        compound_id: str,
        fingerprint: str,
    ) -> Tool:
        if not name.strip():
            raise InvalidField("name", "is required")
        tool = cls(
            tenant_id=tenant_id,
            id=tool_id,
            name=name.strip(),
            description=description,
            owner=owner,
            compound_id=compound_id,
            fingerprint=fingerprint,
        )
        tool.record(ToolOffered(tool_id=tool_id, name=tool.name, owner=owner, compound_id=compound_id))
        return tool

    @property
    def deposit_id(self) -> str:
        """The ledger's pending transfer holding the current loan's deposit."""
        return f"deposit:{self.id}:{self.loans}"

    def _move(self, to: str) -> None:
        if to not in MOVES[self.status]:
            raise FailedPrecondition(f"tool {self.id} ({self.name}) is {STATUS_NAMES[self.status]}")
        self.status = to

    def accept(self, keeper: str, deposit: int, loan_days: int) -> None:
        if not 0 <= deposit <= MAX_DEPOSIT:
            raise InvalidField("deposit", f"points between 0 and {MAX_DEPOSIT}")
        if not 0 <= loan_days <= MAX_LOAN_DAYS:
            raise InvalidField("loan_days", f"between 0 and {MAX_LOAN_DAYS}")
        self._move(AVAILABLE)
        self.keeper, self.deposit, self.loan_days = keeper, deposit, loan_days or DEFAULT_LOAN_DAYS
        self.record(
            ToolAccepted(tool_id=self.id, name=self.name, owner=self.owner, keeper=keeper, subject=self.owner)
        )

    def reserve(self, borrower: str, now: datetime) -> None:
        if borrower == self.owner:
            raise FailedPrecondition(f"tool {self.id} ({self.name}) is your own")
        self._move(RESERVED)
        self.borrower, self.reserved_until = borrower, now + RESERVATION_HOLD
        self.loans += 1
        self.touch()

    def deposit_timeout(self) -> int:
        return int((timedelta(days=self.loan_days) + DEPOSIT_MARGIN).total_seconds())

    def cancel_reservation(self, by: str, is_keeper: bool) -> str:
        """Back to the shelf; returns the borrower whose deposit is released."""
        if by != self.borrower and not is_keeper:
            raise PermissionDenied("only the borrower or the keeper cancels a reservation")
        if self.status != RESERVED:
            raise FailedPrecondition(f"tool {self.id} ({self.name}) is {STATUS_NAMES[self.status]}")
        borrower = self.borrower
        self._move(AVAILABLE)
        self.borrower, self.reserved_until = "", None
        self.touch()
        return borrower

    def lend(self, keeper: str, now: datetime) -> None:
        self._check_keeper(keeper)
        self._move(LENT)
        self.due_at, self.overdue = now + timedelta(days=self.loan_days), False
        self.reserved_until = None
        self.record(
            ToolBorrowed(
                tool_id=self.id,
                name=self.name,
                borrower=self.borrower,
                keeper=self.keeper,
                due_at=timestamp(self.due_at),
                deposit=self.deposit,
                subject=self.borrower,
            )
        )

    def take_back(self, keeper: str, now: datetime) -> str:
        self._check_keeper(keeper)
        borrower, late = self.borrower, bool(self.due_at and now > self.due_at)
        self._move(AVAILABLE)
        self.record(
            ToolReturned(
                tool_id=self.id,
                name=self.name,
                borrower=borrower,
                keeper=self.keeper,
                late=late,
                subject=borrower,
            )
        )
        self.borrower, self.due_at, self.overdue = "", None, False
        return borrower

    def remind_overdue(self, now: datetime) -> bool:
        if self.status != LENT or self.overdue or not self.due_at or now <= self.due_at:
            return False
        self.overdue = True
        self.record(
            ToolOverdue(
                tool_id=self.id,
                name=self.name,
                borrower=self.borrower,
                keeper=self.keeper,
                due_at=timestamp(self.due_at),
                subject=self.borrower,
                volunteer=self.keeper,
            )
        )
        return True

    def _check_keeper(self, keeper: str) -> None:
        if keeper != self.keeper and keeper != "":
            raise PermissionDenied(f"tool {self.id} is kept by another keeper")
