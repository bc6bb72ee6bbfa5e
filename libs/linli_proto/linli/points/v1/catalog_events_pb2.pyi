import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OrderPlaced(_message.Message):
    __slots__ = ("order_id", "item_id", "item_name", "subject", "quantity", "points", "code", "org_id", "expires_at")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_NAME_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    item_id: str
    item_name: str
    subject: str
    quantity: int
    points: int
    code: str
    org_id: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, order_id: _Optional[str] = ..., item_id: _Optional[str] = ..., item_name: _Optional[str] = ..., subject: _Optional[str] = ..., quantity: _Optional[int] = ..., points: _Optional[int] = ..., code: _Optional[str] = ..., org_id: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class OrderFulfilled(_message.Message):
    __slots__ = ("order_id", "item_id", "item_name", "subject", "points", "org_id", "by")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_NAME_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    BY_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    item_id: str
    item_name: str
    subject: str
    points: int
    org_id: str
    by: str
    def __init__(self, order_id: _Optional[str] = ..., item_id: _Optional[str] = ..., item_name: _Optional[str] = ..., subject: _Optional[str] = ..., points: _Optional[int] = ..., org_id: _Optional[str] = ..., by: _Optional[str] = ...) -> None: ...

class OrderCancelled(_message.Message):
    __slots__ = ("order_id", "item_id", "item_name", "subject", "points", "outcome", "reason")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_NAME_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    item_id: str
    item_name: str
    subject: str
    points: int
    outcome: str
    reason: str
    def __init__(self, order_id: _Optional[str] = ..., item_id: _Optional[str] = ..., item_name: _Optional[str] = ..., subject: _Optional[str] = ..., points: _Optional[int] = ..., outcome: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ToolOffered(_message.Message):
    __slots__ = ("tool_id", "name", "owner", "compound_id")
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    tool_id: str
    name: str
    owner: str
    compound_id: str
    def __init__(self, tool_id: _Optional[str] = ..., name: _Optional[str] = ..., owner: _Optional[str] = ..., compound_id: _Optional[str] = ...) -> None: ...

class ToolAccepted(_message.Message):
    __slots__ = ("tool_id", "name", "owner", "keeper", "subject")
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    KEEPER_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    tool_id: str
    name: str
    owner: str
    keeper: str
    subject: str
    def __init__(self, tool_id: _Optional[str] = ..., name: _Optional[str] = ..., owner: _Optional[str] = ..., keeper: _Optional[str] = ..., subject: _Optional[str] = ...) -> None: ...

class ToolBorrowed(_message.Message):
    __slots__ = ("tool_id", "name", "borrower", "keeper", "due_at", "deposit", "subject")
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BORROWER_FIELD_NUMBER: _ClassVar[int]
    KEEPER_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    tool_id: str
    name: str
    borrower: str
    keeper: str
    due_at: _timestamp_pb2.Timestamp
    deposit: int
    subject: str
    def __init__(self, tool_id: _Optional[str] = ..., name: _Optional[str] = ..., borrower: _Optional[str] = ..., keeper: _Optional[str] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deposit: _Optional[int] = ..., subject: _Optional[str] = ...) -> None: ...

class ToolReturned(_message.Message):
    __slots__ = ("tool_id", "name", "borrower", "keeper", "late", "subject")
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BORROWER_FIELD_NUMBER: _ClassVar[int]
    KEEPER_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    tool_id: str
    name: str
    borrower: str
    keeper: str
    late: bool
    subject: str
    def __init__(self, tool_id: _Optional[str] = ..., name: _Optional[str] = ..., borrower: _Optional[str] = ..., keeper: _Optional[str] = ..., late: _Optional[bool] = ..., subject: _Optional[str] = ...) -> None: ...

class ToolOverdue(_message.Message):
    __slots__ = ("tool_id", "name", "borrower", "keeper", "due_at", "subject", "volunteer")
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BORROWER_FIELD_NUMBER: _ClassVar[int]
    KEEPER_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    VOLUNTEER_FIELD_NUMBER: _ClassVar[int]
    tool_id: str
    name: str
    borrower: str
    keeper: str
    due_at: _timestamp_pb2.Timestamp
    subject: str
    volunteer: str
    def __init__(self, tool_id: _Optional[str] = ..., name: _Optional[str] = ..., borrower: _Optional[str] = ..., keeper: _Optional[str] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., subject: _Optional[str] = ..., volunteer: _Optional[str] = ...) -> None: ...
