"""A household's fee account: every money movement of one household, in one document.

Payments, their allocation to bills, the prepaid balance (预存) and refunds and reversals (the
records: entries.py) live together, so a payment with its allocation and any surplus is one write
guarded by the version read: two concurrent payments on one bill cannot both see it open — the
second is retried on the new state and its money goes to the next open bill or to prepaid. A bill
is never paid beyond its amount and an amount due is never negative. Every entry is kept; a
correction is a reversing entry naming what it reverses, and refunds and reversals need a second
staff member's approval.

滞纳金 (late fees, when the district charges them) are charged when money is paid towards an overdue
bill, on the part of the bill that money settles, as of the day it is paid: a payment first covers
the late fee of the part it settles, then that part (docs/fees.md). So a late fee is never owed
without its bill, is charged once per fen settled (two partial payments are not charged twice for
the same days), and a reversal takes it back with the payment.

Invariant (tested by a property test): received = Σ allocated + Σ late fees + prepaid, where
received is the sum of payments less refunds and reversals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from linli.fees.v1 import events_pb2 as events
from linli_governance.fees import LateFee
from linli_platform.aggregate import Aggregate
from linli_platform.errors import FailedPrecondition, InvalidField, NotFound, PermissionDenied
from linli_platform.idempotency import check_same

from linli_fees.domain.bill import Bill
from linli_fees.domain.charges import Household
from linli_fees.domain.entries import (
    MAX_ENTRIES,
    METHODS,
    NO_LATE_FEE,
    PAYMENT,
    PENDING,
    POSTED,
    PREPAID_APPLIED,
    PREPAY,
    REFUND,
    REVERSAL,
    Allocation,
    Entry,
    OpenBill,
    settle,
)


def _allocation_pb(a: Allocation) -> events.Allocation:
    return events.Allocation(
        bill_id=a.bill_id, period=a.period, amount_fen=a.amount_fen, late_fee_fen=a.late_fee_fen
    )


class FeeAccount(Aggregate):
    SOURCE, NAME = "fees", "account"

    def __init__(
        self,
        tenant_id: str,
        household: Household,
        prepaid_fen: int = 0,
        entries: Sequence[Entry] = (),
        reminded: Sequence[str] = (),
        version: int = 0,
        issuing: Sequence[Bill] = (),
    ):
        super().__init__(tenant_id, household.key, version)
        self.household = household
        self.prepaid_fen = prepaid_fen
        self.entries: list[Entry] = list(entries)
        self.reminded: list[str] = list(reminded)
        # Bills a prepayment paid for, kept here until the bills collection holds them (prepay()).
        self.issuing: list[Bill] = list(issuing)

    # -- reads ----------------------------------------------------------------------------------
    @property
    def compound_id(self) -> str:
        return self.household.compound_id

    @property
    def household_id(self) -> str:
        return self.household.household_id

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def paid(self) -> dict[str, int]:
        """bill id → paid towards it (net of reversals)."""
        found: dict[str, int] = {}
        for e in self.entries:
            if e.status == POSTED:
                for a in e.allocations:
                    found[a.bill_id] = found.get(a.bill_id, 0) + a.amount_fen
        return found

    def allocations(self) -> list[Allocation]:
        return [a for e in self.entries if e.status == POSTED for a in e.allocations]

    def received_fen(self) -> int:
        return sum(e.received_fen for e in self.entries)

    def late_fees_fen(self) -> int:
        """滞纳金 charged (and paid), net of reversals."""
        return sum(a.late_fee_fen for a in self.allocations())

    def _receipt_no(self) -> str:
        numbered = sum(1 for e in self.entries if e.receipt_no)
        return f"{self.compound_id}-{self.household_id}-{numbered + 1:04d}"

    def replay(self, entry_id: str, fingerprint: str) -> Entry | None:
        """The entry a request_id recorded (other content: Conflict), None when it is new."""
        found = self.entry(entry_id)
        if found is not None:
            check_same(found.fingerprint, fingerprint, entry_id)
        return found

    def _append(self, entry: Entry) -> None:
        if len(self.entries) >= MAX_ENTRIES:
            raise FailedPrecondition(f"account {self.id} holds {MAX_ENTRIES} entries; archive a year first")
        self.entries.append(entry)

    # -- money in -------------------------------------------------------------------------------
    def pay(
        self,
        entry_id: str,
        fingerprint: str,
        amount_fen: int,
        method: str,
        reference: str,
        recorded_by: str,
        at: datetime,
        bills: Sequence[OpenBill],
        kind: str = PAYMENT,
        offer: str = "",
        gift: str = "",
        today: date | None = None,
        late: LateFee = NO_LATE_FEE,
    ) -> Entry:
        """Record money received: to `bills` in order up to what each still owes (with the late fee
        of each overdue part as of `today`, the district's date), the rest to prepaid. A request_id
        already recorded answers its entry (other content: Conflict)."""
        replayed = self.replay(entry_id, fingerprint)
        if replayed is not None:
            return replayed
        if amount_fen <= 0:
            raise InvalidField("amount_fen", "must be more than 0")
        if method not in METHODS:
            raise InvalidField("method", "must be cash, transfer or external")
        if method != "cash" and not reference:
            raise InvalidField("reference", "is required for a transfer or an external payment")
        paid, left, allocations = self.paid(), amount_fen, []
        for bill in bills:
            owed = bill.amount_fen - paid.get(bill.bill_id, 0)
            take, late_fen = settle(left, owed, bill, today or at.date(), late)
            if take > 0:
                allocations.append(Allocation(bill.bill_id, bill.period, take, at, late_fen))
                left -= take + late_fen
        entry = Entry(
            id=entry_id,
            kind=kind,
            status=POSTED,
            amount_fen=amount_fen,
            at=at,
            recorded_by=recorded_by,
            allocations=tuple(allocations),
            prepaid_fen=left,
            method=method,
            reference=reference,
            receipt_no=self._receipt_no(),
            offer=offer,
            gift=gift,
            fingerprint=fingerprint,
        )
        self._append(entry)
        self.prepaid_fen += left
        self.record(
            events.PaymentReceived(
                entry_id=entry_id,
                receipt_no=entry.receipt_no,
                compound_id=self.compound_id,
                building_id=self.household.building_id,
                household_id=self.household_id,
                household_label=self.household.label,
                amount_fen=amount_fen,
                allocations=[_allocation_pb(a) for a in allocations],
                to_prepaid_fen=left,
                prepaid_balance_fen=self.prepaid_fen,
                method=method,
                reference=reference,
                recorded_by=recorded_by,
                offer=offer,
                gift=gift,
                received_on=at.date().isoformat(),
            ),
            event_id=f"fees.payment/{self.tenant_id}/{self.id}/{entry_id}",
        )
        return entry

    def prepay(
        self,
        entry_id: str,
        fingerprint: str,
        bills: Sequence[Bill],
        amount_fen: int,
        method: str,
        reference: str,
        recorded_by: str,
        at: datetime,
        offer: str,
        gift: str,
    ) -> Entry:
        """A prepayment under an offer and the bills it pays for, in one write: the payment is
        allocated to the bills (their ids are fixed by household, item and period), their BillIssued
        events go out with it, and the bills stay on the account as `issuing` until the bills
        collection holds them (then `issued`). A crash after this write loses nothing: the money and
        the bills are here, and whoever finds them (the same call retried, the worker's sweep, a
        billing run of the period) issues them."""
        replayed = self.replay(entry_id, fingerprint)
        if replayed is not None:
            return replayed
        entry = self.pay(
            entry_id,
            fingerprint,
            amount_fen,
            method,
            reference,
            recorded_by,
            at,
            [OpenBill(b.id, b.facts.period, b.amount_fen) for b in bills],
            kind=PREPAY,
            offer=offer,
            gift=gift,
        )
        for bill in bills:
            self.issuing.append(bill)
            self.pending.extend(bill.pending)  # BillIssued, with the payment
            bill.pending = []
        return entry

    def issued(self, bill_ids: set[str]) -> bool:
        """The bills collection holds these bills now: no longer kept here."""
        left = [b for b in self.issuing if b.id not in bill_ids]
        if len(left) == len(self.issuing):
            return False
        self.issuing = left
        self.touch()
        return True

    def apply_prepaid(self, bills: Sequence[OpenBill], at: datetime) -> int:
        """Pay new bills from the prepaid balance (once per bill); returns the fen applied."""
        applied = 0
        paid = self.paid()
        for bill in bills:
            if self.prepaid_fen <= 0:
                break
            entry_id = f"prepaid:{bill.bill_id}"
            owed = bill.amount_fen - paid.get(bill.bill_id, 0)
            if owed <= 0 or self.entry(entry_id) is not None:
                continue
            take = min(self.prepaid_fen, owed)
            self._append(
                Entry(
                    id=entry_id,
                    kind=PREPAID_APPLIED,
                    status=POSTED,
                    amount_fen=take,
                    at=at,
                    recorded_by="billing-run",
                    allocations=(Allocation(bill.bill_id, bill.period, take, at),),
                    prepaid_fen=-take,
                )
            )
            self.prepaid_fen -= take
            applied += take
        if applied:
            self.touch()
        return applied

    # -- money out: refunds and reversals, approved by a second staff member ---------------------
    def request_reversal(
        self,
        entry_id: str,
        fingerprint: str,
        reverses: str,
        amount_fen: int,
        reason: str,
        requested_by: str,
        at: datetime,
    ) -> Entry:
        replayed = self.replay(entry_id, fingerprint)
        if replayed is not None:
            return replayed
        if not reason.strip():
            raise InvalidField("reason", "is required")
        if reverses:
            target = self.entry(reverses)
            if target is None or target.kind not in (PAYMENT, PREPAY) or target.status != POSTED:
                raise NotFound(f"payment {reverses} not found")
            if target.reversed or any(
                e.reverses == reverses and e.kind == REVERSAL and e.status == PENDING for e in self.entries
            ):
                raise FailedPrecondition(f"payment {reverses} is reversed or awaits a reversal already")
            if amount_fen not in (0, target.amount_fen):
                raise InvalidField(
                    "amount_fen", f"a reversal moves the whole payment back ({target.amount_fen})"
                )
            entry = Entry(
                entry_id,
                REVERSAL,
                PENDING,
                target.amount_fen,
                at,
                requested_by,
                reverses=reverses,
                reason=reason,
                fingerprint=fingerprint,
            )
        else:
            if amount_fen <= 0:
                raise InvalidField("amount_fen", "a refund must be more than 0")
            if amount_fen > self.prepaid_fen:
                raise FailedPrecondition(
                    f"a refund of {amount_fen} fen exceeds the prepaid balance of {self.prepaid_fen} fen"
                )
            entry = Entry(
                entry_id,
                REFUND,
                PENDING,
                amount_fen,
                at,
                requested_by,
                reason=reason,
                fingerprint=fingerprint,
            )
        self._append(entry)
        self.touch()
        return entry

    def approve(self, entry_id: str, approved_by: str, at: datetime) -> Entry:
        pending = self.entry(entry_id)
        if pending is None or pending.kind not in (REFUND, REVERSAL):
            raise NotFound(f"refund or reversal {entry_id} not found")
        if pending.status == POSTED:
            return pending  # approved before (a retry)
        if approved_by == pending.recorded_by:
            raise PermissionDenied("a second staff member must approve a refund or reversal (四眼原则)")
        if pending.kind == REFUND:
            if pending.amount_fen > self.prepaid_fen:
                raise FailedPrecondition(
                    f"the prepaid balance is {self.prepaid_fen} fen, "
                    f"less than the refund of {pending.amount_fen}"
                )
            allocations, from_prepaid = (), pending.amount_fen
        else:
            target = self.entry(pending.reverses)
            assert target is not None
            if target.reversed:
                raise FailedPrecondition(f"payment {target.id} is reversed already")
            if target.prepaid_fen > self.prepaid_fen:
                raise FailedPrecondition(
                    f"{target.prepaid_fen} fen of payment {target.id} went to prepaid and only "
                    f"{self.prepaid_fen} fen is left: refund or reverse what used it first"
                )
            allocations = tuple(
                Allocation(a.bill_id, a.period, -a.amount_fen, at, -a.late_fee_fen)
                for a in target.allocations
            )
            from_prepaid = target.prepaid_fen
            self.entries[self.entries.index(target)] = replace(target, reversed=True)
        posted = replace(
            pending,
            status=POSTED,
            approved_by=approved_by,
            allocations=allocations,
            prepaid_fen=-from_prepaid,
            receipt_no=self._receipt_no(),
        )
        self.entries[self.entries.index(pending)] = posted
        self.prepaid_fen -= from_prepaid
        self.record(
            events.EntryReversed(
                entry_id=posted.id,
                kind=posted.kind,
                reverses=posted.reverses,
                compound_id=self.compound_id,
                building_id=self.household.building_id,
                household_id=self.household_id,
                amount_fen=posted.amount_fen,
                allocations=[_allocation_pb(a) for a in allocations],
                from_prepaid_fen=from_prepaid,
                requested_by=posted.recorded_by,
                approved_by=approved_by,
                reason=posted.reason,
            ),
            event_id=f"fees.reversal/{self.tenant_id}/{self.id}/{entry_id}",
        )
        return posted

    # -- reminders ------------------------------------------------------------------------------
    def remind(self, key: str, reminder: events.PaymentReminder) -> bool:
        """Record a reminder once per key (bill and step): False when it was sent before."""
        if key in self.reminded:
            return False
        self.reminded.append(key)
        self.record(reminder, event_id=f"fees.reminder/{self.tenant_id}/{self.id}/{key}")
        return True
