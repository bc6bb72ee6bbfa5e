import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from linli.common.v1 import common_pb2 as _common_pb2
from linli.common.v1 import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ConfigProblem(_message.Message):
    __slots__ = ("path", "message")
    PATH_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    path: str
    message: str
    def __init__(self, path: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ValidateConfigRequest(_message.Message):
    __slots__ = ("document",)
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    document: str
    def __init__(self, document: _Optional[str] = ...) -> None: ...

class ValidateConfigResponse(_message.Message):
    __slots__ = ("valid", "problems", "diff", "current_version")
    VALID_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    DIFF_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    problems: _containers.RepeatedCompositeFieldContainer[ConfigProblem]
    diff: str
    current_version: int
    def __init__(self, valid: _Optional[bool] = ..., problems: _Optional[_Iterable[_Union[ConfigProblem, _Mapping]]] = ..., diff: _Optional[str] = ..., current_version: _Optional[int] = ...) -> None: ...

class ApplyConfigRequest(_message.Message):
    __slots__ = ("request_id", "document", "expected_version", "comment")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    document: str
    expected_version: int
    comment: str
    def __init__(self, request_id: _Optional[str] = ..., document: _Optional[str] = ..., expected_version: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class ConfigVersion(_message.Message):
    __slots__ = ("tenant_id", "version", "document", "changed_by", "changed_at", "diff", "comment", "changed")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    DIFF_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    version: int
    document: str
    changed_by: str
    changed_at: _timestamp_pb2.Timestamp
    diff: str
    comment: str
    changed: bool
    def __init__(self, tenant_id: _Optional[str] = ..., version: _Optional[int] = ..., document: _Optional[str] = ..., changed_by: _Optional[str] = ..., changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., diff: _Optional[str] = ..., comment: _Optional[str] = ..., changed: _Optional[bool] = ...) -> None: ...

class GetConfigRequest(_message.Message):
    __slots__ = ("version",)
    VERSION_FIELD_NUMBER: _ClassVar[int]
    version: int
    def __init__(self, version: _Optional[int] = ...) -> None: ...

class GetEffectiveConfigRequest(_message.Message):
    __slots__ = ("community", "compound")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_FIELD_NUMBER: _ClassVar[int]
    community: str
    compound: str
    def __init__(self, community: _Optional[str] = ..., compound: _Optional[str] = ...) -> None: ...

class EffectiveConfig(_message.Message):
    __slots__ = ("version", "community", "compound", "sections_json", "sections_yaml")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_FIELD_NUMBER: _ClassVar[int]
    SECTIONS_JSON_FIELD_NUMBER: _ClassVar[int]
    SECTIONS_YAML_FIELD_NUMBER: _ClassVar[int]
    version: int
    community: str
    compound: str
    sections_json: str
    sections_yaml: str
    def __init__(self, version: _Optional[int] = ..., community: _Optional[str] = ..., compound: _Optional[str] = ..., sections_json: _Optional[str] = ..., sections_yaml: _Optional[str] = ...) -> None: ...

class ListConfigHistoryRequest(_message.Message):
    __slots__ = ("page",)
    PAGE_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListConfigHistoryResponse(_message.Message):
    __slots__ = ("versions", "page")
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    versions: _containers.RepeatedCompositeFieldContainer[ConfigVersion]
    page: _common_pb2.PageResponse
    def __init__(self, versions: _Optional[_Iterable[_Union[ConfigVersion, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...
