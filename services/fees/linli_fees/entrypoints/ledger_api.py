"""gRPC servicers of the public ledger (PublicLedgerService) and the maintenance fund
(MaintenanceFundService): proto ↔ use case, for the caller's district. Registered by grpc_api.specs."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from google.protobuf.timestamp_pb2 import Timestamp
from linli.fees.v1 import ledger_pb2 as pb
from linli.fees.v1 import ledger_pb2_grpc as pb_grpc
from linli_platform.auth import STAFF_ROLES, Role
from linli_platform.context import current_principal
from linli_platform.errors import InvalidField
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import MONGO_STORE, idempotent

from linli_fees.domain import fund_application as fa
from linli_fees.domain import public_ledger as pl
from linli_fees.domain.statement import share_percent, shares
from linli_fees.domain.statement_record import PublishedStatement
from linli_fees.service_layer import fund, public_ledger
from linli_fees.service_layer.ledger_ports import LedgerUnitOfWorkFactory

DEFAULT_PAGE = 50


def local(at: datetime | None, timezone: str) -> str:
    if at is None:
        return ""
    t = at.astimezone(ZoneInfo(timezone))
    return f"{t.year}年{t.month}月{t.day}日 {t.hour:02d}:{t.minute:02d}"


def stamp(at: datetime | None) -> Timestamp | None:
    if at is None:
        return None
    ts = Timestamp()
    ts.FromDatetime(at)
    return ts


def offset_of(token: str) -> int:
    if not token:
        return 0
    if not token.isdigit() or len(token) > 9:
        raise InvalidField("page_token", "is not a page token of this listing")
    return int(token)


def entry_message(e: pl.Entry, compound_name: str, timezone: str, reversed_by: str = "") -> pb.LedgerEntry:
    from linli_fees.domain.statement import period_of

    return pb.LedgerEntry(
        entry_id=e.id,
        compound_id=e.compound_id,
        compound_name=compound_name,
        kind=e.kind,
        category=e.category,
        category_name=e.category_name,
        amount_fen=e.amount_fen,
        signed_fen=e.signed_fen,
        description=e.description,
        occurred_on=e.occurred_on,
        evidence_urls=list(e.evidence_urls),
        ticket_id=e.ticket_id,
        materials=[
            pb.Material(
                brand=m.brand,
                model=m.model,
                quantity_milli=m.quantity_milli,
                unit=m.unit,
                unit_price_fen=m.unit_price_fen,
            )
            for m in e.materials
        ],
        recorded_by=e.recorded_by,
        recorded_at=stamp(e.recorded_at),
        recorded_at_local=local(e.recorded_at, timezone),
        reverses=e.reverses,
        reversed_by=reversed_by,
        reason=e.reason,
        source=e.source,
        period=period_of(e.recorded_at, timezone) if e.recorded_at else "",
    )


def amounts(values: dict[str, int]) -> list[pb.CategoryAmount]:
    bp = shares(values)
    return [
        pb.CategoryAmount(
            category=k,
            name=pl.CATEGORY_NAMES.get(k, k),
            amount_fen=v,
            share_bp=bp.get(k, 0),
            share=share_percent(bp.get(k, 0)),
        )
        for k, v in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def statement_message(s: PublishedStatement, compound_name: str, timezone: str) -> pb.Statement:
    from linli_fees.domain.statement import canonical_bytes

    c = s.content
    return pb.Statement(
        compound_id=c.compound_id,
        compound_name=compound_name,
        period=c.period,
        sequence=c.sequence,
        opening_balance_fen=c.opening_balance_fen,
        income=amounts(c.income),
        expenses=amounts(c.expenses),
        total_income_fen=c.total_income_fen,
        total_expenses_fen=c.total_expenses_fen,
        closing_balance_fen=c.closing_balance_fen,
        entry_count=len(c.entries),
        previous_hash=c.previous_hash,
        hash=s.hash,
        canonical_json=canonical_bytes(c.canonical()).decode("utf-8"),
        published_by=s.published_by,
        published_at=stamp(s.published_at),
        published_at_local=local(s.published_at, timezone),
    )


KEEPERS = (*STAFF_ROLES, Role.PROPERTY_FIRM)  # a firm only for the compounds it serves (public_ledger)


class PublicLedgerServicer(pb_grpc.PublicLedgerServiceServicer):
    def __init__(self, unit_of_work: LedgerUnitOfWorkFactory, idempotency=MONGO_STORE):
        self.unit_of_work, self.idempotency = unit_of_work, idempotency

    def _uow(self):
        principal = current_principal()
        return principal, self.unit_of_work(principal.tenant)

    def _names(self, uow, compound_id: str) -> tuple[str, str]:
        found = uow.directory.compound(compound_id)
        return (found.name if found else compound_id), uow.directory.timezone()

    @roles(*KEEPERS)
    @idempotent(pb.LedgerEntry)
    def RecordEntry(self, request, context):
        principal, uow = self._uow()
        draft = pl.EntryDraft(
            compound_id=request.compound_id,
            kind=request.kind,
            category=request.category,
            amount_fen=request.amount_fen,
            description=request.description,
            occurred_on=request.occurred_on,
            evidence_urls=tuple(request.evidence_urls),
            ticket_id=request.ticket_id,
            materials=tuple(
                pl.Material(m.brand, m.model, m.quantity_milli, m.unit, m.unit_price_fen)
                for m in request.materials
            ),
        )
        at = request.booked_at.ToDatetime(tzinfo=UTC) if request.HasField("booked_at") else None
        entry = public_ledger.record_entry(uow, principal, draft, request.request_id, at)
        return entry_message(entry, *self._names(uow, entry.compound_id))

    @roles(*KEEPERS)
    @idempotent(pb.LedgerEntry)
    def ReverseEntry(self, request, context):
        principal, uow = self._uow()
        entry = public_ledger.reverse_entry(
            uow, principal, request.compound_id, request.entry_id, request.reason, request.request_id
        )
        return entry_message(entry, *self._names(uow, entry.compound_id))

    def ListEntries(self, request, context):
        principal, uow = self._uow()
        offset = offset_of(request.page_token)
        page = public_ledger.list_entries(
            uow, principal, request.compound_id, request.period, offset, request.page_size or DEFAULT_PAGE
        )
        name, zone = self._names(uow, request.compound_id)
        return pb.ListEntriesResponse(
            entries=[entry_message(e, name, zone, page.reversed_by.get(e.id, "")) for e in page.entries],
            next_page_token=str(page.next_offset) if page.next_offset else "",
            total=page.total,
        )

    def GetLedgerBalance(self, request, context):
        principal, uow = self._uow()
        found = public_ledger.balance(uow, principal, request.compound_id)
        return pb.LedgerBalance(
            compound_id=found.compound.compound_id,
            compound_name=found.compound.name,
            balance_fen=found.balance_fen,
            total_income_fen=sum(found.income.values()),
            total_expenses_fen=sum(found.expenses.values()),
            income=amounts(found.income),
            expenses=amounts(found.expenses),
        )

    @roles(*KEEPERS)
    @idempotent(pb.Statement)
    def PublishStatement(self, request, context):
        principal, uow = self._uow()
        statement = public_ledger.publish_statement(uow, principal, request.compound_id, request.period)
        return statement_message(statement, *self._names(uow, request.compound_id))

    def GetStatement(self, request, context):
        principal, uow = self._uow()
        statement = public_ledger.get_statement(uow, principal, request.compound_id, request.period)
        return statement_message(statement, *self._names(uow, request.compound_id))

    def ListStatements(self, request, context):
        principal, uow = self._uow()
        offset = offset_of(request.page_token)
        limit = request.page_size or DEFAULT_PAGE
        page, total = public_ledger.list_statements(uow, principal, request.compound_id, offset, limit)
        name, zone = self._names(uow, request.compound_id)
        return pb.ListStatementsResponse(
            statements=[statement_message(s, name, zone) for s in page],
            next_page_token=str(offset + limit) if offset + limit < total else "",
            total=total,
        )

    def VerifyStatements(self, request, context):
        principal, uow = self._uow()
        verdicts, latest = public_ledger.verify(uow, principal, request.compound_id)
        return pb.VerifyStatementsResponse(
            ok=all(v.ok for v in verdicts),
            verdicts=[
                pb.StatementVerdict(
                    period=v.period,
                    hash=s.hash,
                    hash_ok=v.hash_ok,
                    chain_ok=v.chain_ok,
                    ledger_ok=v.ledger_ok,
                    problem=v.problem,
                )
                for v, s in zip(verdicts, uow.statements.chain(request.compound_id), strict=True)
            ],
            latest_hash=latest,
        )


def application_message(v: fund.ApplicationView, timezone: str) -> pb.FundApplication:
    a = v.application
    return pb.FundApplication(
        application_id=a.id,
        compound_id=a.compound_id,
        compound_name=v.compound.name or a.compound_id,
        title=a.title,
        description=a.description,
        applicant_kind=a.applicant_kind,
        applicant_name=a.applicant_name,
        contractor=a.contractor,
        amount_fen=a.amount_fen,
        quotes=[
            pb.Quote(contractor=q.contractor, amount_fen=q.amount_fen, evidence_url=q.evidence_url)
            for q in a.quotes
        ],
        building_ids=list(a.building_ids),
        proposal_id=a.proposal_id,
        status=v.status,
        status_name=fa.STATUS_NAMES[v.status],
        approved_fen=a.approved_fen,
        disbursed_fen=v.disbursed_fen,
        decision_summary=a.decision_summary,
        decision_note=a.decision_note,
        disbursements=[
            pb.Disbursement(
                stage_id=s.stage_id,
                invoice_no=s.invoice_no,
                invoice_url=s.invoice_url,
                amount_fen=s.amount_fen,
                entry_id=s.entry_id,
                disbursed_by=s.by,
                disbursed_at=stamp(s.at),
                note=s.note,
            )
            for s in v.stages
        ],
        created_by=a.created_by,
        created_at=stamp(a.created_at),
    )


def balances_message(b: fund.Balances) -> pb.FundBalances:
    return pb.FundBalances(
        compound_id=b.compound.compound_id,
        compound_name=b.compound.name,
        buildings=[
            pb.BuildingBalance(building_id=i, building_name=n, balance_fen=f) for i, n, f in b.buildings
        ],
        total_fen=b.total_fen,
    )


class MaintenanceFundServicer(pb_grpc.MaintenanceFundServiceServicer):
    def __init__(self, unit_of_work: LedgerUnitOfWorkFactory, idempotency=MONGO_STORE):
        self.unit_of_work, self.idempotency = unit_of_work, idempotency

    def _uow(self):
        principal = current_principal()
        return principal, self.unit_of_work(principal.tenant)

    @roles(*STAFF_ROLES)
    @idempotent(pb.FundBalances)
    def RecordDeposit(self, request, context):
        principal, uow = self._uow()
        found = fund.record_deposit(
            uow,
            principal,
            request.compound_id,
            request.building_id,
            request.amount_fen,
            request.note,
            request.request_id,
        )
        return balances_message(found)

    def GetFundBalances(self, request, context):
        principal, uow = self._uow()
        return balances_message(fund.balances(uow, principal, request.compound_id))

    @roles(*STAFF_ROLES)
    @idempotent(pb.FundApplication)
    def CreateApplication(self, request, context):
        from linli_platform.idempotency import fingerprint

        principal, uow = self._uow()
        draft = fa.ApplicationDraft(
            compound_id=request.compound_id,
            title=request.title,
            description=request.description,
            applicant_kind=request.applicant_kind,
            applicant_name=request.applicant_name,
            contractor=request.contractor,
            amount_fen=request.amount_fen,
            quotes=tuple(fa.Quote(q.contractor, q.amount_fen, q.evidence_url) for q in request.quotes),
            building_ids=tuple(request.building_ids),
            proposal_id=request.proposal_id,
        )
        application = fund.create_application(uow, principal, draft, request.request_id, fingerprint(request))
        return application_message(fund.view(uow, application), uow.directory.timezone())

    def GetApplication(self, request, context):
        principal, uow = self._uow()
        found = fund.get_application(uow, principal, request.application_id)
        return application_message(found, uow.directory.timezone())

    def ListApplications(self, request, context):
        principal, uow = self._uow()
        offset = offset_of(request.page_token)
        limit = request.page_size or DEFAULT_PAGE
        page, total = fund.list_applications(uow, principal, request.compound_id, offset, limit)
        zone = uow.directory.timezone()
        return pb.ListApplicationsResponse(
            applications=[application_message(v, zone) for v in page],
            next_page_token=str(offset + limit) if offset + limit < total else "",
            total=total,
        )

    @roles(*STAFF_ROLES)
    @idempotent(pb.FundApplication)
    def Disburse(self, request, context):
        principal, uow = self._uow()
        found = fund.disburse(
            uow,
            principal,
            request.application_id,
            request.invoice_no,
            request.invoice_url,
            request.amount_fen,
            request.note,
            request.request_id,
        )
        return application_message(found, uow.directory.timezone())


def ledger_specs(unit_of_work: LedgerUnitOfWorkFactory, idempotency=MONGO_STORE) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            PublicLedgerServicer(unit_of_work, idempotency),
            pb_grpc.add_PublicLedgerServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["PublicLedgerService"].full_name,
        ),
        ServiceSpec(
            MaintenanceFundServicer(unit_of_work, idempotency),
            pb_grpc.add_MaintenanceFundServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["MaintenanceFundService"].full_name,
        ),
    ]
