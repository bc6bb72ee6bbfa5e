"""Arrears by age, the CSV export, the collection report (收缴率) and reminders (催缴)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from linli.fees.v1 import events_pb2 as events
from linli_platform.errors import Aborted
from linli_platform.persistence import AlreadyStored

from linli_fees.domain.account import FeeAccount
from linli_fees.domain.charges import yuan
from linli_fees.domain.collection import AGES, Arrears, Collection, arrears, collection, late_fee_fen
from linli_fees.domain.periods import parse_period
from linli_fees.service_layer import access
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork, UnitOfWorkFactory


def local_today(uow: FeesUnitOfWork, now: datetime) -> date:
    return now.astimezone(ZoneInfo(uow.governance.timezone())).date()


@dataclass(frozen=True)
class ArrearsReport:
    as_of: date
    rows: list[Arrears]
    labels: dict[str, tuple[str, str]]  # household key → (label, building)
    prepaid: dict[str, int]

    def buckets(self) -> list[tuple[str, int, int]]:
        return [
            (
                age,
                sum(1 for r in self.rows if r.age == age),
                sum(r.arrears_fen for r in self.rows if r.age == age),
            )
            for age in AGES
        ]

    @property
    def total_fen(self) -> int:
        return sum(r.arrears_fen for r in self.rows)


def arrears_report(uow: FeesUnitOfWork, compound_id: str, now: datetime) -> ArrearsReport:
    with uow:
        access.known_compound(uow, compound_id)
        today = local_today(uow, now)
        bills = uow.bills.due_bills(compound_id)
        accounts = uow.accounts.of_compound(compound_id)
        paid: dict[str, int] = {}
        for account in accounts:
            paid.update(account.paid())
        rows = arrears(bills, paid, today)
        labels = {}
        for row in rows:
            compound, _, household_id = row.household_key.partition("/")
            found = uow.households.find(compound, household_id)
            labels[row.household_key] = (found.label, found.building_id) if found else (household_id, "")
        return ArrearsReport(today, rows, labels, {a.id: a.prepaid_fen for a in accounts})


CSV_HEADER = ["住户", "楼栋", "欠费（元）", "欠费账单数", "最早应缴日", "逾期天数", "账龄", "预存余额（元）"]


def arrears_csv(report: ArrearsReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in report.rows:
        label, building = report.labels[row.household_key]
        writer.writerow(
            [
                label,
                building,
                yuan(row.arrears_fen),
                row.bills,
                row.oldest_due_on.isoformat(),
                row.days_overdue,
                f"{row.age}天",
                yuan(report.prepaid.get(row.household_key, 0)),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: spreadsheets read it as UTF-8


def collection_report(
    uow: FeesUnitOfWork, compound_id: str, period_text: str, now: datetime
) -> tuple[Collection, date]:
    with uow:
        access.known_compound(uow, compound_id)
        period = parse_period(period_text)
        zone = ZoneInfo(uow.governance.timezone())
        since = datetime.combine(period.start(), time(), zone)
        until = datetime.combine(period.end(), time(), zone)
        figures = collection(
            receivable=uow.bills.receivable_by_household(compound_id, period.text),
            received=uow.accounts.received_by_household(compound_id, period.text),
            receivable_before=uow.bills.receivable_before(compound_id, period.first_month),
            paid_before_start=uow.accounts.paid_before(compound_id, period.first_month, since),
            recovered=uow.accounts.recovered(compound_id, period.first_month, since, until),
        )
        return figures, local_today(uow, now)


def send_reminders(uows: UnitOfWorkFactory, tenant: str, compound_id: str, now: datetime) -> int:
    """Remind each household with bills overdue by a step of fees.late_notice_days (once per bill
    and step); the notifications service delivers them outside quiet hours."""
    with uows(tenant) as uow:
        access.known_compound(uow, compound_id)
        fees = uow.governance.fees(compound_id)
        report = arrears_report(uow, compound_id, now)
        steps = sorted(fees.late_notice_days)
        late = fees.late_fee
    reminded = 0
    for row in report.rows:
        step = max((s for s in steps if row.days_overdue >= s), default=None)
        if step is None:
            continue
        compound, _, household_id = row.household_key.partition("/")
        key = f"{row.oldest_due_on.isoformat()}+{step}"
        reminder = events.PaymentReminder(
            compound_id=compound,
            building_id=report.labels[row.household_key][1],
            household_id=household_id,
            household_label=report.labels[row.household_key][0],
            amount_due_fen=row.arrears_fen,
            bills=row.bills,
            oldest_due_on=row.oldest_due_on.isoformat(),
            days_overdue=row.days_overdue,
            late_fee_fen=late_fee_fen(
                row.arrears_fen,
                row.oldest_due_on,
                report.as_of,
                late.per_day_basis_points,
                late.grace_days,
                late.cap_percent,
            ),
            periods="、".join(parse_period(p).label for p in row.periods),
        )
        for _ in range(5):
            with uows(tenant) as uow:
                account = uow.accounts.find(row.household_key)
                if account is None:
                    household = uow.households.find(compound, household_id)
                    if household is None:
                        break
                    account = FeeAccount(tenant, household)
                    uow.accounts.add(account)
                sent = account.remind(key, reminder)
                try:
                    uow.commit()
                except (Aborted, AlreadyStored):
                    continue
                reminded += int(sent)
                break
    return reminded
