"""gRPC servicer of the fees service: proto ↔ use case for the caller's district."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from linli.fees.v1 import fees_pb2 as pb
from linli.fees.v1 import fees_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.auth import STAFF_ROLES
from linli_platform.config_version import with_config_version
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import fingerprint, fingerprinted, idempotent
from linli_platform.paging import page_response, page_window

from linli_fees.adapters.ledger_unit_of_work import mongo_ledger_unit_of_work
from linli_fees.adapters.unit_of_work import mongo_unit_of_work
from linli_fees.entrypoints import mapping
from linli_fees.entrypoints.ledger_api import ledger_specs
from linli_fees.service_layer import billing, payments, prepay, reports, reversals, schedules
from linli_fees.service_layer.access import Reader
from linli_fees.service_layer.ledger_ports import LedgerUnitOfWorkFactory
from linli_fees.service_layer.unit_of_work import UnitOfWorkFactory

METHODS = {
    pb.PAYMENT_METHOD_CASH: "cash",
    pb.PAYMENT_METHOD_TRANSFER: "transfer",
    pb.PAYMENT_METHOD_EXTERNAL: "external",
}
STAFF = tuple(STAFF_ROLES)


def _now() -> datetime:
    return datetime.now(UTC)


def _reader() -> Reader:
    principal = current_principal()
    return Reader(principal.subject, principal.is_staff)


class FeesServicer(pb_grpc.FeesServiceServicer):
    def __init__(self, unit_of_work: UnitOfWorkFactory = mongo_unit_of_work, clock=_now, idempotency=None):
        self.unit_of_work = unit_of_work
        self.clock = clock
        if idempotency is not None:
            self.idempotency = idempotency

    def _uow(self):
        return self.unit_of_work(current_principal().tenant)

    def _today(self):
        uow = self._uow()
        return reports.local_today(uow, self.clock())

    def _local(self, states=()) -> mapping.Local:
        """The district's date and zone, and today's late fees of the open bills among `states`."""
        uow = self._uow()
        zone = ZoneInfo(uow.governance.timezone())
        today = self.clock().astimezone(zone).date()
        return mapping.Local(today, zone, payments.late_fees(uow, [s for s in states if s.due_fen], today))

    # -- schedules --------------------------------------------------------------------------
    def GetFeeSchedule(self, request, context):
        tenant = current_principal().tenant
        month = request.month or self._today().strftime("%Y-%m")
        schedule = schedules.read_schedule(self._uow(), request.compound_id, request.building_id, month)
        uow = self._uow()
        compound = uow.compounds.find(request.compound_id)
        return mapping.schedule_pb(
            tenant,
            schedule,
            month,
            schedules.offers(uow, request.compound_id),
            compound.name if compound else "",
        )

    # -- billing runs -----------------------------------------------------------------------
    @roles(*STAFF)
    @fingerprinted
    def StartBillingRun(self, request, context):
        run = billing.start_run(
            self._uow(),
            request.request_id,
            fingerprint(request),
            request.compound_id,
            request.period,
            request.dry_run,
            current_principal().subject,
            self.clock(),
        )
        return mapping.run_pb(run)

    @roles(*STAFF)
    @idempotent(pb.BillingRun)
    def AdvanceBillingRun(self, request, context):
        run = billing.advance_run(self.unit_of_work, current_principal().tenant, request.run_id, self.clock())
        return mapping.run_pb(run)

    @roles(*STAFF)
    def GetBillingRun(self, request, context):
        return mapping.run_pb(billing.read_run(self._uow(), request.run_id))

    # -- bills and accounts -----------------------------------------------------------------
    def GetBill(self, request, context):
        state = payments.read_bill(self._uow(), request.bill_id, _reader())
        today = self._today()
        late = payments.late_fees(self._uow(), [state], today)
        return mapping.bill_pb(state, today, late.get(state.bill.id, 0))

    def ListBills(self, request, context):
        offset, limit = page_window(request.page)
        states, total = payments.list_bills(
            self._uow(),
            request.compound_id,
            request.household_id,
            request.period,
            request.open_only,
            offset,
            limit,
            _reader(),
        )
        today = self._today()
        late = payments.late_fees(self._uow(), states, today)
        return pb.ListBillsResponse(
            bills=[mapping.bill_pb(s, today, late.get(s.bill.id, 0)) for s in states],
            page=page_response(offset, limit, len(states), total),
        )

    def GetAccount(self, request, context):
        view = payments.read_account(self._uow(), request.compound_id, request.household_id, _reader())
        return mapping.account_pb(view, self._local(view.bills))

    # -- payments ---------------------------------------------------------------------------
    @roles(*STAFF)
    @fingerprinted
    def RecordPayment(self, request, context):
        entry, view = payments.record_payment(
            self.unit_of_work,
            current_principal().tenant,
            request.request_id,
            fingerprint(request),
            request.compound_id,
            request.household_id,
            request.bill_id,
            request.amount_fen,
            METHODS[request.method],
            request.reference,
            current_principal().subject,
            self.clock(),
            self._today(),
        )
        return mapping.receipt_pb(entry, view, self._local(view.bills))

    @roles(*STAFF)
    def QuotePrepay(self, request, context):
        plan = prepay.quote_prepay(
            self._uow(),
            request.compound_id,
            request.household_id,
            request.start_period,
            request.months or 12,
            request.item,
            self._today(),
        )
        return pb.PrepayQuote(
            compound_id=request.compound_id,
            household_id=request.household_id,
            item=plan.bills[0].facts.item if plan.bills else "",
            months=plan.months,
            free_months=plan.free_months,
            periods=[b.facts.period for b in plan.bills],
            gross_fen=plan.gross_fen,
            waived_fen=plan.waived_fen,
            amount_fen=plan.amount_fen,
            offer=plan.offer,
            gift=plan.gift,
            bills=[mapping.bill_pb(payments.BillState(b, 0)) for b in plan.bills],
        )

    @roles(*STAFF)
    @fingerprinted
    def Prepay(self, request, context):
        entry, view = prepay.prepay(
            self.unit_of_work,
            current_principal().tenant,
            request.request_id,
            fingerprint(request),
            request.compound_id,
            request.household_id,
            request.start_period,
            request.months or 12,
            request.item,
            request.amount_fen,
            METHODS[request.method],
            request.reference,
            current_principal().subject,
            self.clock(),
            self._today(),
        )
        return mapping.receipt_pb(entry, view, self._local(view.bills))

    @roles(*STAFF)
    @fingerprinted
    def RequestReversal(self, request, context):
        entry = reversals.request_reversal(
            self.unit_of_work,
            current_principal().tenant,
            request.request_id,
            fingerprint(request),
            request.compound_id,
            request.household_id,
            request.reverses,
            request.amount_fen,
            request.reason,
            current_principal().subject,
            self.clock(),
        )
        return mapping.entry_pb(entry, self._local().zone)

    @roles(*STAFF)
    @idempotent(pb.AccountEntry)
    def ApproveEntry(self, request, context):
        entry = reversals.approve_entry(
            self.unit_of_work,
            current_principal().tenant,
            request.compound_id,
            request.household_id,
            request.entry_id,
            current_principal().subject,
            self.clock(),
        )
        return mapping.entry_pb(entry, self._local().zone)

    # -- arrears and collection -------------------------------------------------------------
    def _arrears(self, request):
        return reports.arrears_report(self._uow(), request.compound_id, self.clock())

    @roles(*STAFF)
    def GetArrears(self, request, context):
        report = self._arrears(request)
        offset, limit = page_window(request.page)
        rows = report.rows[offset : offset + limit]
        return pb.ArrearsReport(
            compound_id=request.compound_id,
            as_of=report.as_of.isoformat(),
            rows=[
                pb.ArrearsRow(
                    household_id=r.household_key.split("/", 1)[1],
                    household_label=report.labels[r.household_key][0],
                    building_id=report.labels[r.household_key][1],
                    arrears_fen=r.arrears_fen,
                    bills=r.bills,
                    oldest_due_on=r.oldest_due_on.isoformat(),
                    days_overdue=r.days_overdue,
                    age=r.age,
                    prepaid_fen=report.prepaid.get(r.household_key, 0),
                )
                for r in rows
            ],
            buckets=[pb.AgeBucket(age=a, households=n, arrears_fen=f) for a, n, f in report.buckets()],
            arrears_fen=report.total_fen,
            page=page_response(offset, limit, len(rows), len(report.rows)),
        )

    @roles(*STAFF)
    def ExportArrears(self, request, context):
        report = self._arrears(request)
        return pb.CsvExport(
            filename=f"欠费-{request.compound_id}-{report.as_of.isoformat()}.csv",
            content=reports.arrears_csv(report),
            rows=len(report.rows),
        )

    @roles(*STAFF)
    def GetCollectionReport(self, request, context):
        from linli_fees.domain.collection import rate_text  # noqa: PLC0415

        figures, as_of = reports.collection_report(
            self._uow(), request.compound_id, request.period, self.clock()
        )
        return pb.CollectionReport(
            compound_id=request.compound_id,
            period=request.period,
            as_of=as_of.isoformat(),
            households_billed=figures.households_billed,
            households_paid=figures.households_paid,
            receivable_fen=figures.receivable_fen,
            received_fen=figures.received_fen,
            household_rate_bp=figures.household_rate_bp,
            amount_rate_bp=figures.amount_rate_bp,
            arrears_opening_fen=figures.arrears_opening_fen,
            arrears_recovered_fen=figures.arrears_recovered_fen,
            arrears_recovery_rate_bp=figures.recovery_rate_bp,
            household_rate=rate_text(figures.households_paid, figures.households_billed),
            amount_rate=rate_text(figures.received_fen, figures.receivable_fen),
            arrears_recovery_rate=rate_text(figures.arrears_recovered_fen, figures.arrears_opening_fen),
        )

    @roles(*STAFF)
    @idempotent(pb.SendRemindersResponse)
    def SendReminders(self, request, context):
        n = reports.send_reminders(
            self.unit_of_work, current_principal().tenant, request.compound_id, self.clock()
        )
        return pb.SendRemindersResponse(households_reminded=n)


def specs(
    _settings,
    unit_of_work: UnitOfWorkFactory = mongo_unit_of_work,
    ledger_unit_of_work: LedgerUnitOfWorkFactory | None = None,
    **options,
) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            FeesServicer(unit_of_work, **options),
            pb_grpc.add_FeesServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["FeesService"].full_name,
        )
    ] + ledger_specs(ledger_unit_of_work or mongo_ledger_unit_of_work)  # the public ledger and the fund


if __name__ == "__main__":
    from linli_fees.adapters.repository import CACHE  # noqa: PLC0415 - the copy of the rules it judges by

    run_api("fees", with_config_version(specs, CACHE))
