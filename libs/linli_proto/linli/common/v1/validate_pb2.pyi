from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor
RULES_FIELD_NUMBER: _ClassVar[int]
rules: _descriptor.FieldDescriptor

class FieldRules(_message.Message):
    __slots__ = ("required", "max_len", "pattern", "min", "has_min", "max", "has_max", "max_items")
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    MAX_LEN_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    HAS_MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    HAS_MAX_FIELD_NUMBER: _ClassVar[int]
    MAX_ITEMS_FIELD_NUMBER: _ClassVar[int]
    required: bool
    max_len: int
    pattern: str
    min: int
    has_min: bool
    max: int
    has_max: bool
    max_items: int
    def __init__(self, required: _Optional[bool] = ..., max_len: _Optional[int] = ..., pattern: _Optional[str] = ..., min: _Optional[int] = ..., has_min: _Optional[bool] = ..., max: _Optional[int] = ..., has_max: _Optional[bool] = ..., max_items: _Optional[int] = ...) -> None: ...
