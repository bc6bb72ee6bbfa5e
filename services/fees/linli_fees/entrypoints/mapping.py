"""Domain objects → protobuf messages of the fees API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from linli.fees.v1 import events_pb2 as events
from linli.fees.v1 import fees_pb2 as pb

from linli_fees.domain.entries import Entry
from linli_fees.domain.run import DONE, BillingRun
from linli_fees.domain.schedule import Schedule
from linli_fees.service_layer.payments import AccountView, BillState
from linli_fees.service_layer.prepay import offer_text


def schedule_pb(tenant: str, schedule: Schedule, month: str, offers, compound_name: str) -> pb.FeeSchedule:
    items = []
    for item in schedule.items:
        step = item.price_at(month)
        items.append(
            pb.FeeItemSchedule(
                item=item.item,
                name=item.name,
                category=item.category,
                category_name=item.category_name,
                method=item.method,
                fen=step.fen if step else 0,
                decision=step.decision if step else "",
                steps=[
                    pb.PriceStep(effective_from=s.effective_from or "", fen=s.fen, decision=s.decision)
                    for s in item.steps
                ],
                vacant_percent=item.vacant_percent,
                households=len(item.households),
            )
        )
    return pb.FeeSchedule(
        tenant_id=tenant,
        compound_id=schedule.compound_id,
        fen_per_m2_month=schedule.property_price_at(month),
        building_id=schedule.building_id,
        month=month,
        cycle=schedule.cycle,
        due_day=schedule.due_day,
        items=items,
        offers=[
            pb.PrepayOffer(
                months=o.months,
                free_months=o.free_months,
                discount=o.discount,
                gift=o.gift,
                text=offer_text(o.months, o.free_months, o.discount, o.gift),
            )
            for o in offers
        ],
        config_version=schedule.config_version,
        compound_name=compound_name,
    )


def run_pb(run: BillingRun) -> pb.BillingRun:
    return pb.BillingRun(
        run_id=run.id,
        compound_id=run.compound_id,
        period=run.period,
        dry_run=run.dry_run,
        status=pb.RUN_STATUS_DONE if run.status == DONE else pb.RUN_STATUS_RUNNING,
        households_total=run.households_total,
        households_done=run.households_done,
        bills_created=run.bills_created,
        bills_existing=run.bills_existing,
        households_skipped=run.households_skipped,
        amount_fen=run.amount_fen,
        preview=[
            pb.BillLinePreview(
                household_id=p.household_id,
                household_label=p.household_label,
                item_name=p.item_name,
                amount_fen=p.amount_fen,
                lines=list(p.lines),
            )
            for p in run.preview
        ],
        started_by=run.started_by,
        started_at=run.started_at.isoformat() if run.started_at else "",
        finished_at=run.finished_at.isoformat() if run.finished_at else "",
        prepaid_applied=run.prepaid_applied,
        prepaid_applied_fen=run.prepaid_applied_fen,
    )


def bill_pb(state: BillState, today=None, late_fee_fen: int = 0) -> pb.Bill:
    f = state.bill.facts
    return pb.Bill(
        bill_id=state.bill.id,
        compound_id=f.compound_id,
        building_id=f.building_id,
        household_id=f.household_id,
        household_label=f.household_label,
        item=f.item,
        item_name=f.item_name,
        category=f.category,
        period=f.period,
        period_label=f.period_label,
        lines=[
            pb.BillLine(
                kind=line.kind,
                text=line.text,
                amount_fen=line.amount_fen,
                months=line.months,
                fen=line.fen,
                area_centi_m2=line.area_centi_m2,
                percent=line.percent,
                decision=line.decision,
            )
            for line in f.lines
        ],
        amount_fen=state.bill.amount_fen,
        paid_fen=state.paid_fen,
        due_fen=state.due_fen,
        due_on=f.due_on,
        run_id=f.run_id,
        overdue=bool(today and state.due_fen and state.bill.overdue(today)),
        late_fee_fen=late_fee_fen,
    )


@dataclass(frozen=True)
class Local:
    """What a reply shows in the district's terms: its date and zone, and today's late fees by bill."""

    today: date
    zone: ZoneInfo
    late_fees: Mapping[str, int] = field(default_factory=dict)

    def bill(self, state: BillState) -> pb.Bill:
        return bill_pb(state, self.today, self.late_fees.get(state.bill.id, 0))


def entry_pb(e: Entry, zone: ZoneInfo) -> pb.AccountEntry:
    return pb.AccountEntry(
        entry_id=e.id,
        kind=e.kind,
        status=e.status,
        receipt_no=e.receipt_no,
        amount_fen=e.amount_fen,
        allocations=[
            events.Allocation(
                bill_id=a.bill_id, period=a.period, amount_fen=a.amount_fen, late_fee_fen=a.late_fee_fen
            )
            for a in e.allocations
        ],
        prepaid_fen=e.prepaid_fen,
        method=e.method,
        reference=e.reference,
        recorded_by=e.recorded_by,
        approved_by=e.approved_by,
        reverses=e.reverses,
        reason=e.reason,
        offer=e.offer,
        gift=e.gift,
        at=e.at.isoformat(),
        reversed=e.reversed,
        late_fee_fen=sum(a.late_fee_fen for a in e.allocations),
        at_local=f"{e.at.astimezone(zone):%Y-%m-%d %H:%M}",
    )


def receipt_pb(entry: Entry, view: AccountView, local: Local) -> pb.Receipt:
    touched = {a.bill_id for a in entry.allocations}
    return pb.Receipt(
        receipt_no=entry.receipt_no,
        entry=entry_pb(entry, local.zone),
        prepaid_balance_fen=view.account.prepaid_fen,
        bills=[local.bill(s) for s in view.bills if s.bill.id in touched],
        household_label=view.account.household.label,
        compound_id=view.account.compound_id,
        household_id=view.account.household_id,
    )


def account_pb(view: AccountView, local: Local) -> pb.Account:
    open_bills = [s for s in view.bills if s.due_fen]
    return pb.Account(
        compound_id=view.account.compound_id,
        household_id=view.account.household_id,
        household_label=view.account.household.label,
        prepaid_fen=view.account.prepaid_fen,
        due_fen=sum(s.due_fen for s in open_bills),
        arrears_fen=sum(s.due_fen for s in open_bills if s.bill.overdue(local.today)),
        entries=[entry_pb(e, local.zone) for e in reversed(view.account.entries)],
        open_bills=[local.bill(s) for s in open_bills],
        late_fees_fen=view.account.late_fees_fen(),
    )
