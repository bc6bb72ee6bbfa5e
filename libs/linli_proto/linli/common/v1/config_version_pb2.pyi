from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class GetAppliedConfigVersionRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetAppliedConfigVersionResponse(_message.Message):
    __slots__ = ("service", "version", "settle_ms")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SETTLE_MS_FIELD_NUMBER: _ClassVar[int]
    service: str
    version: int
    settle_ms: int
    def __init__(self, service: _Optional[str] = ..., version: _Optional[int] = ..., settle_ms: _Optional[int] = ...) -> None: ...
