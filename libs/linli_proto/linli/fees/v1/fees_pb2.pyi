from linli.common.v1 import validate_pb2 as _validate_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class FeeSchedule(_message.Message):
    __slots__ = ("tenant_id", "compound_id", "fen_per_m2_month")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    FEN_PER_M2_MONTH_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    compound_id: str
    fen_per_m2_month: int
    def __init__(self, tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., fen_per_m2_month: _Optional[int] = ...) -> None: ...

class GetFeeScheduleRequest(_message.Message):
    __slots__ = ("compound_id",)
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    def __init__(self, compound_id: _Optional[str] = ...) -> None: ...
