from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class NotificationDelivered(_message.Message):
    __slots__ = ("entry_id", "recipient", "event_type")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    recipient: str
    event_type: str
    def __init__(self, entry_id: _Optional[str] = ..., recipient: _Optional[str] = ..., event_type: _Optional[str] = ...) -> None: ...
