"""What a household's account holds — its entries (payments, prepayments, refunds, reversals,
prepaid applied), their allocations to bills — and how money settles an overdue bill: the largest
part whose 滞纳金 fits beside it (docs/fees.md "滞纳金")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from linli_governance.fees import LateFee

from linli_fees.domain.collection import late_fee_fen

PAYMENT, PREPAY, REFUND, REVERSAL, PREPAID_APPLIED = (
    "payment",
    "prepay",
    "refund",
    "reversal",
    "prepaid_applied",
)
POSTED, PENDING = "posted", "pending"
METHODS = ("cash", "transfer", "external")
METHOD_NAMES = {"cash": "现金", "transfer": "转账", "external": "线上支付"}
MAX_ENTRIES = 5000  # decades of monthly payments; beyond it the account is archived by year first


@dataclass(frozen=True)
class Allocation:
    bill_id: str
    period: str
    amount_fen: int  # negative when a reversal takes it back
    at: datetime
    late_fee_fen: int = 0  # 滞纳金 charged on this part and paid with it (negative when reversed)


@dataclass(frozen=True)
class OpenBill:
    """What an allocation needs to know of a bill."""

    bill_id: str
    period: str
    amount_fen: int
    due_on: date | None = None  # None: not overdue-able (a bill issued ahead, by a prepayment)


NO_LATE_FEE = LateFee()


def settle(left: int, owed: int, bill: OpenBill, today: date, late: LateFee) -> tuple[int, int]:
    """The part of `owed` that `left` fen settle and the late fee charged on it: the largest part
    whose late fee as of `today` fits beside it in `left`."""
    most = min(left, owed)
    if bill.due_on is None or late.per_day_basis_points <= 0 or most <= 0:
        return max(most, 0), 0

    def fee(part: int) -> int:
        return late_fee_fen(
            part, bill.due_on, today, late.per_day_basis_points, late.grace_days, late.cap_percent
        )

    if most + fee(most) <= left:
        return most, fee(most)
    low, high = 0, most  # part + fee(part) grows with part: the largest part that fits
    while low < high:
        mid = (low + high + 1) // 2
        if mid + fee(mid) <= left:
            low = mid
        else:
            high = mid - 1
    return low, fee(low)


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    status: str
    amount_fen: int
    at: datetime
    recorded_by: str
    allocations: tuple[Allocation, ...] = ()
    prepaid_fen: int = 0  # to (+) or from (−) the prepaid balance
    method: str = ""
    reference: str = ""
    receipt_no: str = ""
    approved_by: str = ""
    reverses: str = ""
    reason: str = ""
    offer: str = ""
    gift: str = ""
    fingerprint: str = ""
    reversed: bool = False

    @property
    def received_fen(self) -> int:
        """What this entry adds to the money received from the household (net)."""
        if self.status != POSTED:
            return 0
        if self.kind in (PAYMENT, PREPAY):
            return self.amount_fen
        if self.kind in (REFUND, REVERSAL):
            return -self.amount_fen
        return 0
