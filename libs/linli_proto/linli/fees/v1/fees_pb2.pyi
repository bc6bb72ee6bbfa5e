from linli.common.v1 import common_pb2 as _common_pb2
from linli.common.v1 import validate_pb2 as _validate_pb2
from linli.fees.v1 import events_pb2 as _events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RunStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RUN_STATUS_UNSPECIFIED: _ClassVar[RunStatus]
    RUN_STATUS_RUNNING: _ClassVar[RunStatus]
    RUN_STATUS_DONE: _ClassVar[RunStatus]

class PaymentMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAYMENT_METHOD_UNSPECIFIED: _ClassVar[PaymentMethod]
    PAYMENT_METHOD_CASH: _ClassVar[PaymentMethod]
    PAYMENT_METHOD_TRANSFER: _ClassVar[PaymentMethod]
    PAYMENT_METHOD_EXTERNAL: _ClassVar[PaymentMethod]
RUN_STATUS_UNSPECIFIED: RunStatus
RUN_STATUS_RUNNING: RunStatus
RUN_STATUS_DONE: RunStatus
PAYMENT_METHOD_UNSPECIFIED: PaymentMethod
PAYMENT_METHOD_CASH: PaymentMethod
PAYMENT_METHOD_TRANSFER: PaymentMethod
PAYMENT_METHOD_EXTERNAL: PaymentMethod

class PriceStep(_message.Message):
    __slots__ = ("effective_from", "fen", "decision")
    EFFECTIVE_FROM_FIELD_NUMBER: _ClassVar[int]
    FEN_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    effective_from: str
    fen: int
    decision: str
    def __init__(self, effective_from: _Optional[str] = ..., fen: _Optional[int] = ..., decision: _Optional[str] = ...) -> None: ...

class FeeItemSchedule(_message.Message):
    __slots__ = ("item", "name", "category", "category_name", "method", "fen", "decision", "steps", "vacant_percent", "households")
    ITEM_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_NAME_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    FEN_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    VACANT_PERCENT_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    item: str
    name: str
    category: str
    category_name: str
    method: str
    fen: int
    decision: str
    steps: _containers.RepeatedCompositeFieldContainer[PriceStep]
    vacant_percent: int
    households: int
    def __init__(self, item: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ..., category_name: _Optional[str] = ..., method: _Optional[str] = ..., fen: _Optional[int] = ..., decision: _Optional[str] = ..., steps: _Optional[_Iterable[_Union[PriceStep, _Mapping]]] = ..., vacant_percent: _Optional[int] = ..., households: _Optional[int] = ...) -> None: ...

class FeeSchedule(_message.Message):
    __slots__ = ("tenant_id", "compound_id", "fen_per_m2_month", "building_id", "month", "cycle", "due_day", "items", "offers", "config_version", "compound_name")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    FEN_PER_M2_MONTH_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    CYCLE_FIELD_NUMBER: _ClassVar[int]
    DUE_DAY_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    OFFERS_FIELD_NUMBER: _ClassVar[int]
    CONFIG_VERSION_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_NAME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    compound_id: str
    fen_per_m2_month: int
    building_id: str
    month: str
    cycle: str
    due_day: int
    items: _containers.RepeatedCompositeFieldContainer[FeeItemSchedule]
    offers: _containers.RepeatedCompositeFieldContainer[PrepayOffer]
    config_version: int
    compound_name: str
    def __init__(self, tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., fen_per_m2_month: _Optional[int] = ..., building_id: _Optional[str] = ..., month: _Optional[str] = ..., cycle: _Optional[str] = ..., due_day: _Optional[int] = ..., items: _Optional[_Iterable[_Union[FeeItemSchedule, _Mapping]]] = ..., offers: _Optional[_Iterable[_Union[PrepayOffer, _Mapping]]] = ..., config_version: _Optional[int] = ..., compound_name: _Optional[str] = ...) -> None: ...

class PrepayOffer(_message.Message):
    __slots__ = ("months", "free_months", "discount", "gift", "text")
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    FREE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_FIELD_NUMBER: _ClassVar[int]
    GIFT_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    months: int
    free_months: int
    discount: float
    gift: str
    text: str
    def __init__(self, months: _Optional[int] = ..., free_months: _Optional[int] = ..., discount: _Optional[float] = ..., gift: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class GetFeeScheduleRequest(_message.Message):
    __slots__ = ("compound_id", "building_id", "month")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    building_id: str
    month: str
    def __init__(self, compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., month: _Optional[str] = ...) -> None: ...

class BillLinePreview(_message.Message):
    __slots__ = ("household_id", "household_label", "item_name", "amount_fen", "lines")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_LABEL_FIELD_NUMBER: _ClassVar[int]
    ITEM_NAME_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    household_label: str
    item_name: str
    amount_fen: int
    lines: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, household_id: _Optional[str] = ..., household_label: _Optional[str] = ..., item_name: _Optional[str] = ..., amount_fen: _Optional[int] = ..., lines: _Optional[_Iterable[str]] = ...) -> None: ...

class BillingRun(_message.Message):
    __slots__ = ("run_id", "compound_id", "period", "dry_run", "status", "households_total", "households_done", "bills_created", "bills_existing", "households_skipped", "amount_fen", "preview", "started_by", "started_at", "finished_at", "prepaid_applied", "prepaid_applied_fen")
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLDS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLDS_DONE_FIELD_NUMBER: _ClassVar[int]
    BILLS_CREATED_FIELD_NUMBER: _ClassVar[int]
    BILLS_EXISTING_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLDS_SKIPPED_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_FIELD_NUMBER: _ClassVar[int]
    STARTED_BY_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    PREPAID_APPLIED_FIELD_NUMBER: _ClassVar[int]
    PREPAID_APPLIED_FEN_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    compound_id: str
    period: str
    dry_run: bool
    status: RunStatus
    households_total: int
    households_done: int
    bills_created: int
    bills_existing: int
    households_skipped: int
    amount_fen: int
    preview: _containers.RepeatedCompositeFieldContainer[BillLinePreview]
    started_by: str
    started_at: str
    finished_at: str
    prepaid_applied: int
    prepaid_applied_fen: int
    def __init__(self, run_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., period: _Optional[str] = ..., dry_run: _Optional[bool] = ..., status: _Optional[_Union[RunStatus, str]] = ..., households_total: _Optional[int] = ..., households_done: _Optional[int] = ..., bills_created: _Optional[int] = ..., bills_existing: _Optional[int] = ..., households_skipped: _Optional[int] = ..., amount_fen: _Optional[int] = ..., preview: _Optional[_Iterable[_Union[BillLinePreview, _Mapping]]] = ..., started_by: _Optional[str] = ..., started_at: _Optional[str] = ..., finished_at: _Optional[str] = ..., prepaid_applied: _Optional[int] = ..., prepaid_applied_fen: _Optional[int] = ...) -> None: ...

class StartBillingRunRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "period", "dry_run")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    period: str
    dry_run: bool
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., period: _Optional[str] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class AdvanceBillingRunRequest(_message.Message):
    __slots__ = ("request_id", "run_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    run_id: str
    def __init__(self, request_id: _Optional[str] = ..., run_id: _Optional[str] = ...) -> None: ...

class GetBillingRunRequest(_message.Message):
    __slots__ = ("run_id",)
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    def __init__(self, run_id: _Optional[str] = ...) -> None: ...

class BillLine(_message.Message):
    __slots__ = ("kind", "text", "amount_fen", "months", "fen", "area_centi_m2", "percent", "decision")
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    FEN_FIELD_NUMBER: _ClassVar[int]
    AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    kind: str
    text: str
    amount_fen: int
    months: int
    fen: int
    area_centi_m2: int
    percent: int
    decision: str
    def __init__(self, kind: _Optional[str] = ..., text: _Optional[str] = ..., amount_fen: _Optional[int] = ..., months: _Optional[int] = ..., fen: _Optional[int] = ..., area_centi_m2: _Optional[int] = ..., percent: _Optional[int] = ..., decision: _Optional[str] = ...) -> None: ...

class Bill(_message.Message):
    __slots__ = ("bill_id", "compound_id", "building_id", "household_id", "household_label", "item", "item_name", "category", "period", "period_label", "lines", "amount_fen", "paid_fen", "due_fen", "due_on", "run_id", "overdue", "late_fee_fen")
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_LABEL_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    ITEM_NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PERIOD_LABEL_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    PAID_FEN_FIELD_NUMBER: _ClassVar[int]
    DUE_FEN_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    LATE_FEE_FEN_FIELD_NUMBER: _ClassVar[int]
    bill_id: str
    compound_id: str
    building_id: str
    household_id: str
    household_label: str
    item: str
    item_name: str
    category: str
    period: str
    period_label: str
    lines: _containers.RepeatedCompositeFieldContainer[BillLine]
    amount_fen: int
    paid_fen: int
    due_fen: int
    due_on: str
    run_id: str
    overdue: bool
    late_fee_fen: int
    def __init__(self, bill_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., household_label: _Optional[str] = ..., item: _Optional[str] = ..., item_name: _Optional[str] = ..., category: _Optional[str] = ..., period: _Optional[str] = ..., period_label: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[BillLine, _Mapping]]] = ..., amount_fen: _Optional[int] = ..., paid_fen: _Optional[int] = ..., due_fen: _Optional[int] = ..., due_on: _Optional[str] = ..., run_id: _Optional[str] = ..., overdue: _Optional[bool] = ..., late_fee_fen: _Optional[int] = ...) -> None: ...

class GetBillRequest(_message.Message):
    __slots__ = ("bill_id",)
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    bill_id: str
    def __init__(self, bill_id: _Optional[str] = ...) -> None: ...

class ListBillsRequest(_message.Message):
    __slots__ = ("compound_id", "household_id", "period", "open_only", "page")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    OPEN_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    household_id: str
    period: str
    open_only: bool
    page: _common_pb2.PageRequest
    def __init__(self, compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., period: _Optional[str] = ..., open_only: _Optional[bool] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListBillsResponse(_message.Message):
    __slots__ = ("bills", "page")
    BILLS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    bills: _containers.RepeatedCompositeFieldContainer[Bill]
    page: _common_pb2.PageResponse
    def __init__(self, bills: _Optional[_Iterable[_Union[Bill, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class AccountEntry(_message.Message):
    __slots__ = ("entry_id", "kind", "status", "receipt_no", "amount_fen", "allocations", "prepaid_fen", "method", "reference", "recorded_by", "approved_by", "reverses", "reason", "offer", "gift", "at", "reversed", "late_fee_fen", "at_local")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RECEIPT_NO_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    ALLOCATIONS_FIELD_NUMBER: _ClassVar[int]
    PREPAID_FEN_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    REVERSES_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    GIFT_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    REVERSED_FIELD_NUMBER: _ClassVar[int]
    LATE_FEE_FEN_FIELD_NUMBER: _ClassVar[int]
    AT_LOCAL_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    kind: str
    status: str
    receipt_no: str
    amount_fen: int
    allocations: _containers.RepeatedCompositeFieldContainer[_events_pb2.Allocation]
    prepaid_fen: int
    method: str
    reference: str
    recorded_by: str
    approved_by: str
    reverses: str
    reason: str
    offer: str
    gift: str
    at: str
    reversed: bool
    late_fee_fen: int
    at_local: str
    def __init__(self, entry_id: _Optional[str] = ..., kind: _Optional[str] = ..., status: _Optional[str] = ..., receipt_no: _Optional[str] = ..., amount_fen: _Optional[int] = ..., allocations: _Optional[_Iterable[_Union[_events_pb2.Allocation, _Mapping]]] = ..., prepaid_fen: _Optional[int] = ..., method: _Optional[str] = ..., reference: _Optional[str] = ..., recorded_by: _Optional[str] = ..., approved_by: _Optional[str] = ..., reverses: _Optional[str] = ..., reason: _Optional[str] = ..., offer: _Optional[str] = ..., gift: _Optional[str] = ..., at: _Optional[str] = ..., reversed: _Optional[bool] = ..., late_fee_fen: _Optional[int] = ..., at_local: _Optional[str] = ...) -> None: ...

class Account(_message.Message):
    __slots__ = ("compound_id", "household_id", "household_label", "prepaid_fen", "due_fen", "arrears_fen", "entries", "open_bills", "late_fees_fen")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_LABEL_FIELD_NUMBER: _ClassVar[int]
    PREPAID_FEN_FIELD_NUMBER: _ClassVar[int]
    DUE_FEN_FIELD_NUMBER: _ClassVar[int]
    ARREARS_FEN_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    OPEN_BILLS_FIELD_NUMBER: _ClassVar[int]
    LATE_FEES_FEN_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    household_id: str
    household_label: str
    prepaid_fen: int
    due_fen: int
    arrears_fen: int
    entries: _containers.RepeatedCompositeFieldContainer[AccountEntry]
    open_bills: _containers.RepeatedCompositeFieldContainer[Bill]
    late_fees_fen: int
    def __init__(self, compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., household_label: _Optional[str] = ..., prepaid_fen: _Optional[int] = ..., due_fen: _Optional[int] = ..., arrears_fen: _Optional[int] = ..., entries: _Optional[_Iterable[_Union[AccountEntry, _Mapping]]] = ..., open_bills: _Optional[_Iterable[_Union[Bill, _Mapping]]] = ..., late_fees_fen: _Optional[int] = ...) -> None: ...

class GetAccountRequest(_message.Message):
    __slots__ = ("compound_id", "household_id")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    household_id: str
    def __init__(self, compound_id: _Optional[str] = ..., household_id: _Optional[str] = ...) -> None: ...

class Receipt(_message.Message):
    __slots__ = ("receipt_no", "entry", "prepaid_balance_fen", "bills", "household_label", "compound_id", "household_id")
    RECEIPT_NO_FIELD_NUMBER: _ClassVar[int]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    PREPAID_BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    BILLS_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_LABEL_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    receipt_no: str
    entry: AccountEntry
    prepaid_balance_fen: int
    bills: _containers.RepeatedCompositeFieldContainer[Bill]
    household_label: str
    compound_id: str
    household_id: str
    def __init__(self, receipt_no: _Optional[str] = ..., entry: _Optional[_Union[AccountEntry, _Mapping]] = ..., prepaid_balance_fen: _Optional[int] = ..., bills: _Optional[_Iterable[_Union[Bill, _Mapping]]] = ..., household_label: _Optional[str] = ..., compound_id: _Optional[str] = ..., household_id: _Optional[str] = ...) -> None: ...

class RecordPaymentRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "household_id", "bill_id", "amount_fen", "method", "reference", "note")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    household_id: str
    bill_id: str
    amount_fen: int
    method: PaymentMethod
    reference: str
    note: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., bill_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., method: _Optional[_Union[PaymentMethod, str]] = ..., reference: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class QuotePrepayRequest(_message.Message):
    __slots__ = ("compound_id", "household_id", "start_period", "months", "item")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    START_PERIOD_FIELD_NUMBER: _ClassVar[int]
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    household_id: str
    start_period: str
    months: int
    item: str
    def __init__(self, compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., start_period: _Optional[str] = ..., months: _Optional[int] = ..., item: _Optional[str] = ...) -> None: ...

class PrepayQuote(_message.Message):
    __slots__ = ("compound_id", "household_id", "item", "months", "free_months", "periods", "gross_fen", "waived_fen", "amount_fen", "offer", "gift", "bills")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    FREE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    PERIODS_FIELD_NUMBER: _ClassVar[int]
    GROSS_FEN_FIELD_NUMBER: _ClassVar[int]
    WAIVED_FEN_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    GIFT_FIELD_NUMBER: _ClassVar[int]
    BILLS_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    household_id: str
    item: str
    months: int
    free_months: int
    periods: _containers.RepeatedScalarFieldContainer[str]
    gross_fen: int
    waived_fen: int
    amount_fen: int
    offer: str
    gift: str
    bills: _containers.RepeatedCompositeFieldContainer[Bill]
    def __init__(self, compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., item: _Optional[str] = ..., months: _Optional[int] = ..., free_months: _Optional[int] = ..., periods: _Optional[_Iterable[str]] = ..., gross_fen: _Optional[int] = ..., waived_fen: _Optional[int] = ..., amount_fen: _Optional[int] = ..., offer: _Optional[str] = ..., gift: _Optional[str] = ..., bills: _Optional[_Iterable[_Union[Bill, _Mapping]]] = ...) -> None: ...

class PrepayRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "household_id", "start_period", "months", "item", "amount_fen", "method", "reference")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    START_PERIOD_FIELD_NUMBER: _ClassVar[int]
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    household_id: str
    start_period: str
    months: int
    item: str
    amount_fen: int
    method: PaymentMethod
    reference: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., start_period: _Optional[str] = ..., months: _Optional[int] = ..., item: _Optional[str] = ..., amount_fen: _Optional[int] = ..., method: _Optional[_Union[PaymentMethod, str]] = ..., reference: _Optional[str] = ...) -> None: ...

class RequestReversalRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "household_id", "reverses", "amount_fen", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    REVERSES_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    household_id: str
    reverses: str
    amount_fen: int
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., reverses: _Optional[str] = ..., amount_fen: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class ApproveEntryRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "household_id", "entry_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    household_id: str
    entry_id: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., entry_id: _Optional[str] = ...) -> None: ...

class ArrearsRow(_message.Message):
    __slots__ = ("household_id", "household_label", "building_id", "arrears_fen", "bills", "oldest_due_on", "days_overdue", "age", "prepaid_fen")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_LABEL_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    ARREARS_FEN_FIELD_NUMBER: _ClassVar[int]
    BILLS_FIELD_NUMBER: _ClassVar[int]
    OLDEST_DUE_ON_FIELD_NUMBER: _ClassVar[int]
    DAYS_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    AGE_FIELD_NUMBER: _ClassVar[int]
    PREPAID_FEN_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    household_label: str
    building_id: str
    arrears_fen: int
    bills: int
    oldest_due_on: str
    days_overdue: int
    age: str
    prepaid_fen: int
    def __init__(self, household_id: _Optional[str] = ..., household_label: _Optional[str] = ..., building_id: _Optional[str] = ..., arrears_fen: _Optional[int] = ..., bills: _Optional[int] = ..., oldest_due_on: _Optional[str] = ..., days_overdue: _Optional[int] = ..., age: _Optional[str] = ..., prepaid_fen: _Optional[int] = ...) -> None: ...

class AgeBucket(_message.Message):
    __slots__ = ("age", "households", "arrears_fen")
    AGE_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    ARREARS_FEN_FIELD_NUMBER: _ClassVar[int]
    age: str
    households: int
    arrears_fen: int
    def __init__(self, age: _Optional[str] = ..., households: _Optional[int] = ..., arrears_fen: _Optional[int] = ...) -> None: ...

class ArrearsReport(_message.Message):
    __slots__ = ("compound_id", "as_of", "rows", "buckets", "arrears_fen", "page")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    ARREARS_FEN_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    as_of: str
    rows: _containers.RepeatedCompositeFieldContainer[ArrearsRow]
    buckets: _containers.RepeatedCompositeFieldContainer[AgeBucket]
    arrears_fen: int
    page: _common_pb2.PageResponse
    def __init__(self, compound_id: _Optional[str] = ..., as_of: _Optional[str] = ..., rows: _Optional[_Iterable[_Union[ArrearsRow, _Mapping]]] = ..., buckets: _Optional[_Iterable[_Union[AgeBucket, _Mapping]]] = ..., arrears_fen: _Optional[int] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetArrearsRequest(_message.Message):
    __slots__ = ("compound_id", "page")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    page: _common_pb2.PageRequest
    def __init__(self, compound_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class CsvExport(_message.Message):
    __slots__ = ("filename", "content", "rows")
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    filename: str
    content: bytes
    rows: int
    def __init__(self, filename: _Optional[str] = ..., content: _Optional[bytes] = ..., rows: _Optional[int] = ...) -> None: ...

class CollectionReport(_message.Message):
    __slots__ = ("compound_id", "period", "as_of", "households_billed", "households_paid", "receivable_fen", "received_fen", "household_rate_bp", "amount_rate_bp", "arrears_opening_fen", "arrears_recovered_fen", "arrears_recovery_rate_bp", "household_rate", "amount_rate", "arrears_recovery_rate")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLDS_BILLED_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLDS_PAID_FIELD_NUMBER: _ClassVar[int]
    RECEIVABLE_FEN_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_FEN_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_RATE_BP_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_RATE_BP_FIELD_NUMBER: _ClassVar[int]
    ARREARS_OPENING_FEN_FIELD_NUMBER: _ClassVar[int]
    ARREARS_RECOVERED_FEN_FIELD_NUMBER: _ClassVar[int]
    ARREARS_RECOVERY_RATE_BP_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_RATE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_RATE_FIELD_NUMBER: _ClassVar[int]
    ARREARS_RECOVERY_RATE_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    period: str
    as_of: str
    households_billed: int
    households_paid: int
    receivable_fen: int
    received_fen: int
    household_rate_bp: int
    amount_rate_bp: int
    arrears_opening_fen: int
    arrears_recovered_fen: int
    arrears_recovery_rate_bp: int
    household_rate: str
    amount_rate: str
    arrears_recovery_rate: str
    def __init__(self, compound_id: _Optional[str] = ..., period: _Optional[str] = ..., as_of: _Optional[str] = ..., households_billed: _Optional[int] = ..., households_paid: _Optional[int] = ..., receivable_fen: _Optional[int] = ..., received_fen: _Optional[int] = ..., household_rate_bp: _Optional[int] = ..., amount_rate_bp: _Optional[int] = ..., arrears_opening_fen: _Optional[int] = ..., arrears_recovered_fen: _Optional[int] = ..., arrears_recovery_rate_bp: _Optional[int] = ..., household_rate: _Optional[str] = ..., amount_rate: _Optional[str] = ..., arrears_recovery_rate: _Optional[str] = ...) -> None: ...

class GetCollectionReportRequest(_message.Message):
    __slots__ = ("compound_id", "period")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    period: str
    def __init__(self, compound_id: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class SendRemindersRequest(_message.Message):
    __slots__ = ("request_id", "compound_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ...) -> None: ...

class SendRemindersResponse(_message.Message):
    __slots__ = ("households_reminded",)
    HOUSEHOLDS_REMINDED_FIELD_NUMBER: _ClassVar[int]
    households_reminded: int
    def __init__(self, households_reminded: _Optional[int] = ...) -> None: ...
