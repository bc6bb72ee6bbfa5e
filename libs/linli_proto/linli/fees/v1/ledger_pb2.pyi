import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from linli.common.v1 import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Material(_message.Message):
    __slots__ = ("brand", "model", "quantity_milli", "unit", "unit_price_fen")
    BRAND_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_MILLI_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    brand: str
    model: str
    quantity_milli: int
    unit: str
    unit_price_fen: int
    def __init__(self, brand: _Optional[str] = ..., model: _Optional[str] = ..., quantity_milli: _Optional[int] = ..., unit: _Optional[str] = ..., unit_price_fen: _Optional[int] = ...) -> None: ...

class LedgerEntry(_message.Message):
    __slots__ = ("entry_id", "compound_id", "compound_name", "kind", "category", "category_name", "amount_fen", "signed_fen", "description", "occurred_on", "evidence_urls", "ticket_id", "materials", "recorded_by", "recorded_at", "recorded_at_local", "reverses", "reversed_by", "reason", "source", "period")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_NAME_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    SIGNED_FEN_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_ON_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_URLS_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    MATERIALS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_LOCAL_FIELD_NUMBER: _ClassVar[int]
    REVERSES_FIELD_NUMBER: _ClassVar[int]
    REVERSED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    compound_id: str
    compound_name: str
    kind: str
    category: str
    category_name: str
    amount_fen: int
    signed_fen: int
    description: str
    occurred_on: str
    evidence_urls: _containers.RepeatedScalarFieldContainer[str]
    ticket_id: str
    materials: _containers.RepeatedCompositeFieldContainer[Material]
    recorded_by: str
    recorded_at: _timestamp_pb2.Timestamp
    recorded_at_local: str
    reverses: str
    reversed_by: str
    reason: str
    source: str
    period: str
    def __init__(self, entry_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., compound_name: _Optional[str] = ..., kind: _Optional[str] = ..., category: _Optional[str] = ..., category_name: _Optional[str] = ..., amount_fen: _Optional[int] = ..., signed_fen: _Optional[int] = ..., description: _Optional[str] = ..., occurred_on: _Optional[str] = ..., evidence_urls: _Optional[_Iterable[str]] = ..., ticket_id: _Optional[str] = ..., materials: _Optional[_Iterable[_Union[Material, _Mapping]]] = ..., recorded_by: _Optional[str] = ..., recorded_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., recorded_at_local: _Optional[str] = ..., reverses: _Optional[str] = ..., reversed_by: _Optional[str] = ..., reason: _Optional[str] = ..., source: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class RecordEntryRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "kind", "category", "amount_fen", "description", "occurred_on", "evidence_urls", "ticket_id", "materials", "booked_at")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_ON_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_URLS_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    MATERIALS_FIELD_NUMBER: _ClassVar[int]
    BOOKED_AT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    kind: str
    category: str
    amount_fen: int
    description: str
    occurred_on: str
    evidence_urls: _containers.RepeatedScalarFieldContainer[str]
    ticket_id: str
    materials: _containers.RepeatedCompositeFieldContainer[Material]
    booked_at: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., kind: _Optional[str] = ..., category: _Optional[str] = ..., amount_fen: _Optional[int] = ..., description: _Optional[str] = ..., occurred_on: _Optional[str] = ..., evidence_urls: _Optional[_Iterable[str]] = ..., ticket_id: _Optional[str] = ..., materials: _Optional[_Iterable[_Union[Material, _Mapping]]] = ..., booked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReverseEntryRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "entry_id", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    entry_id: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., entry_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListEntriesRequest(_message.Message):
    __slots__ = ("compound_id", "period", "page_size", "page_token")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    period: str
    page_size: int
    page_token: str
    def __init__(self, compound_id: _Optional[str] = ..., period: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEntriesResponse(_message.Message):
    __slots__ = ("entries", "next_page_token", "total")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[LedgerEntry]
    next_page_token: str
    total: int
    def __init__(self, entries: _Optional[_Iterable[_Union[LedgerEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class CategoryAmount(_message.Message):
    __slots__ = ("category", "name", "amount_fen", "share_bp", "share")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    SHARE_BP_FIELD_NUMBER: _ClassVar[int]
    SHARE_FIELD_NUMBER: _ClassVar[int]
    category: str
    name: str
    amount_fen: int
    share_bp: int
    share: str
    def __init__(self, category: _Optional[str] = ..., name: _Optional[str] = ..., amount_fen: _Optional[int] = ..., share_bp: _Optional[int] = ..., share: _Optional[str] = ...) -> None: ...

class GetLedgerBalanceRequest(_message.Message):
    __slots__ = ("compound_id",)
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    def __init__(self, compound_id: _Optional[str] = ...) -> None: ...

class LedgerBalance(_message.Message):
    __slots__ = ("compound_id", "compound_name", "balance_fen", "total_income_fen", "total_expenses_fen", "income", "expenses")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_NAME_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_EXPENSES_FEN_FIELD_NUMBER: _ClassVar[int]
    INCOME_FIELD_NUMBER: _ClassVar[int]
    EXPENSES_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    compound_name: str
    balance_fen: int
    total_income_fen: int
    total_expenses_fen: int
    income: _containers.RepeatedCompositeFieldContainer[CategoryAmount]
    expenses: _containers.RepeatedCompositeFieldContainer[CategoryAmount]
    def __init__(self, compound_id: _Optional[str] = ..., compound_name: _Optional[str] = ..., balance_fen: _Optional[int] = ..., total_income_fen: _Optional[int] = ..., total_expenses_fen: _Optional[int] = ..., income: _Optional[_Iterable[_Union[CategoryAmount, _Mapping]]] = ..., expenses: _Optional[_Iterable[_Union[CategoryAmount, _Mapping]]] = ...) -> None: ...

class Statement(_message.Message):
    __slots__ = ("compound_id", "compound_name", "period", "sequence", "opening_balance_fen", "income", "expenses", "total_income_fen", "total_expenses_fen", "closing_balance_fen", "entry_count", "previous_hash", "hash", "canonical_json", "published_by", "published_at", "published_at_local")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_NAME_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    OPENING_BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    INCOME_FIELD_NUMBER: _ClassVar[int]
    EXPENSES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_EXPENSES_FEN_FIELD_NUMBER: _ClassVar[int]
    CLOSING_BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    ENTRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_HASH_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_JSON_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_BY_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_LOCAL_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    compound_name: str
    period: str
    sequence: int
    opening_balance_fen: int
    income: _containers.RepeatedCompositeFieldContainer[CategoryAmount]
    expenses: _containers.RepeatedCompositeFieldContainer[CategoryAmount]
    total_income_fen: int
    total_expenses_fen: int
    closing_balance_fen: int
    entry_count: int
    previous_hash: str
    hash: str
    canonical_json: str
    published_by: str
    published_at: _timestamp_pb2.Timestamp
    published_at_local: str
    def __init__(self, compound_id: _Optional[str] = ..., compound_name: _Optional[str] = ..., period: _Optional[str] = ..., sequence: _Optional[int] = ..., opening_balance_fen: _Optional[int] = ..., income: _Optional[_Iterable[_Union[CategoryAmount, _Mapping]]] = ..., expenses: _Optional[_Iterable[_Union[CategoryAmount, _Mapping]]] = ..., total_income_fen: _Optional[int] = ..., total_expenses_fen: _Optional[int] = ..., closing_balance_fen: _Optional[int] = ..., entry_count: _Optional[int] = ..., previous_hash: _Optional[str] = ..., hash: _Optional[str] = ..., canonical_json: _Optional[str] = ..., published_by: _Optional[str] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_at_local: _Optional[str] = ...) -> None: ...

class PublishStatementRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "period")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    period: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class GetStatementRequest(_message.Message):
    __slots__ = ("compound_id", "period")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    period: str
    def __init__(self, compound_id: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class ListStatementsRequest(_message.Message):
    __slots__ = ("compound_id", "page_size", "page_token")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    page_size: int
    page_token: str
    def __init__(self, compound_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListStatementsResponse(_message.Message):
    __slots__ = ("statements", "next_page_token", "total")
    STATEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    statements: _containers.RepeatedCompositeFieldContainer[Statement]
    next_page_token: str
    total: int
    def __init__(self, statements: _Optional[_Iterable[_Union[Statement, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class VerifyStatementsRequest(_message.Message):
    __slots__ = ("compound_id",)
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    def __init__(self, compound_id: _Optional[str] = ...) -> None: ...

class StatementVerdict(_message.Message):
    __slots__ = ("period", "hash", "hash_ok", "chain_ok", "ledger_ok", "problem")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    HASH_OK_FIELD_NUMBER: _ClassVar[int]
    CHAIN_OK_FIELD_NUMBER: _ClassVar[int]
    LEDGER_OK_FIELD_NUMBER: _ClassVar[int]
    PROBLEM_FIELD_NUMBER: _ClassVar[int]
    period: str
    hash: str
    hash_ok: bool
    chain_ok: bool
    ledger_ok: bool
    problem: str
    def __init__(self, period: _Optional[str] = ..., hash: _Optional[str] = ..., hash_ok: _Optional[bool] = ..., chain_ok: _Optional[bool] = ..., ledger_ok: _Optional[bool] = ..., problem: _Optional[str] = ...) -> None: ...

class VerifyStatementsResponse(_message.Message):
    __slots__ = ("ok", "verdicts", "latest_hash")
    OK_FIELD_NUMBER: _ClassVar[int]
    VERDICTS_FIELD_NUMBER: _ClassVar[int]
    LATEST_HASH_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    verdicts: _containers.RepeatedCompositeFieldContainer[StatementVerdict]
    latest_hash: str
    def __init__(self, ok: _Optional[bool] = ..., verdicts: _Optional[_Iterable[_Union[StatementVerdict, _Mapping]]] = ..., latest_hash: _Optional[str] = ...) -> None: ...

class BuildingBalance(_message.Message):
    __slots__ = ("building_id", "building_name", "balance_fen")
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_NAME_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    building_id: str
    building_name: str
    balance_fen: int
    def __init__(self, building_id: _Optional[str] = ..., building_name: _Optional[str] = ..., balance_fen: _Optional[int] = ...) -> None: ...

class FundBalances(_message.Message):
    __slots__ = ("compound_id", "compound_name", "buildings", "total_fen")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_NAME_FIELD_NUMBER: _ClassVar[int]
    BUILDINGS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FEN_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    compound_name: str
    buildings: _containers.RepeatedCompositeFieldContainer[BuildingBalance]
    total_fen: int
    def __init__(self, compound_id: _Optional[str] = ..., compound_name: _Optional[str] = ..., buildings: _Optional[_Iterable[_Union[BuildingBalance, _Mapping]]] = ..., total_fen: _Optional[int] = ...) -> None: ...

class RecordDepositRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "building_id", "amount_fen", "note", "evidence_urls")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_URLS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    building_id: str
    amount_fen: int
    note: str
    evidence_urls: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., note: _Optional[str] = ..., evidence_urls: _Optional[_Iterable[str]] = ...) -> None: ...

class GetFundBalancesRequest(_message.Message):
    __slots__ = ("compound_id",)
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    def __init__(self, compound_id: _Optional[str] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("contractor", "amount_fen", "evidence_url")
    CONTRACTOR_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_URL_FIELD_NUMBER: _ClassVar[int]
    contractor: str
    amount_fen: int
    evidence_url: str
    def __init__(self, contractor: _Optional[str] = ..., amount_fen: _Optional[int] = ..., evidence_url: _Optional[str] = ...) -> None: ...

class Disbursement(_message.Message):
    __slots__ = ("stage_id", "invoice_no", "invoice_url", "amount_fen", "entry_id", "disbursed_by", "disbursed_at", "note")
    STAGE_ID_FIELD_NUMBER: _ClassVar[int]
    INVOICE_NO_FIELD_NUMBER: _ClassVar[int]
    INVOICE_URL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_BY_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_AT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    stage_id: str
    invoice_no: str
    invoice_url: str
    amount_fen: int
    entry_id: str
    disbursed_by: str
    disbursed_at: _timestamp_pb2.Timestamp
    note: str
    def __init__(self, stage_id: _Optional[str] = ..., invoice_no: _Optional[str] = ..., invoice_url: _Optional[str] = ..., amount_fen: _Optional[int] = ..., entry_id: _Optional[str] = ..., disbursed_by: _Optional[str] = ..., disbursed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., note: _Optional[str] = ...) -> None: ...

class FundApplication(_message.Message):
    __slots__ = ("application_id", "compound_id", "compound_name", "title", "description", "applicant_kind", "applicant_name", "contractor", "amount_fen", "quotes", "building_ids", "proposal_id", "status", "status_name", "approved_fen", "disbursed_fen", "decision_summary", "disbursements", "created_by", "created_at", "decision_note")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    APPLICANT_KIND_FIELD_NUMBER: _ClassVar[int]
    APPLICANT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTRACTOR_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    BUILDING_IDS_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_NAME_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    DECISION_SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DISBURSEMENTS_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    DECISION_NOTE_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    compound_id: str
    compound_name: str
    title: str
    description: str
    applicant_kind: str
    applicant_name: str
    contractor: str
    amount_fen: int
    quotes: _containers.RepeatedCompositeFieldContainer[Quote]
    building_ids: _containers.RepeatedScalarFieldContainer[str]
    proposal_id: str
    status: str
    status_name: str
    approved_fen: int
    disbursed_fen: int
    decision_summary: str
    disbursements: _containers.RepeatedCompositeFieldContainer[Disbursement]
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    decision_note: str
    def __init__(self, application_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., compound_name: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., applicant_kind: _Optional[str] = ..., applicant_name: _Optional[str] = ..., contractor: _Optional[str] = ..., amount_fen: _Optional[int] = ..., quotes: _Optional[_Iterable[_Union[Quote, _Mapping]]] = ..., building_ids: _Optional[_Iterable[str]] = ..., proposal_id: _Optional[str] = ..., status: _Optional[str] = ..., status_name: _Optional[str] = ..., approved_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ..., decision_summary: _Optional[str] = ..., disbursements: _Optional[_Iterable[_Union[Disbursement, _Mapping]]] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., decision_note: _Optional[str] = ...) -> None: ...

class CreateApplicationRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "title", "description", "applicant_kind", "applicant_name", "contractor", "amount_fen", "quotes", "building_ids", "proposal_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    APPLICANT_KIND_FIELD_NUMBER: _ClassVar[int]
    APPLICANT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTRACTOR_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    BUILDING_IDS_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    title: str
    description: str
    applicant_kind: str
    applicant_name: str
    contractor: str
    amount_fen: int
    quotes: _containers.RepeatedCompositeFieldContainer[Quote]
    building_ids: _containers.RepeatedScalarFieldContainer[str]
    proposal_id: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., applicant_kind: _Optional[str] = ..., applicant_name: _Optional[str] = ..., contractor: _Optional[str] = ..., amount_fen: _Optional[int] = ..., quotes: _Optional[_Iterable[_Union[Quote, _Mapping]]] = ..., building_ids: _Optional[_Iterable[str]] = ..., proposal_id: _Optional[str] = ...) -> None: ...

class GetApplicationRequest(_message.Message):
    __slots__ = ("application_id",)
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    def __init__(self, application_id: _Optional[str] = ...) -> None: ...

class ListApplicationsRequest(_message.Message):
    __slots__ = ("compound_id", "page_size", "page_token")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    page_size: int
    page_token: str
    def __init__(self, compound_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListApplicationsResponse(_message.Message):
    __slots__ = ("applications", "next_page_token", "total")
    APPLICATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    applications: _containers.RepeatedCompositeFieldContainer[FundApplication]
    next_page_token: str
    total: int
    def __init__(self, applications: _Optional[_Iterable[_Union[FundApplication, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class DisburseRequest(_message.Message):
    __slots__ = ("request_id", "application_id", "invoice_no", "invoice_url", "amount_fen", "note")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    INVOICE_NO_FIELD_NUMBER: _ClassVar[int]
    INVOICE_URL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    application_id: str
    invoice_no: str
    invoice_url: str
    amount_fen: int
    note: str
    def __init__(self, request_id: _Optional[str] = ..., application_id: _Optional[str] = ..., invoice_no: _Optional[str] = ..., invoice_url: _Optional[str] = ..., amount_fen: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...
