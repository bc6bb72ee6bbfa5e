import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from linli.common.v1 import validate_pb2 as _validate_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TicketStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_STATUS_UNSPECIFIED: _ClassVar[TicketStatus]
    TICKET_STATUS_REPORTED: _ClassVar[TicketStatus]
    TICKET_STATUS_DISPATCHED: _ClassVar[TicketStatus]
    TICKET_STATUS_ACCEPTED: _ClassVar[TicketStatus]
    TICKET_STATUS_IN_PROGRESS: _ClassVar[TicketStatus]
    TICKET_STATUS_DONE: _ClassVar[TicketStatus]
    TICKET_STATUS_VERIFIED: _ClassVar[TicketStatus]
    TICKET_STATUS_CONFIRMED: _ClassVar[TicketStatus]
    TICKET_STATUS_CLOSED: _ClassVar[TicketStatus]
    TICKET_STATUS_REJECTED: _ClassVar[TicketStatus]
    TICKET_STATUS_CANCELLED: _ClassVar[TicketStatus]
TICKET_STATUS_UNSPECIFIED: TicketStatus
TICKET_STATUS_REPORTED: TicketStatus
TICKET_STATUS_DISPATCHED: TicketStatus
TICKET_STATUS_ACCEPTED: TicketStatus
TICKET_STATUS_IN_PROGRESS: TicketStatus
TICKET_STATUS_DONE: TicketStatus
TICKET_STATUS_VERIFIED: TicketStatus
TICKET_STATUS_CONFIRMED: TicketStatus
TICKET_STATUS_CLOSED: TicketStatus
TICKET_STATUS_REJECTED: TicketStatus
TICKET_STATUS_CANCELLED: TicketStatus

class Ticket(_message.Message):
    __slots__ = ("id", "tenant_id", "compound_id", "category", "description", "status", "reporter", "created_at", "version", "building_id", "household_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REPORTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    compound_id: str
    category: str
    description: str
    status: TicketStatus
    reporter: str
    created_at: _timestamp_pb2.Timestamp
    version: int
    building_id: str
    household_id: str
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., category: _Optional[str] = ..., description: _Optional[str] = ..., status: _Optional[_Union[TicketStatus, str]] = ..., reporter: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ...) -> None: ...

class CreateTicketRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "category", "description", "building_id", "household_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    category: str
    description: str
    building_id: str
    household_id: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., category: _Optional[str] = ..., description: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ...) -> None: ...

class GetTicketRequest(_message.Message):
    __slots__ = ("ticket_id",)
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    ticket_id: str
    def __init__(self, ticket_id: _Optional[str] = ...) -> None: ...
