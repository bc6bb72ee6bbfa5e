import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TicketRef(_message.Message):
    __slots__ = ("ticket_id", "tenant_id", "compound_id", "building_id", "household_id", "category", "reporter", "provider_kind", "provider_id", "actor", "actor_role", "done_by")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    REPORTER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_KIND_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLE_FIELD_NUMBER: _ClassVar[int]
    DONE_BY_FIELD_NUMBER: _ClassVar[int]
    ticket_id: str
    tenant_id: str
    compound_id: str
    building_id: str
    household_id: str
    category: str
    reporter: str
    provider_kind: str
    provider_id: str
    actor: str
    actor_role: str
    done_by: str
    def __init__(self, ticket_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., category: _Optional[str] = ..., reporter: _Optional[str] = ..., provider_kind: _Optional[str] = ..., provider_id: _Optional[str] = ..., actor: _Optional[str] = ..., actor_role: _Optional[str] = ..., done_by: _Optional[str] = ...) -> None: ...

class TicketCreated(_message.Message):
    __slots__ = ("ticket_id", "tenant_id", "compound_id", "category", "description", "reporter", "building_id", "household_id", "priority", "channel")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REPORTER_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    ticket_id: str
    tenant_id: str
    compound_id: str
    category: str
    description: str
    reporter: str
    building_id: str
    household_id: str
    priority: int
    channel: str
    def __init__(self, ticket_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., category: _Optional[str] = ..., description: _Optional[str] = ..., reporter: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., priority: _Optional[int] = ..., channel: _Optional[str] = ...) -> None: ...

class TicketDispatched(_message.Message):
    __slots__ = ("ticket", "description", "accept_by", "priority")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ACCEPT_BY_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    ticket: TicketRef
    description: str
    accept_by: _timestamp_pb2.Timestamp
    priority: int
    def __init__(self, ticket: _Optional[_Union[TicketRef, _Mapping]] = ..., description: _Optional[str] = ..., accept_by: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., priority: _Optional[int] = ...) -> None: ...

class TicketAccepted(_message.Message):
    __slots__ = ("ticket", "complete_by")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_BY_FIELD_NUMBER: _ClassVar[int]
    ticket: TicketRef
    complete_by: _timestamp_pb2.Timestamp
    def __init__(self, ticket: _Optional[_Union[TicketRef, _Mapping]] = ..., complete_by: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TicketRejected(_message.Message):
    __slots__ = ("ticket", "reason")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ticket: TicketRef
    reason: str
    def __init__(self, ticket: _Optional[_Union[TicketRef, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class TicketCompleted(_message.Message):
    __slots__ = ("ticket", "note")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ticket: TicketRef
    note: str
    def __init__(self, ticket: _Optional[_Union[TicketRef, _Mapping]] = ..., note: _Optional[str] = ...) -> None: ...

class TicketVerified(_message.Message):
    __slots__ = ("ticket", "approved", "note")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ticket: TicketRef
    approved: bool
    note: str
    def __init__(self, ticket: _Optional[_Union[TicketRef, _Mapping]] = ..., approved: _Optional[bool] = ..., note: _Optional[str] = ...) -> None: ...

class TicketRated(_message.Message):
    __slots__ = ("ticket", "rating", "comment")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    ticket: TicketRef
    rating: int
    comment: str
    def __init__(self, ticket: _Optional[_Union[TicketRef, _Mapping]] = ..., rating: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class TicketEscalated(_message.Message):
    __slots__ = ("ticket", "kind", "deadline", "due_at", "action")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ticket: TicketRef
    kind: str
    deadline: str
    due_at: _timestamp_pb2.Timestamp
    action: str
    def __init__(self, ticket: _Optional[_Union[TicketRef, _Mapping]] = ..., kind: _Optional[str] = ..., deadline: _Optional[str] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., action: _Optional[str] = ...) -> None: ...

class TicketClosed(_message.Message):
    __slots__ = ("ticket", "outcome")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    ticket: TicketRef
    outcome: str
    def __init__(self, ticket: _Optional[_Union[TicketRef, _Mapping]] = ..., outcome: _Optional[str] = ...) -> None: ...

class TicketReopened(_message.Message):
    __slots__ = ("ticket", "reason")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ticket: TicketRef
    reason: str
    def __init__(self, ticket: _Optional[_Union[TicketRef, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...
