from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class StatementPublished(_message.Message):
    __slots__ = ("tenant_id", "compound_id", "period", "total_income_fen", "total_expenses_fen", "closing_balance_fen", "top_expense_category", "top_expense_name", "top_expense_share_bp", "hash", "previous_hash", "published_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    TOTAL_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_EXPENSES_FEN_FIELD_NUMBER: _ClassVar[int]
    CLOSING_BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    TOP_EXPENSE_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    TOP_EXPENSE_NAME_FIELD_NUMBER: _ClassVar[int]
    TOP_EXPENSE_SHARE_BP_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_HASH_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    compound_id: str
    period: str
    total_income_fen: int
    total_expenses_fen: int
    closing_balance_fen: int
    top_expense_category: str
    top_expense_name: str
    top_expense_share_bp: int
    hash: str
    previous_hash: str
    published_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., period: _Optional[str] = ..., total_income_fen: _Optional[int] = ..., total_expenses_fen: _Optional[int] = ..., closing_balance_fen: _Optional[int] = ..., top_expense_category: _Optional[str] = ..., top_expense_name: _Optional[str] = ..., top_expense_share_bp: _Optional[int] = ..., hash: _Optional[str] = ..., previous_hash: _Optional[str] = ..., published_by: _Optional[str] = ...) -> None: ...

class FundApplicationApproved(_message.Message):
    __slots__ = ("tenant_id", "compound_id", "application_id", "proposal_id", "title", "approved_fen", "building_ids")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FEN_FIELD_NUMBER: _ClassVar[int]
    BUILDING_IDS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    compound_id: str
    application_id: str
    proposal_id: str
    title: str
    approved_fen: int
    building_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., application_id: _Optional[str] = ..., proposal_id: _Optional[str] = ..., title: _Optional[str] = ..., approved_fen: _Optional[int] = ..., building_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class FundDisbursed(_message.Message):
    __slots__ = ("tenant_id", "compound_id", "application_id", "proposal_id", "title", "stage_id", "invoice_no", "amount_fen", "disbursed_fen", "approved_fen", "contractor", "building_ids", "entry_id", "disbursed_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    STAGE_ID_FIELD_NUMBER: _ClassVar[int]
    INVOICE_NO_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FEN_FIELD_NUMBER: _ClassVar[int]
    CONTRACTOR_FIELD_NUMBER: _ClassVar[int]
    BUILDING_IDS_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    compound_id: str
    application_id: str
    proposal_id: str
    title: str
    stage_id: str
    invoice_no: str
    amount_fen: int
    disbursed_fen: int
    approved_fen: int
    contractor: str
    building_ids: _containers.RepeatedScalarFieldContainer[str]
    entry_id: str
    disbursed_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., application_id: _Optional[str] = ..., proposal_id: _Optional[str] = ..., title: _Optional[str] = ..., stage_id: _Optional[str] = ..., invoice_no: _Optional[str] = ..., amount_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ..., approved_fen: _Optional[int] = ..., contractor: _Optional[str] = ..., building_ids: _Optional[_Iterable[str]] = ..., entry_id: _Optional[str] = ..., disbursed_by: _Optional[str] = ...) -> None: ...
