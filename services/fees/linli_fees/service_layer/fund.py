"""Use cases of the maintenance fund (维修资金): deposits and balances per building, applications
tied to a communities proposal, the decision that approves them, and disbursements in stages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from linli_governance import ConfigError, Scope, effective_config, parse_document
from linli_governance.fees import FundRules
from linli_platform.auth import Principal
from linli_platform.errors import Conflict, FailedPrecondition, InvalidField, NotFound
from linli_platform.events import new_event
from linli_platform.idempotency import check_same

from linli_fees.domain import fund_application as fa
from linli_fees.domain import fund_stages as fs
from linli_fees.domain.public_ledger import public_accounts
from linli_fees.service_layer.ledger_ports import CompoundCopy, LedgerUnitOfWork
from linli_fees.service_layer.public_ledger import (
    check_reader,
    derived_id,
    kernel_time,
    known_compound,
    open_accounts,
)


@dataclass(frozen=True)
class Balances:
    compound: CompoundCopy
    buildings: list[tuple[str, str, int]]  # (building_id, name, fen)

    @property
    def total_fen(self) -> int:
        return sum(b[2] for b in self.buildings)


def _check_buildings(uow: LedgerUnitOfWork, compound_id: str, building_ids, path: str) -> dict[str, str]:
    known = uow.directory.buildings(compound_id)
    unknown = [
        (f"{path}[{i}]" if path.endswith("ids") else path, f"no building {b} in compound {compound_id}")
        for i, b in enumerate(building_ids)
        if b not in known
    ]
    if unknown:
        raise InvalidField(unknown)
    return known


def record_deposit(
    uow: LedgerUnitOfWork,
    principal: Principal,
    compound_id: str,
    building_id: str,
    amount_fen: int,
    note: str,
    request_id: str,
    at: datetime | None = None,
) -> Balances:
    transfer = fs.deposit_transfer(
        derived_id("fund-deposit", request_id),
        compound_id,
        building_id,
        amount_fen,
        note,
        principal.subject,
        f"rpc:{request_id}",
    )
    known_compound(uow, compound_id)
    _check_buildings(uow, compound_id, [building_id], "building_id")
    open_accounts(uow, fs.fund_accounts(compound_id, (building_id,)))
    uow.ledger.submit([transfer], now=kernel_time(at))
    return balances(uow, principal, compound_id)


def balances(uow: LedgerUnitOfWork, principal: Principal, compound_id: str) -> Balances:
    compound = check_reader(uow, principal, compound_id)
    names = uow.directory.buildings(compound_id)
    accounts = uow.ledger.accounts([fs.building_account(compound_id, b) for b in names])
    rows = []
    for building_id, name in sorted(names.items(), key=lambda kv: _natural(kv[0])):
        account = accounts.get(fs.building_account(compound_id, building_id))
        rows.append((building_id, name, account.balance if account else 0))
    return Balances(compound, rows)


def _natural(building_id: str) -> tuple:
    return (0, int(building_id), "") if building_id.isdigit() else (1, 0, building_id)


# -- applications -----------------------------------------------------------------------------------
def rules_for(uow: LedgerUnitOfWork, compound_id: str) -> FundRules:
    """The compound's fund rules from the governance configuration in force (defaults without one)."""
    kept = uow.directory.config()
    if kept is None:
        return FundRules()
    document, communities = kept
    try:
        config = parse_document(json.loads(document))
    except (ConfigError, ValueError):
        return FundRules()  # a document this service cannot read: the statutory default
    return effective_config(config, Scope(compound=compound_id), communities.get(compound_id, "")).fees.fund


def create_application(
    uow: LedgerUnitOfWork, principal: Principal, draft: fa.ApplicationDraft, request_id: str, fingerprint: str
) -> fa.FundApplication:
    known_compound(uow, draft.compound_id)
    applicants = tuple(rules_for(uow, draft.compound_id).applicants)
    fa.check_draft(draft, applicants)
    _check_buildings(uow, draft.compound_id, draft.building_ids, "building_ids")
    application = fa.FundApplication.apply(
        uow.tenant,
        derived_id("mfa", request_id).replace(":", "-"),
        draft,
        principal.subject,
        datetime.now(UTC),
        fingerprint,
        applicants,
    )
    with uow:
        uow.applications.add(application)
        try:
            uow.commit()
        except Conflict:  # the same request_id once more (its answer was lost): the first one stands
            first = uow.applications.get(application.id)
            check_same(first.fingerprint, fingerprint, request_id)
            return first
    decision = uow.decisions.find(draft.proposal_id)
    if decision is not None:  # decided before the application was filed
        take_decision(uow, decision)
        return uow.applications.get(application.id)
    return application


def take_decision(uow: LedgerUnitOfWork, decision: fa.Decision) -> list[fa.FundApplication]:
    """A ProposalDecided event (or its copy): keep it, and let each application of the proposal take
    it — approved only by the owners of exactly the application's buildings (the vote's scope); a
    decision of the whole compound or of other buildings leaves it waiting, with the reason on the
    application. Redelivered, it changes nothing. The approval's allowance is on the kernel before the
    application says approved, so an approved application always has its allowance."""
    uow.decisions.keep(decision)
    changed = []
    for application in uow.applications.of_proposal(decision.proposal_id):
        with uow:
            application = uow.applications.get(application.id)
            rules = tuple(rules_for(uow, application.compound_id).vote_rules)
            names = uow.directory.buildings(application.compound_id)
            if not application.decide(decision, rules, names):
                continue
            if application.status == fa.APPROVED:
                open_accounts(
                    uow, fs.fund_accounts(application.compound_id, application.building_ids, application.id)
                )
                uow.ledger.submit([fs.approval_transfer(application)])
            uow.commit()
            changed.append(application)
    return changed


@dataclass(frozen=True)
class ApplicationView:
    application: fa.FundApplication
    compound: CompoundCopy
    stages: list[fs.Stage]

    @property
    def disbursed_fen(self) -> int:
        return sum(s.amount_fen for s in self.stages)

    @property
    def status(self) -> str:
        a = self.application
        if a.status == fa.APPROVED and a.approved_fen and self.disbursed_fen >= a.approved_fen:
            return fa.COMPLETED
        return a.status


def view(uow: LedgerUnitOfWork, application: fa.FundApplication) -> ApplicationView:
    compound = uow.directory.compound(application.compound_id) or CompoundCopy(application.compound_id, "")
    return ApplicationView(application, compound, stages(uow, application))


def stages(uow: LedgerUnitOfWork, application: fa.FundApplication) -> list[fs.Stage]:
    if application.status == fa.AWAITING or application.status == fa.REJECTED:
        return []
    allowance = fs.allowance_account(application.compound_id, application.id)
    found, cursor = [], ""
    while True:
        page = uow.ledger.transfers(allowance, codes=[fs.STAGE], cursor=cursor, limit=500)
        found += [fs.Stage.of(t) for t in page.transfers]
        if not page.next_cursor:
            return found
        cursor = page.next_cursor


def get_application(uow: LedgerUnitOfWork, principal: Principal, application_id: str) -> ApplicationView:
    application = uow.applications.get(application_id)
    try:
        check_reader(uow, principal, application.compound_id)
    except NotFound:
        raise NotFound(f"maintenance-fund application {application_id} not found") from None
    return view(uow, application)


def list_applications(
    uow: LedgerUnitOfWork, principal: Principal, compound_id: str, offset: int, limit: int
) -> tuple[list[ApplicationView], int]:
    check_reader(uow, principal, compound_id)
    page, total = uow.applications.page(compound_id, offset, limit)
    return [view(uow, a) for a in page], total


def disburse(
    uow: LedgerUnitOfWork,
    principal: Principal,
    application_id: str,
    invoice_no: str,
    invoice_url: str,
    amount_fen: int,
    note: str,
    request_id: str,
    at: datetime | None = None,
) -> ApplicationView:
    """Pay one stage against an invoice: only for an approved application, never beyond what remains
    of the approved amount or what a building's fund holds (the kernel refuses both atomically)."""
    application = uow.applications.get(application_id)
    request = f"rpc:{request_id}"
    stage_id = fs.stage_id(application, invoice_no) if invoice_no.strip() else ""
    if stage_id:
        try:
            paid = uow.ledger.transfer(stage_id)
        except NotFound:
            paid = None
        if paid is not None:
            if paid.cause != request:
                raise FailedPrecondition(f"invoice {invoice_no.strip()} has been paid already (发票已拨付)")
            return view(uow, application)  # this request landed before its answer was lost
    allowance = uow.ledger.accounts([fs.allowance_account(application.compound_id, application.id)])
    account = allowance.get(fs.allowance_account(application.compound_id, application.id))
    disbursed = account.debits_posted if account else 0
    application.check_stage(invoice_no, invoice_url, amount_fen, note, disbursed)
    zone = ZoneInfo(uow.directory.timezone())
    today = (at or datetime.now(UTC)).astimezone(zone).date().isoformat()
    batch = fs.stage_transfers(
        application, invoice_no, invoice_url, amount_fen, note, principal.subject, request, today
    )
    stage = fs.Stage.of(batch[0])
    payload = fs.disbursed_event(application, stage, disbursed + amount_fen)
    event = new_event(
        payload, source="fees", aggregate="fund", tenant_id=uow.tenant, aggregate_id=application.id
    )
    open_accounts(uow, public_accounts(application.compound_id))
    open_accounts(uow, fs.fund_accounts(application.compound_id, application.building_ids, application.id))
    try:
        uow.ledger.submit(batch, events=[event], now=kernel_time(at))
    except FailedPrecondition as refused:
        raise FailedPrecondition(
            f"the fund cannot pay this stage: {refused.message}（维修资金余额或批准额度不足）"
        ) from None
    return view(uow, application)
