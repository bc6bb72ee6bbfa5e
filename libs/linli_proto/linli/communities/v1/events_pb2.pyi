from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class TenantCreated(_message.Message):
    __slots__ = ("tenant_id", "name", "timezone", "language")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    name: str
    timezone: str
    language: str
    def __init__(self, tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., timezone: _Optional[str] = ..., language: _Optional[str] = ...) -> None: ...

class CompoundUpserted(_message.Message):
    __slots__ = ("tenant_id", "compound_id", "name", "community", "archived")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    compound_id: str
    name: str
    community: str
    archived: bool
    def __init__(self, tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., name: _Optional[str] = ..., community: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...
