"""A person's earnings of one month: what each credit was allotted under the daily and monthly caps.

The amount of a credit is decided once, here, before its transfer is submitted (the transfer's id is
the credit's key): a redelivered event finds its allotment and submits the same transfer again, which
the ledger answers as "exists". Two credits of one person racing are serialised by this aggregate's
version (the loser is ABORTED and retried), so caps hold under concurrency. The sum allotted per day
and month is the same whatever order the credits arrive in: each takes what its caps leave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from linli_platform.aggregate import Aggregate


@dataclass(frozen=True)
class Allotment:
    day: str
    amount: int  # negative for a reversal (it frees room under the caps)


def earnings_id(subject: str, month: str) -> str:
    return f"{subject}:{month}"


@dataclass(eq=False, kw_only=True)
class Earnings(Aggregate):
    SOURCE: ClassVar[str] = "points"
    NAME: ClassVar[str] = "earnings"

    tenant_id: str
    id: str
    allotments: dict[str, Allotment] = field(default_factory=dict)  # transfer id → allotment
    version: int = 0

    def __post_init__(self) -> None:
        Aggregate.__init__(self, self.tenant_id, self.id, self.version)

    def day_total(self, day: str) -> int:
        return sum(a.amount for a in self.allotments.values() if a.day == day)

    def month_total(self) -> int:
        return sum(a.amount for a in self.allotments.values())

    def allot(
        self, transfer_id: str, day: str, wanted: int, daily_cap: int | None, monthly_cap: int | None
    ) -> int:
        """The amount credit `transfer_id` gets (decided once; 0 when the caps leave nothing)."""
        held = self.allotments.get(transfer_id)
        if held is not None:
            return held.amount
        room = wanted
        if daily_cap is not None:
            room = min(room, daily_cap - self.day_total(day))
        if monthly_cap is not None:
            room = min(room, monthly_cap - self.month_total())
        amount = max(0, room)
        self.allotments[transfer_id] = Allotment(day, amount)
        self.touch()
        return amount

    def release(self, reversal_id: str, reversed_id: str) -> int:
        """A reversal of credit `reversed_id` gives its room back; the amount reversed (0: none)."""
        if reversal_id in self.allotments:
            return -self.allotments[reversal_id].amount
        held = self.allotments.get(reversed_id)
        if held is None or held.amount <= 0:
            return 0
        self.allotments[reversal_id] = Allotment(held.day, -held.amount)
        self.touch()
        return held.amount
