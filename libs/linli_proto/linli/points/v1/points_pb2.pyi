import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from linli.common.v1 import common_pb2 as _common_pb2
from linli.common.v1 import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Availability(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AVAILABILITY_UNSPECIFIED: _ClassVar[Availability]
    AVAILABILITY_WEEKDAY_DAYTIME: _ClassVar[Availability]
    AVAILABILITY_WEEKDAY_EVENING: _ClassVar[Availability]
    AVAILABILITY_WEEKEND: _ClassVar[Availability]
    AVAILABILITY_ON_CALL: _ClassVar[Availability]

class ActivityStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTIVITY_STATUS_UNSPECIFIED: _ClassVar[ActivityStatus]
    ACTIVITY_STATUS_CHECKED_IN: _ClassVar[ActivityStatus]
    ACTIVITY_STATUS_CHECKED_OUT: _ClassVar[ActivityStatus]
    ACTIVITY_STATUS_CONFIRMED: _ClassVar[ActivityStatus]
    ACTIVITY_STATUS_REJECTED: _ClassVar[ActivityStatus]
    ACTIVITY_STATUS_CORRECTED: _ClassVar[ActivityStatus]
AVAILABILITY_UNSPECIFIED: Availability
AVAILABILITY_WEEKDAY_DAYTIME: Availability
AVAILABILITY_WEEKDAY_EVENING: Availability
AVAILABILITY_WEEKEND: Availability
AVAILABILITY_ON_CALL: Availability
ACTIVITY_STATUS_UNSPECIFIED: ActivityStatus
ACTIVITY_STATUS_CHECKED_IN: ActivityStatus
ACTIVITY_STATUS_CHECKED_OUT: ActivityStatus
ACTIVITY_STATUS_CONFIRMED: ActivityStatus
ACTIVITY_STATUS_REJECTED: ActivityStatus
ACTIVITY_STATUS_CORRECTED: ActivityStatus

class Account(_message.Message):
    __slots__ = ("tenant_id", "subject", "balance", "pending", "points_name")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    POINTS_NAME_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    subject: str
    balance: int
    pending: int
    points_name: str
    def __init__(self, tenant_id: _Optional[str] = ..., subject: _Optional[str] = ..., balance: _Optional[int] = ..., pending: _Optional[int] = ..., points_name: _Optional[str] = ...) -> None: ...

class GetAccountRequest(_message.Message):
    __slots__ = ("subject",)
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    subject: str
    def __init__(self, subject: _Optional[str] = ...) -> None: ...

class Movement(_message.Message):
    __slots__ = ("transfer_id", "amount", "code", "cause", "description", "at", "reverses", "rule_version", "counterparty", "state", "balance_after")
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    REVERSES_FIELD_NUMBER: _ClassVar[int]
    RULE_VERSION_FIELD_NUMBER: _ClassVar[int]
    COUNTERPARTY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    BALANCE_AFTER_FIELD_NUMBER: _ClassVar[int]
    transfer_id: str
    amount: int
    code: str
    cause: str
    description: str
    at: _timestamp_pb2.Timestamp
    reverses: str
    rule_version: int
    counterparty: str
    state: str
    balance_after: int
    def __init__(self, transfer_id: _Optional[str] = ..., amount: _Optional[int] = ..., code: _Optional[str] = ..., cause: _Optional[str] = ..., description: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reverses: _Optional[str] = ..., rule_version: _Optional[int] = ..., counterparty: _Optional[str] = ..., state: _Optional[str] = ..., balance_after: _Optional[int] = ...) -> None: ...

class GetStatementRequest(_message.Message):
    __slots__ = ("subject", "page")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    subject: str
    page: _common_pb2.PageRequest
    def __init__(self, subject: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class Statement(_message.Message):
    __slots__ = ("subject", "balance", "movements", "page", "points_name")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    MOVEMENTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    POINTS_NAME_FIELD_NUMBER: _ClassVar[int]
    subject: str
    balance: int
    movements: _containers.RepeatedCompositeFieldContainer[Movement]
    page: _common_pb2.PageResponse
    points_name: str
    def __init__(self, subject: _Optional[str] = ..., balance: _Optional[int] = ..., movements: _Optional[_Iterable[_Union[Movement, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ..., points_name: _Optional[str] = ...) -> None: ...

class TransferPointsRequest(_message.Message):
    __slots__ = ("request_id", "to_subject", "amount", "memo", "grant")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TO_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    MEMO_FIELD_NUMBER: _ClassVar[int]
    GRANT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    to_subject: str
    amount: int
    memo: str
    grant: bool
    def __init__(self, request_id: _Optional[str] = ..., to_subject: _Optional[str] = ..., amount: _Optional[int] = ..., memo: _Optional[str] = ..., grant: _Optional[bool] = ...) -> None: ...

class ReverseTransferRequest(_message.Message):
    __slots__ = ("request_id", "transfer_id", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    transfer_id: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., transfer_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Volunteer(_message.Message):
    __slots__ = ("tenant_id", "subject", "display_name", "specialties", "availability", "team_ids", "leads_team_ids", "compound_id", "show_name", "active", "trainings", "version")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    SPECIALTIES_FIELD_NUMBER: _ClassVar[int]
    AVAILABILITY_FIELD_NUMBER: _ClassVar[int]
    TEAM_IDS_FIELD_NUMBER: _ClassVar[int]
    LEADS_TEAM_IDS_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    SHOW_NAME_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    TRAININGS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    subject: str
    display_name: str
    specialties: _containers.RepeatedScalarFieldContainer[str]
    availability: _containers.RepeatedScalarFieldContainer[Availability]
    team_ids: _containers.RepeatedScalarFieldContainer[str]
    leads_team_ids: _containers.RepeatedScalarFieldContainer[str]
    compound_id: str
    show_name: bool
    active: bool
    trainings: _containers.RepeatedScalarFieldContainer[str]
    version: int
    def __init__(self, tenant_id: _Optional[str] = ..., subject: _Optional[str] = ..., display_name: _Optional[str] = ..., specialties: _Optional[_Iterable[str]] = ..., availability: _Optional[_Iterable[_Union[Availability, str]]] = ..., team_ids: _Optional[_Iterable[str]] = ..., leads_team_ids: _Optional[_Iterable[str]] = ..., compound_id: _Optional[str] = ..., show_name: _Optional[bool] = ..., active: _Optional[bool] = ..., trainings: _Optional[_Iterable[str]] = ..., version: _Optional[int] = ...) -> None: ...

class RegisterVolunteerRequest(_message.Message):
    __slots__ = ("request_id", "subject", "display_name", "specialties", "availability", "team_ids", "leads_team_ids", "compound_id", "show_name", "active", "trainings")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    SPECIALTIES_FIELD_NUMBER: _ClassVar[int]
    AVAILABILITY_FIELD_NUMBER: _ClassVar[int]
    TEAM_IDS_FIELD_NUMBER: _ClassVar[int]
    LEADS_TEAM_IDS_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    SHOW_NAME_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    TRAININGS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    subject: str
    display_name: str
    specialties: _containers.RepeatedScalarFieldContainer[str]
    availability: _containers.RepeatedScalarFieldContainer[Availability]
    team_ids: _containers.RepeatedScalarFieldContainer[str]
    leads_team_ids: _containers.RepeatedScalarFieldContainer[str]
    compound_id: str
    show_name: bool
    active: bool
    trainings: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, request_id: _Optional[str] = ..., subject: _Optional[str] = ..., display_name: _Optional[str] = ..., specialties: _Optional[_Iterable[str]] = ..., availability: _Optional[_Iterable[_Union[Availability, str]]] = ..., team_ids: _Optional[_Iterable[str]] = ..., leads_team_ids: _Optional[_Iterable[str]] = ..., compound_id: _Optional[str] = ..., show_name: _Optional[bool] = ..., active: _Optional[bool] = ..., trainings: _Optional[_Iterable[str]] = ...) -> None: ...

class GetVolunteerRequest(_message.Message):
    __slots__ = ("subject",)
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    subject: str
    def __init__(self, subject: _Optional[str] = ...) -> None: ...

class SearchVolunteersRequest(_message.Message):
    __slots__ = ("specialty", "availability", "team_id", "compound_id", "page")
    SPECIALTY_FIELD_NUMBER: _ClassVar[int]
    AVAILABILITY_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    specialty: str
    availability: Availability
    team_id: str
    compound_id: str
    page: _common_pb2.PageRequest
    def __init__(self, specialty: _Optional[str] = ..., availability: _Optional[_Union[Availability, str]] = ..., team_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class SearchVolunteersResponse(_message.Message):
    __slots__ = ("volunteers", "page")
    VOLUNTEERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    volunteers: _containers.RepeatedCompositeFieldContainer[Volunteer]
    page: _common_pb2.PageResponse
    def __init__(self, volunteers: _Optional[_Iterable[_Union[Volunteer, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class Activity(_message.Message):
    __slots__ = ("id", "tenant_id", "subject", "kind", "kind_name", "compound_id", "team_id", "status", "started_at", "ended_at", "minutes", "confirmed_by", "note", "corrects", "corrected_by", "recorded_by", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    CORRECTS_FIELD_NUMBER: _ClassVar[int]
    CORRECTED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    subject: str
    kind: str
    kind_name: str
    compound_id: str
    team_id: str
    status: ActivityStatus
    started_at: _timestamp_pb2.Timestamp
    ended_at: _timestamp_pb2.Timestamp
    minutes: int
    confirmed_by: str
    note: str
    corrects: str
    corrected_by: str
    recorded_by: str
    version: int
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., subject: _Optional[str] = ..., kind: _Optional[str] = ..., kind_name: _Optional[str] = ..., compound_id: _Optional[str] = ..., team_id: _Optional[str] = ..., status: _Optional[_Union[ActivityStatus, str]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ended_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., minutes: _Optional[int] = ..., confirmed_by: _Optional[str] = ..., note: _Optional[str] = ..., corrects: _Optional[str] = ..., corrected_by: _Optional[str] = ..., recorded_by: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class CheckInRequest(_message.Message):
    __slots__ = ("request_id", "kind", "compound_id", "team_id", "subject", "note", "at")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    kind: str
    compound_id: str
    team_id: str
    subject: str
    note: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., kind: _Optional[str] = ..., compound_id: _Optional[str] = ..., team_id: _Optional[str] = ..., subject: _Optional[str] = ..., note: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CheckOutRequest(_message.Message):
    __slots__ = ("request_id", "activity_id", "note", "at")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    activity_id: str
    note: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., activity_id: _Optional[str] = ..., note: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ConfirmActivityRequest(_message.Message):
    __slots__ = ("request_id", "activity_id", "approved", "note")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    activity_id: str
    approved: bool
    note: str
    def __init__(self, request_id: _Optional[str] = ..., activity_id: _Optional[str] = ..., approved: _Optional[bool] = ..., note: _Optional[str] = ...) -> None: ...

class CorrectActivityRequest(_message.Message):
    __slots__ = ("request_id", "activity_id", "started_at", "ended_at", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    ENDED_AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    activity_id: str
    started_at: _timestamp_pb2.Timestamp
    ended_at: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., activity_id: _Optional[str] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ended_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class GetActivityRequest(_message.Message):
    __slots__ = ("activity_id",)
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    activity_id: str
    def __init__(self, activity_id: _Optional[str] = ...) -> None: ...

class ListActivitiesRequest(_message.Message):
    __slots__ = ("subject", "status", "team_id", "page")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    subject: str
    status: ActivityStatus
    team_id: str
    page: _common_pb2.PageRequest
    def __init__(self, subject: _Optional[str] = ..., status: _Optional[_Union[ActivityStatus, str]] = ..., team_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListActivitiesResponse(_message.Message):
    __slots__ = ("activities", "page")
    ACTIVITIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    activities: _containers.RepeatedCompositeFieldContainer[Activity]
    page: _common_pb2.PageResponse
    def __init__(self, activities: _Optional[_Iterable[_Union[Activity, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetHoursReportRequest(_message.Message):
    __slots__ = ("period", "group_by")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    period: str
    group_by: str
    def __init__(self, period: _Optional[str] = ..., group_by: _Optional[str] = ...) -> None: ...

class HoursRow(_message.Message):
    __slots__ = ("key", "name", "minutes", "activities", "hours")
    KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    ACTIVITIES_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    key: str
    name: str
    minutes: int
    activities: int
    hours: float
    def __init__(self, key: _Optional[str] = ..., name: _Optional[str] = ..., minutes: _Optional[int] = ..., activities: _Optional[int] = ..., hours: _Optional[float] = ...) -> None: ...

class HoursReport(_message.Message):
    __slots__ = ("period", "group_by", "rows", "total_minutes")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_MINUTES_FIELD_NUMBER: _ClassVar[int]
    period: str
    group_by: str
    rows: _containers.RepeatedCompositeFieldContainer[HoursRow]
    total_minutes: int
    def __init__(self, period: _Optional[str] = ..., group_by: _Optional[str] = ..., rows: _Optional[_Iterable[_Union[HoursRow, _Mapping]]] = ..., total_minutes: _Optional[int] = ...) -> None: ...

class GetPointsReportRequest(_message.Message):
    __slots__ = ("period",)
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    period: str
    def __init__(self, period: _Optional[str] = ...) -> None: ...

class PointsRow(_message.Message):
    __slots__ = ("community_id", "community_name", "issued", "redeemed", "outstanding")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_NAME_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FIELD_NUMBER: _ClassVar[int]
    REDEEMED_FIELD_NUMBER: _ClassVar[int]
    OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    community_name: str
    issued: int
    redeemed: int
    outstanding: int
    def __init__(self, community_id: _Optional[str] = ..., community_name: _Optional[str] = ..., issued: _Optional[int] = ..., redeemed: _Optional[int] = ..., outstanding: _Optional[int] = ...) -> None: ...

class PointsReport(_message.Message):
    __slots__ = ("period", "rows", "issued", "redeemed", "outstanding")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FIELD_NUMBER: _ClassVar[int]
    REDEEMED_FIELD_NUMBER: _ClassVar[int]
    OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    period: str
    rows: _containers.RepeatedCompositeFieldContainer[PointsRow]
    issued: int
    redeemed: int
    outstanding: int
    def __init__(self, period: _Optional[str] = ..., rows: _Optional[_Iterable[_Union[PointsRow, _Mapping]]] = ..., issued: _Optional[int] = ..., redeemed: _Optional[int] = ..., outstanding: _Optional[int] = ...) -> None: ...

class RunAwardRequest(_message.Message):
    __slots__ = ("request_id", "award", "period", "community_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    AWARD_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    award: str
    period: str
    community_id: str
    def __init__(self, request_id: _Optional[str] = ..., award: _Optional[str] = ..., period: _Optional[str] = ..., community_id: _Optional[str] = ...) -> None: ...

class GetAwardResultRequest(_message.Message):
    __slots__ = ("award", "period", "community_id")
    AWARD_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    award: str
    period: str
    community_id: str
    def __init__(self, award: _Optional[str] = ..., period: _Optional[str] = ..., community_id: _Optional[str] = ...) -> None: ...

class AwardWinner(_message.Message):
    __slots__ = ("rank", "subject", "display_name", "minutes", "average_rating", "rated_tickets", "points", "transfer_id")
    RANK_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_RATING_FIELD_NUMBER: _ClassVar[int]
    RATED_TICKETS_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    rank: int
    subject: str
    display_name: str
    minutes: int
    average_rating: float
    rated_tickets: int
    points: int
    transfer_id: str
    def __init__(self, rank: _Optional[int] = ..., subject: _Optional[str] = ..., display_name: _Optional[str] = ..., minutes: _Optional[int] = ..., average_rating: _Optional[float] = ..., rated_tickets: _Optional[int] = ..., points: _Optional[int] = ..., transfer_id: _Optional[str] = ...) -> None: ...

class AwardResult(_message.Message):
    __slots__ = ("award", "award_name", "period", "community_id", "snapshot_at", "rule_version", "winners", "excluded")
    AWARD_FIELD_NUMBER: _ClassVar[int]
    AWARD_NAME_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOT_AT_FIELD_NUMBER: _ClassVar[int]
    RULE_VERSION_FIELD_NUMBER: _ClassVar[int]
    WINNERS_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_FIELD_NUMBER: _ClassVar[int]
    award: str
    award_name: str
    period: str
    community_id: str
    snapshot_at: _timestamp_pb2.Timestamp
    rule_version: int
    winners: _containers.RepeatedCompositeFieldContainer[AwardWinner]
    excluded: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, award: _Optional[str] = ..., award_name: _Optional[str] = ..., period: _Optional[str] = ..., community_id: _Optional[str] = ..., snapshot_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., rule_version: _Optional[int] = ..., winners: _Optional[_Iterable[_Union[AwardWinner, _Mapping]]] = ..., excluded: _Optional[_Iterable[str]] = ...) -> None: ...

class GetLeaderboardRequest(_message.Message):
    __slots__ = ("community_id", "period", "by", "top")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    BY_FIELD_NUMBER: _ClassVar[int]
    TOP_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    period: str
    by: str
    top: int
    def __init__(self, community_id: _Optional[str] = ..., period: _Optional[str] = ..., by: _Optional[str] = ..., top: _Optional[int] = ...) -> None: ...

class LeaderboardEntry(_message.Message):
    __slots__ = ("rank", "display_name", "minutes", "points", "subject")
    RANK_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    rank: int
    display_name: str
    minutes: int
    points: int
    subject: str
    def __init__(self, rank: _Optional[int] = ..., display_name: _Optional[str] = ..., minutes: _Optional[int] = ..., points: _Optional[int] = ..., subject: _Optional[str] = ...) -> None: ...

class Leaderboard(_message.Message):
    __slots__ = ("community_id", "period", "by", "entries")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    BY_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    period: str
    by: str
    entries: _containers.RepeatedCompositeFieldContainer[LeaderboardEntry]
    def __init__(self, community_id: _Optional[str] = ..., period: _Optional[str] = ..., by: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[LeaderboardEntry, _Mapping]]] = ...) -> None: ...
