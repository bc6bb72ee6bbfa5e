"""The maintenance fund (维修资金): an application, decided by the owners' vote.

An application names what is to be done, the quotes, the chosen contractor, the amount, and the
buildings whose owners share the cost (and vote); it is tied to a communities proposal. Only that
proposal's ProposalDecided event approves it, and only under the fund's rule: the category is
maintenance_fund, a special matter of Civil Code art. 278 decided by the owners' household vote
under the double majority (never a meeting alone), in the application's compound, by the owners of
exactly the application's buildings (the vote's scope: a compound-wide vote, or one of other
buildings, does not release money those buildings share), approved. The approved amount is the
smaller of the application's and the proposal's.

The money itself — the buildings' fund accounts, the approval's allowance, the stages paid against
invoices — is on the ledger kernel: domain/fund_stages.py builds those batches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from linli.fees.v1 import ledger_events_pb2 as events
from linli_platform.aggregate import Aggregate
from linli_platform.errors import FailedPrecondition, InvalidField

from linli_fees.domain.public_ledger import MAX_DESCRIPTION, MAX_TEXT, URL, check_amount, check_evidence

AWAITING, APPROVED, REJECTED, COMPLETED = "awaiting_decision", "approved", "rejected", "completed"
STATUS_NAMES = {AWAITING: "待业主表决", APPROVED: "已批准", REJECTED: "未通过", COMPLETED: "已拨付完毕"}
APPLICANTS = {"community": "社区居委会", "owners_committee": "业主委员会", "property_firm": "物业服务企业"}
FUND_CATEGORY = "maintenance_fund"
ACCEPTED_RULES = ("double_majority",)  # 民法典第278条：按人数与面积双重多数 (the default fund rule)
# A stage is one kernel batch (at most 32 transfers): the allowance, one share per building, the expense.
MAX_BUILDINGS = 30


@dataclass(frozen=True)
class Quote:
    contractor: str
    amount_fen: int
    evidence_url: str = ""


@dataclass(frozen=True)
class Decision:
    """The facts of a ProposalDecided event that the fund acts on (a local copy, by proposal)."""

    proposal_id: str
    compound_id: str
    category: str
    approved: bool
    special_matter: bool
    amount_fen: int
    summary: str
    tier: str = ""
    vote_rule: str = ""  # the household vote's rule; empty when a meeting decided
    event_id: str = ""
    building_ids: tuple[str, ...] = ()  # the vote's scope: whose owners decided (empty: the compound)


@dataclass(frozen=True)
class ApplicationDraft:
    compound_id: str
    title: str
    description: str
    applicant_kind: str
    applicant_name: str
    contractor: str
    amount_fen: int
    quotes: tuple[Quote, ...]
    building_ids: tuple[str, ...]
    proposal_id: str


def check_draft(d: ApplicationDraft, applicants: tuple[str, ...] = tuple(APPLICANTS)) -> None:
    v: list[tuple[str, str]] = []
    if not d.title.strip():
        v.append(("title", "is required"))
    elif len(d.title) > MAX_TEXT:
        v.append(("title", f"is at most {MAX_TEXT} characters"))
    if d.applicant_kind not in APPLICANTS or d.applicant_kind not in applicants:
        v.append(("applicant_kind", f"must be one of {', '.join(a for a in APPLICANTS if a in applicants)}"))
    if not d.applicant_name.strip():
        v.append(("applicant_name", "is required"))
    if not d.contractor.strip():
        v.append(("contractor", "is required"))
    check_amount(v, "amount_fen", d.amount_fen)
    if not d.building_ids:
        v.append(("building_ids", "name the buildings whose owners share the cost and vote"))
    elif len(set(d.building_ids)) != len(d.building_ids):
        v.append(("building_ids", "repeat a building"))
    elif len(d.building_ids) > MAX_BUILDINGS:
        v.append(("building_ids", f"at most {MAX_BUILDINGS}"))
    for i, q in enumerate(d.quotes):
        if not q.contractor.strip():
            v.append((f"quotes[{i}].contractor", "is required"))
        check_amount(v, f"quotes[{i}].amount_fen", q.amount_fen)
        if q.evidence_url and not URL.match(q.evidence_url):
            v.append((f"quotes[{i}].evidence_url", "must be an http(s):// or linli:// link"))
    if d.quotes and d.contractor.strip() not in {q.contractor.strip() for q in d.quotes}:
        v.append(("contractor", "must be one of the quoted contractors"))
    if v:
        raise InvalidField(v)


def buildings_text(building_ids: tuple[str, ...], names: Mapping[str, str]) -> str:
    """Buildings by name (their id when the name is not known), e.g. 1栋、2栋."""
    return "、".join(names.get(b) or b for b in building_ids)


def refusal(
    application: FundApplication,
    decision: Decision,
    rules: tuple[str, ...] = ACCEPTED_RULES,
    names: Mapping[str, str] | None = None,
) -> str:
    """Why a decision cannot approve this application ('' when it can), in Chinese. `names`: the
    compound's buildings (id → name) for the reason."""
    if decision.compound_id != application.compound_id:
        return f"决定所属小区（{decision.compound_id}）与申请不符"
    if decision.category != FUND_CATEGORY:
        return f"议题类别为 {decision.category}，不是维修资金（{FUND_CATEGORY}）"
    if not decision.special_matter:
        return "议题未按民法典第278条特别事项由业主表决"
    if not decision.vote_rule:
        return "议题不是由业主表决决定的（会议决定不能动用维修资金）"
    if decision.vote_rule not in rules:
        return f"表决规则 {decision.vote_rule} 不符合维修资金使用规则（须民法典第278条双过半）"
    if set(decision.building_ids) != set(application.building_ids):
        names = names or {}
        sharing = buildings_text(application.building_ids, names)
        if not decision.building_ids:
            return (
                f"议题由全小区业主表决，而本申请的维修资金由{sharing}分摊："
                f"须由{sharing}的业主表决（表决范围与申请的楼栋不符）"
            )
        voted = buildings_text(decision.building_ids, names)
        return f"议题表决范围为{voted}业主，与本申请分摊的楼栋（{sharing}）不符"
    return ""


class FundApplication(Aggregate):
    SOURCE, NAME = "fees", "fund"

    def __init__(
        self,
        tenant_id: str,
        id: str,
        version: int = 0,
        *,
        compound_id: str,
        title: str,
        description: str,
        applicant_kind: str,
        applicant_name: str,
        contractor: str,
        amount_fen: int,
        quotes: tuple[Quote, ...],
        building_ids: tuple[str, ...],
        proposal_id: str,
        created_by: str,
        created_at: datetime,
        fingerprint: str = "",
        status: str = AWAITING,
        approved_fen: int = 0,
        decision_summary: str = "",
        decision_event: str = "",
        decision_note: str = "",
    ):
        super().__init__(tenant_id, id, version)
        self.compound_id, self.title, self.description = compound_id, title, description
        self.applicant_kind, self.applicant_name = applicant_kind, applicant_name
        self.contractor, self.amount_fen = contractor, amount_fen
        self.quotes, self.building_ids = tuple(quotes), tuple(building_ids)
        self.proposal_id, self.created_by, self.created_at = proposal_id, created_by, created_at
        self.fingerprint = fingerprint
        self.status, self.approved_fen = status, approved_fen
        self.decision_summary, self.decision_event = decision_summary, decision_event
        self.decision_note = decision_note

    @classmethod
    def apply(
        cls,
        tenant_id: str,
        id: str,
        draft: ApplicationDraft,
        by: str,
        at: datetime,
        fingerprint: str,
        applicants: tuple[str, ...] = tuple(APPLICANTS),
    ) -> FundApplication:
        check_draft(draft, applicants)
        return cls(
            tenant_id,
            id,
            compound_id=draft.compound_id,
            title=draft.title.strip(),
            description=draft.description.strip(),
            applicant_kind=draft.applicant_kind,
            applicant_name=draft.applicant_name.strip(),
            contractor=draft.contractor.strip(),
            amount_fen=draft.amount_fen,
            quotes=draft.quotes,
            building_ids=draft.building_ids,
            proposal_id=draft.proposal_id,
            created_by=by,
            created_at=at,
            fingerprint=fingerprint,
        )

    # -- the decision -----------------------------------------------------------------------------
    def decide(
        self,
        decision: Decision,
        rules: tuple[str, ...] = ACCEPTED_RULES,
        names: Mapping[str, str] | None = None,
    ) -> bool:
        """Take the proposal's decision; True when it changed the application. The same decision
        again, or any decision once one was taken, changes nothing (events arrive twice). `names`:
        the compound's buildings (id → name), for the reason a decision approves nothing."""
        if decision.proposal_id != self.proposal_id or self.status != AWAITING:
            return False
        why = refusal(self, decision, rules, names)
        if why:
            if self.decision_note == why:
                return False
            self.decision_note = why  # stays awaiting: the wrong rule or scope approves nothing
            self.touch()
            return True
        self.decision_summary, self.decision_event, self.decision_note = (
            decision.summary,
            decision.event_id,
            "",
        )
        if not decision.approved:
            self.status = REJECTED
            self.touch()
            return True
        self.status = APPROVED
        self.approved_fen = (
            min(self.amount_fen, decision.amount_fen) if decision.amount_fen else self.amount_fen
        )
        self.record(
            events.FundApplicationApproved(
                tenant_id=self.tenant_id,
                compound_id=self.compound_id,
                application_id=self.id,
                proposal_id=self.proposal_id,
                title=self.title,
                approved_fen=self.approved_fen,
                building_ids=list(self.building_ids),
            )
        )
        return True

    # -- whether a stage may be paid (its kernel batch: fund_stages.py) ---------------------------
    def check_stage(
        self, invoice_no: str, invoice_url: str, amount_fen: int, note: str, disbursed_fen: int
    ) -> None:
        """Refuse a stage before anything is written (the kernel refuses it again atomically)."""
        v: list[tuple[str, str]] = []
        check_amount(v, "amount_fen", amount_fen)
        if not invoice_no.strip():
            v.append(("invoice_no", "is required"))
        check_evidence(v, "invoice_url", (invoice_url,))
        if len(note) > MAX_DESCRIPTION:
            v.append(("note", f"is at most {MAX_DESCRIPTION} characters"))
        if v:
            raise InvalidField([(p.replace("invoice_url[0]", "invoice_url"), r) for p, r in v])
        if self.status == AWAITING:
            raise FailedPrecondition(
                f"application {self.id} has no approving decision: proposal {self.proposal_id} must be "
                "approved by the owners' vote before any disbursement（未经业主表决通过，不能拨付）"
            )
        if self.status == REJECTED:
            raise FailedPrecondition(
                f"application {self.id} was rejected by the owners' vote; nothing is paid"
            )
        remaining = self.approved_fen - disbursed_fen
        if remaining <= 0:
            raise FailedPrecondition(f"application {self.id} has been paid in full ({self.approved_fen} fen)")
        if amount_fen > remaining:
            raise FailedPrecondition(
                f"amount_fen {amount_fen} exceeds what remains of the approved amount: "
                f"{remaining} of {self.approved_fen} fen（超出批准金额）"
            )
