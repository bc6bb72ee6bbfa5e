from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BillIssued(_message.Message):
    __slots__ = ("bill_id", "compound_id", "building_id", "household_id", "household_label", "item", "item_name", "period", "period_label", "amount_fen", "due_on", "run_id")
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_LABEL_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    ITEM_NAME_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PERIOD_LABEL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    bill_id: str
    compound_id: str
    building_id: str
    household_id: str
    household_label: str
    item: str
    item_name: str
    period: str
    period_label: str
    amount_fen: int
    due_on: str
    run_id: str
    def __init__(self, bill_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., household_label: _Optional[str] = ..., item: _Optional[str] = ..., item_name: _Optional[str] = ..., period: _Optional[str] = ..., period_label: _Optional[str] = ..., amount_fen: _Optional[int] = ..., due_on: _Optional[str] = ..., run_id: _Optional[str] = ...) -> None: ...

class Allocation(_message.Message):
    __slots__ = ("bill_id", "period", "amount_fen", "late_fee_fen")
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    LATE_FEE_FEN_FIELD_NUMBER: _ClassVar[int]
    bill_id: str
    period: str
    amount_fen: int
    late_fee_fen: int
    def __init__(self, bill_id: _Optional[str] = ..., period: _Optional[str] = ..., amount_fen: _Optional[int] = ..., late_fee_fen: _Optional[int] = ...) -> None: ...

class PaymentReceived(_message.Message):
    __slots__ = ("entry_id", "receipt_no", "compound_id", "building_id", "household_id", "household_label", "amount_fen", "allocations", "to_prepaid_fen", "prepaid_balance_fen", "method", "reference", "recorded_by", "offer", "gift", "received_on")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    RECEIPT_NO_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_LABEL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    ALLOCATIONS_FIELD_NUMBER: _ClassVar[int]
    TO_PREPAID_FEN_FIELD_NUMBER: _ClassVar[int]
    PREPAID_BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    GIFT_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    receipt_no: str
    compound_id: str
    building_id: str
    household_id: str
    household_label: str
    amount_fen: int
    allocations: _containers.RepeatedCompositeFieldContainer[Allocation]
    to_prepaid_fen: int
    prepaid_balance_fen: int
    method: str
    reference: str
    recorded_by: str
    offer: str
    gift: str
    received_on: str
    def __init__(self, entry_id: _Optional[str] = ..., receipt_no: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., household_label: _Optional[str] = ..., amount_fen: _Optional[int] = ..., allocations: _Optional[_Iterable[_Union[Allocation, _Mapping]]] = ..., to_prepaid_fen: _Optional[int] = ..., prepaid_balance_fen: _Optional[int] = ..., method: _Optional[str] = ..., reference: _Optional[str] = ..., recorded_by: _Optional[str] = ..., offer: _Optional[str] = ..., gift: _Optional[str] = ..., received_on: _Optional[str] = ...) -> None: ...

class EntryReversed(_message.Message):
    __slots__ = ("entry_id", "kind", "reverses", "compound_id", "building_id", "household_id", "amount_fen", "allocations", "from_prepaid_fen", "requested_by", "approved_by", "reason")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    REVERSES_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    ALLOCATIONS_FIELD_NUMBER: _ClassVar[int]
    FROM_PREPAID_FEN_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    kind: str
    reverses: str
    compound_id: str
    building_id: str
    household_id: str
    amount_fen: int
    allocations: _containers.RepeatedCompositeFieldContainer[Allocation]
    from_prepaid_fen: int
    requested_by: str
    approved_by: str
    reason: str
    def __init__(self, entry_id: _Optional[str] = ..., kind: _Optional[str] = ..., reverses: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., allocations: _Optional[_Iterable[_Union[Allocation, _Mapping]]] = ..., from_prepaid_fen: _Optional[int] = ..., requested_by: _Optional[str] = ..., approved_by: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PaymentReminder(_message.Message):
    __slots__ = ("compound_id", "building_id", "household_id", "household_label", "amount_due_fen", "bills", "oldest_due_on", "days_overdue", "late_fee_fen", "periods")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_LABEL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_DUE_FEN_FIELD_NUMBER: _ClassVar[int]
    BILLS_FIELD_NUMBER: _ClassVar[int]
    OLDEST_DUE_ON_FIELD_NUMBER: _ClassVar[int]
    DAYS_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    LATE_FEE_FEN_FIELD_NUMBER: _ClassVar[int]
    PERIODS_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    building_id: str
    household_id: str
    household_label: str
    amount_due_fen: int
    bills: int
    oldest_due_on: str
    days_overdue: int
    late_fee_fen: int
    periods: str
    def __init__(self, compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., household_label: _Optional[str] = ..., amount_due_fen: _Optional[int] = ..., bills: _Optional[int] = ..., oldest_due_on: _Optional[str] = ..., days_overdue: _Optional[int] = ..., late_fee_fen: _Optional[int] = ..., periods: _Optional[str] = ...) -> None: ...
