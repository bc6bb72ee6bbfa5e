from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class TicketCreated(_message.Message):
    __slots__ = ("ticket_id", "tenant_id", "compound_id", "category", "description", "reporter")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REPORTER_FIELD_NUMBER: _ClassVar[int]
    ticket_id: str
    tenant_id: str
    compound_id: str
    category: str
    description: str
    reporter: str
    def __init__(self, ticket_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., category: _Optional[str] = ..., description: _Optional[str] = ..., reporter: _Optional[str] = ...) -> None: ...
