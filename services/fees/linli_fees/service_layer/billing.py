"""Billing runs: start (or resume), advance batch by batch, read.

A batch is one or more shards of the scope's households (at least BATCH_HOUSEHOLDS unless the
run ends): the bills they are due are computed from the schedule in force, the new ones inserted
in one batch write (ids unique per household, item and period: a repeated or resumed batch issues
none twice), prepaid balances applied to them, and the run's progress saved last. A kill at any
point leaves bills that a resumed run finds, never a second bill.
"""

from __future__ import annotations

from datetime import datetime

from linli_platform.errors import Aborted, InvalidField
from linli_platform.idempotency import check_same
from linli_platform.persistence import AlreadyStored

from linli_fees.adapters import metrics
from linli_fees.domain.account import FeeAccount
from linli_fees.domain.bill import Bill
from linli_fees.domain.charges import Household, billed_elsewhere_line, charge_lines, is_billable
from linli_fees.domain.entries import OpenBill
from linli_fees.domain.periods import KIND_OF_CYCLE, Period, overlapping, period_for_cycle, remaining
from linli_fees.domain.run import SHARDS, BatchResult, BillingRun, Preview
from linli_fees.domain.schedule import Schedule, schedule_of
from linli_fees.service_layer import access
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork, UnitOfWorkFactory

BATCH_HOUSEHOLDS = 2000
PREPAID_ATTEMPTS = 5


def start_run(
    uow: FeesUnitOfWork,
    request_id: str,
    fingerprint: str,
    compound_id: str,
    period_text: str,
    dry_run: bool,
    started_by: str,
    now: datetime,
) -> BillingRun:
    """A new run, or the unfinished real run of the same scope and period (resume)."""
    with uow:
        found = uow.runs.find(request_id)
        if found is not None:
            check_same(found.fingerprint, fingerprint, request_id)
            return found
        if compound_id:
            access.known_compound(uow, compound_id)
        cycle = uow.governance.fees(compound_id).cycle
        period = period_for_cycle(period_text, cycle)
        run = BillingRun(
            uow.tenant,
            request_id,
            compound_id,
            period.text,
            dry_run,
            started_by,
            now,
            uow.households.count(compound_id),
            fingerprint,
        )
        if not dry_run:
            active = uow.runs.active(run.scope_key)
            if active is not None:
                return active  # resume the unfinished one
        uow.runs.add(run)
        uow.commit()
        return run


def read_run(uow: FeesUnitOfWork, run_id: str) -> BillingRun:
    with uow:
        return uow.runs.get(run_id)


class _Schedules:
    """The schedule per (compound, building) of one batch, from the configuration in force."""

    def __init__(self, uow: FeesUnitOfWork):
        self.uow = uow
        self.version = uow.governance.version()
        self._found: dict[tuple[str, str], Schedule] = {}

    def of(self, household: Household) -> Schedule:
        key = (household.compound_id, household.building_id)
        found = self._found.get(key)
        if found is None:
            fees = self.uow.governance.fees(household.compound_id)
            found = schedule_of(fees, household.compound_id, household.building_id, self.version)
            self._found[key] = found
        return found


def bills_of(
    tenant: str,
    household: Household,
    schedule: Schedule,
    period: Period,
    run_id: str,
    billed: dict[tuple[str, str], set[str]] | None = None,
) -> list[Bill]:
    """The bills a household is due for a period, from its schedule (none when it owes nothing);
    `billed`: months of the household's items a period of another cycle billed already, left out."""
    found = []
    for item in schedule.items:
        if not is_billable(item, household):
            continue
        done = billed.get((household.key, item.item)) if billed else None
        months = remaining(period, done) if done else period
        if months is None:
            continue
        lines = charge_lines(item, household, months)
        if not lines:
            continue
        if months is not period:
            lines.append(billed_elsewhere_line(period, months))
        found.append(
            Bill.issue(
                tenant, household, item, months, lines, schedule.due_day, run_id, schedule.config_version
            )
        )
    return found


def _compute(uow: FeesUnitOfWork, run: BillingRun, households: list[Household]):
    schedules = _Schedules(uow)
    period = None
    billed: dict[str, dict[tuple[str, str], set[str]]] = {}  # period → months other cycles billed
    bills, skipped = [], 0
    for household in households:
        if household.archived:
            continue
        schedule = schedules.of(household)
        if period is None or period.kind != KIND_OF_CYCLE[schedule.cycle]:
            try:
                period = period_for_cycle(run.period, schedule.cycle)
            except InvalidField:
                skipped += 1  # another compound of the district bills by another cycle
                continue
        if period.text not in billed:
            others = overlapping(period)
            billed[period.text] = (
                uow.bills.months_billed(run.compound_id, others, [h.household_id for h in households])
                if uow.bills.any_of(run.compound_id, others)
                else {}
            )
        due = bills_of(uow.tenant, household, schedule, period, run.id, billed[period.text])
        if not due:
            skipped += 1
        bills.extend(due)
    return bills, skipped


def _held_by_prepayments(uow: FeesUnitOfWork, compound_id: str, bills: list[Bill]) -> list[Bill]:
    """A bill a prepayment holds on its account (not in the bills collection yet: prepay.py) is
    issued as the prepayment made it, offer lines and all, never as the run computes it."""
    held = {b.id: b for account in uow.accounts.issuing(compound_id) for b in account.issuing}
    return [held.get(b.id, b) for b in bills] if held else bills


def _apply_prepaid(
    uows: UnitOfWorkFactory, tenant: str, compound_id: str, bills: list[Bill], now: datetime
) -> tuple[int, int]:
    """Pay the batch's bills from prepaid balances: one guarded write per account holding one."""
    by_household: dict[str, list[Bill]] = {}
    for bill in bills:
        by_household.setdefault(bill.household_key, []).append(bill)
    applied, applied_fen = 0, 0
    with uows(tenant) as uow:
        holders = [a for a in uow.accounts.with_prepaid(compound_id) if a.id in by_household]
    for holder in holders:
        for _ in range(PREPAID_ATTEMPTS):
            with uows(tenant) as uow:
                account: FeeAccount = uow.accounts.get(holder.id)
                open_bills = [OpenBill(b.id, b.facts.period, b.amount_fen) for b in by_household[holder.id]]
                fen = account.apply_prepaid(open_bills, now)
                try:
                    uow.commit()
                except (Aborted, AlreadyStored):
                    continue
                if fen:
                    applied, applied_fen = applied + 1, applied_fen + fen
                break
    return applied, applied_fen


def advance_run(uows: UnitOfWorkFactory, tenant: str, run_id: str, now: datetime) -> BillingRun:
    """Process the run's next batch; answers the run as it stands after it."""
    with uows(tenant) as uow:
        run = uow.runs.get(run_id)
        if run.done:
            return run
        households: list[Household] = []
        shards = 0
        while run.next_shard + shards < SHARDS and (shards == 0 or len(households) < BATCH_HOUSEHOLDS):
            households += uow.households.in_shard(run.compound_id, run.next_shard + shards)
            shards += 1
        bills, skipped = _compute(uow, run, households)
        bills = _held_by_prepayments(uow, run.compound_id, bills)
        if run.dry_run:
            existing = uow.bills.existing(b.id for b in bills)
            created = [b for b in bills if b.id not in existing]
        else:
            inserted = uow.bills.insert_new(bills)
            created = [b for b in bills if b.id in inserted]
            by_compound: dict[str, list[Bill]] = {}
            for b in created:
                by_compound.setdefault(b.facts.compound_id, []).append(b)
            for compound, issued in by_compound.items():
                metrics.issued(tenant, compound, len(issued), sum(b.amount_fen for b in issued))
            existing = {b.id for b in bills if b.id not in inserted}
    prepaid = (0, 0)
    if not run.dry_run and bills:
        # the whole batch, not only the bills inserted now: a resumed batch completes what a killed one began
        prepaid = _apply_prepaid(uows, tenant, run.compound_id, bills, now)
    preview = tuple(
        Preview(
            b.facts.household_id,
            b.facts.household_label,
            b.facts.item_name,
            b.amount_fen,
            tuple(line.text for line in b.facts.lines),
        )
        for b in created[:5]
    )
    result = BatchResult(
        shards=shards,
        households=len(households) - sum(1 for h in households if h.archived),
        skipped=skipped,
        created=len(created),
        existing=len(existing),
        amount_fen=sum(b.amount_fen for b in created),
        preview=preview,
        prepaid_applied=prepaid[0],
        prepaid_applied_fen=prepaid[1],
    )
    with uows(tenant) as uow:
        run = uow.runs.get(run_id)
        if run.done:
            return run
        run.advanced(result, now)
        uow.commit()  # a concurrent advancer of the same batch: Aborted, retried by the caller
        return run


def run_to_end(uows: UnitOfWorkFactory, tenant: str, run_id: str, now_fn, on_batch=None) -> BillingRun:
    """Advance until done (the CLI's and the benchmark's loop, in process)."""
    while True:
        run = advance_run(uows, tenant, run_id, now_fn())
        if on_batch is not None:
            on_batch(run)
        if run.done:
            return run
