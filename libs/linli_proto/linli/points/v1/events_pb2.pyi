import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from linli.points.v1 import catalog_events_pb2 as _catalog_events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PointsCredited(_message.Message):
    __slots__ = ("subject", "amount", "reason", "transfer_id", "code", "cause", "rule_version", "balance", "subject_name", "points_name", "compound_id", "occurred_at", "local_time")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    RULE_VERSION_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_NAME_FIELD_NUMBER: _ClassVar[int]
    POINTS_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    LOCAL_TIME_FIELD_NUMBER: _ClassVar[int]
    subject: str
    amount: int
    reason: str
    transfer_id: str
    code: str
    cause: str
    rule_version: int
    balance: int
    subject_name: str
    points_name: str
    compound_id: str
    occurred_at: _timestamp_pb2.Timestamp
    local_time: str
    def __init__(self, subject: _Optional[str] = ..., amount: _Optional[int] = ..., reason: _Optional[str] = ..., transfer_id: _Optional[str] = ..., code: _Optional[str] = ..., cause: _Optional[str] = ..., rule_version: _Optional[int] = ..., balance: _Optional[int] = ..., subject_name: _Optional[str] = ..., points_name: _Optional[str] = ..., compound_id: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., local_time: _Optional[str] = ...) -> None: ...

class PointsTransferred(_message.Message):
    __slots__ = ("subject", "to_subject", "amount", "transfer_id", "memo", "reverses", "subject_name", "to_name", "points_name", "local_time")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    TO_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    REVERSES_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_NAME_FIELD_NUMBER: _ClassVar[int]
    TO_NAME_FIELD_NUMBER: _ClassVar[int]
    POINTS_NAME_FIELD_NUMBER: _ClassVar[int]
    LOCAL_TIME_FIELD_NUMBER: _ClassVar[int]
    subject: str
    to_subject: str
    amount: int
    transfer_id: str
    memo: str
    reverses: str
    subject_name: str
    to_name: str
    points_name: str
    local_time: str
    def __init__(self, subject: _Optional[str] = ..., to_subject: _Optional[str] = ..., amount: _Optional[int] = ..., transfer_id: _Optional[str] = ..., memo: _Optional[str] = ..., reverses: _Optional[str] = ..., subject_name: _Optional[str] = ..., to_name: _Optional[str] = ..., points_name: _Optional[str] = ..., local_time: _Optional[str] = ...) -> None: ...

class VolunteerRegistered(_message.Message):
    __slots__ = ("subject", "display_name", "specialties", "team_ids", "compound_id", "active")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    SPECIALTIES_FIELD_NUMBER: _ClassVar[int]
    TEAM_IDS_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    subject: str
    display_name: str
    specialties: _containers.RepeatedScalarFieldContainer[str]
    team_ids: _containers.RepeatedScalarFieldContainer[str]
    compound_id: str
    active: bool
    def __init__(self, subject: _Optional[str] = ..., display_name: _Optional[str] = ..., specialties: _Optional[_Iterable[str]] = ..., team_ids: _Optional[_Iterable[str]] = ..., compound_id: _Optional[str] = ..., active: _Optional[bool] = ...) -> None: ...

class ActivityCheckedIn(_message.Message):
    __slots__ = ("activity_id", "subject", "kind", "kind_name", "compound_id", "team_id", "started_at", "subject_name")
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_NAME_FIELD_NUMBER: _ClassVar[int]
    activity_id: str
    subject: str
    kind: str
    kind_name: str
    compound_id: str
    team_id: str
    started_at: _timestamp_pb2.Timestamp
    subject_name: str
    def __init__(self, activity_id: _Optional[str] = ..., subject: _Optional[str] = ..., kind: _Optional[str] = ..., kind_name: _Optional[str] = ..., compound_id: _Optional[str] = ..., team_id: _Optional[str] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., subject_name: _Optional[str] = ...) -> None: ...

class ActivityCheckedOut(_message.Message):
    __slots__ = ("activity_id", "subject", "kind", "kind_name", "compound_id", "team_id", "minutes", "subject_name", "local_time")
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_NAME_FIELD_NUMBER: _ClassVar[int]
    LOCAL_TIME_FIELD_NUMBER: _ClassVar[int]
    activity_id: str
    subject: str
    kind: str
    kind_name: str
    compound_id: str
    team_id: str
    minutes: int
    subject_name: str
    local_time: str
    def __init__(self, activity_id: _Optional[str] = ..., subject: _Optional[str] = ..., kind: _Optional[str] = ..., kind_name: _Optional[str] = ..., compound_id: _Optional[str] = ..., team_id: _Optional[str] = ..., minutes: _Optional[int] = ..., subject_name: _Optional[str] = ..., local_time: _Optional[str] = ...) -> None: ...

class ActivityConfirmed(_message.Message):
    __slots__ = ("activity_id", "subject", "kind", "kind_name", "compound_id", "team_id", "minutes", "started_at", "ended_at", "confirmed_by", "corrects", "subject_name", "local_time")
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_BY_FIELD_NUMBER: _ClassVar[int]
    CORRECTS_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_NAME_FIELD_NUMBER: _ClassVar[int]
    LOCAL_TIME_FIELD_NUMBER: _ClassVar[int]
    activity_id: str
    subject: str
    kind: str
    kind_name: str
    compound_id: str
    team_id: str
    minutes: int
    started_at: _timestamp_pb2.Timestamp
    ended_at: _timestamp_pb2.Timestamp
    confirmed_by: str
    corrects: str
    subject_name: str
    local_time: str
    def __init__(self, activity_id: _Optional[str] = ..., subject: _Optional[str] = ..., kind: _Optional[str] = ..., kind_name: _Optional[str] = ..., compound_id: _Optional[str] = ..., team_id: _Optional[str] = ..., minutes: _Optional[int] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ended_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., confirmed_by: _Optional[str] = ..., corrects: _Optional[str] = ..., subject_name: _Optional[str] = ..., local_time: _Optional[str] = ...) -> None: ...

class ActivityRejected(_message.Message):
    __slots__ = ("activity_id", "subject", "kind_name", "rejected_by", "note", "subject_name")
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    KIND_NAME_FIELD_NUMBER: _ClassVar[int]
    REJECTED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_NAME_FIELD_NUMBER: _ClassVar[int]
    activity_id: str
    subject: str
    kind_name: str
    rejected_by: str
    note: str
    subject_name: str
    def __init__(self, activity_id: _Optional[str] = ..., subject: _Optional[str] = ..., kind_name: _Optional[str] = ..., rejected_by: _Optional[str] = ..., note: _Optional[str] = ..., subject_name: _Optional[str] = ...) -> None: ...

class ActivityCorrected(_message.Message):
    __slots__ = ("activity_id", "subject", "corrected_by", "reason", "minutes_before", "minutes_after")
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    CORRECTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    MINUTES_BEFORE_FIELD_NUMBER: _ClassVar[int]
    MINUTES_AFTER_FIELD_NUMBER: _ClassVar[int]
    activity_id: str
    subject: str
    corrected_by: str
    reason: str
    minutes_before: int
    minutes_after: int
    def __init__(self, activity_id: _Optional[str] = ..., subject: _Optional[str] = ..., corrected_by: _Optional[str] = ..., reason: _Optional[str] = ..., minutes_before: _Optional[int] = ..., minutes_after: _Optional[int] = ...) -> None: ...

class AwardGranted(_message.Message):
    __slots__ = ("award", "award_name", "period", "community_id", "subjects", "names", "points", "snapshot_at", "summary")
    AWARD_FIELD_NUMBER: _ClassVar[int]
    AWARD_NAME_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOT_AT_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    award: str
    award_name: str
    period: str
    community_id: str
    subjects: _containers.RepeatedScalarFieldContainer[str]
    names: _containers.RepeatedScalarFieldContainer[str]
    points: int
    snapshot_at: _timestamp_pb2.Timestamp
    summary: str
    def __init__(self, award: _Optional[str] = ..., award_name: _Optional[str] = ..., period: _Optional[str] = ..., community_id: _Optional[str] = ..., subjects: _Optional[_Iterable[str]] = ..., names: _Optional[_Iterable[str]] = ..., points: _Optional[int] = ..., snapshot_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., summary: _Optional[str] = ...) -> None: ...
