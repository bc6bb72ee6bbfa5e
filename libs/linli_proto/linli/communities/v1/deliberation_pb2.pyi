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

class ProposalStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROPOSAL_STATUS_UNSPECIFIED: _ClassVar[ProposalStatus]
    PROPOSAL_STATUS_OPEN: _ClassVar[ProposalStatus]
    PROPOSAL_STATUS_VOTING: _ClassVar[ProposalStatus]
    PROPOSAL_STATUS_APPROVED: _ClassVar[ProposalStatus]
    PROPOSAL_STATUS_REJECTED: _ClassVar[ProposalStatus]
    PROPOSAL_STATUS_WITHDRAWN: _ClassVar[ProposalStatus]

class Choice(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHOICE_UNSPECIFIED: _ClassVar[Choice]
    CHOICE_FOR: _ClassVar[Choice]
    CHOICE_AGAINST: _ClassVar[Choice]
    CHOICE_ABSTAIN: _ClassVar[Choice]
PROPOSAL_STATUS_UNSPECIFIED: ProposalStatus
PROPOSAL_STATUS_OPEN: ProposalStatus
PROPOSAL_STATUS_VOTING: ProposalStatus
PROPOSAL_STATUS_APPROVED: ProposalStatus
PROPOSAL_STATUS_REJECTED: ProposalStatus
PROPOSAL_STATUS_WITHDRAWN: ProposalStatus
CHOICE_UNSPECIFIED: Choice
CHOICE_FOR: Choice
CHOICE_AGAINST: Choice
CHOICE_ABSTAIN: Choice

class Tally(_message.Message):
    __slots__ = ("eligible_households", "eligible_area_centi_m2", "participating_households", "participating_area_centi_m2", "for_households", "for_area_centi_m2", "against_households", "against_area_centi_m2", "quorum_reached")
    ELIGIBLE_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    ELIGIBLE_AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    PARTICIPATING_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    PARTICIPATING_AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    FOR_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    FOR_AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    AGAINST_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    AGAINST_AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    QUORUM_REACHED_FIELD_NUMBER: _ClassVar[int]
    eligible_households: int
    eligible_area_centi_m2: int
    participating_households: int
    participating_area_centi_m2: int
    for_households: int
    for_area_centi_m2: int
    against_households: int
    against_area_centi_m2: int
    quorum_reached: bool
    def __init__(self, eligible_households: _Optional[int] = ..., eligible_area_centi_m2: _Optional[int] = ..., participating_households: _Optional[int] = ..., participating_area_centi_m2: _Optional[int] = ..., for_households: _Optional[int] = ..., for_area_centi_m2: _Optional[int] = ..., against_households: _Optional[int] = ..., against_area_centi_m2: _Optional[int] = ..., quorum_reached: _Optional[bool] = ...) -> None: ...

class Proposal(_message.Message):
    __slots__ = ("id", "tenant_id", "compound_id", "community_id", "title", "description", "category", "amount_fen", "tier", "tier_name", "meeting_name", "special_matter", "status", "vote_rule", "created_by", "created_at", "closes_at", "decided_at", "summary", "tally", "decided_in_meeting", "building_ids", "building_names")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    TIER_NAME_FIELD_NUMBER: _ClassVar[int]
    MEETING_NAME_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_MATTER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VOTE_RULE_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSES_AT_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    TALLY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_IN_MEETING_FIELD_NUMBER: _ClassVar[int]
    BUILDING_IDS_FIELD_NUMBER: _ClassVar[int]
    BUILDING_NAMES_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    compound_id: str
    community_id: str
    title: str
    description: str
    category: str
    amount_fen: int
    tier: str
    tier_name: str
    meeting_name: str
    special_matter: bool
    status: ProposalStatus
    vote_rule: str
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    closes_at: _timestamp_pb2.Timestamp
    decided_at: _timestamp_pb2.Timestamp
    summary: str
    tally: Tally
    decided_in_meeting: str
    building_ids: _containers.RepeatedScalarFieldContainer[str]
    building_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., community_id: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., category: _Optional[str] = ..., amount_fen: _Optional[int] = ..., tier: _Optional[str] = ..., tier_name: _Optional[str] = ..., meeting_name: _Optional[str] = ..., special_matter: _Optional[bool] = ..., status: _Optional[_Union[ProposalStatus, str]] = ..., vote_rule: _Optional[str] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., closes_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., summary: _Optional[str] = ..., tally: _Optional[_Union[Tally, _Mapping]] = ..., decided_in_meeting: _Optional[str] = ..., building_ids: _Optional[_Iterable[str]] = ..., building_names: _Optional[_Iterable[str]] = ...) -> None: ...

class CreateProposalRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "title", "description", "category", "amount_fen", "building_ids")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    BUILDING_IDS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    title: str
    description: str
    category: str
    amount_fen: int
    building_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., category: _Optional[str] = ..., amount_fen: _Optional[int] = ..., building_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class GetProposalRequest(_message.Message):
    __slots__ = ("proposal_id",)
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    proposal_id: str
    def __init__(self, proposal_id: _Optional[str] = ...) -> None: ...

class ListProposalsRequest(_message.Message):
    __slots__ = ("page", "compound_id", "status")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    compound_id: str
    status: ProposalStatus
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., compound_id: _Optional[str] = ..., status: _Optional[_Union[ProposalStatus, str]] = ...) -> None: ...

class ListProposalsResponse(_message.Message):
    __slots__ = ("proposals", "page")
    PROPOSALS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    proposals: _containers.RepeatedCompositeFieldContainer[Proposal]
    page: _common_pb2.PageResponse
    def __init__(self, proposals: _Optional[_Iterable[_Union[Proposal, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class OpenVoteRequest(_message.Message):
    __slots__ = ("request_id", "proposal_id", "closes_at")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    CLOSES_AT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    proposal_id: str
    closes_at: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., proposal_id: _Optional[str] = ..., closes_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Ballot(_message.Message):
    __slots__ = ("proposal_id", "household_id", "choice", "cast_by", "cast_at", "revision")
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    CAST_BY_FIELD_NUMBER: _ClassVar[int]
    CAST_AT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    proposal_id: str
    household_id: str
    choice: Choice
    cast_by: str
    cast_at: _timestamp_pb2.Timestamp
    revision: int
    def __init__(self, proposal_id: _Optional[str] = ..., household_id: _Optional[str] = ..., choice: _Optional[_Union[Choice, str]] = ..., cast_by: _Optional[str] = ..., cast_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revision: _Optional[int] = ...) -> None: ...

class CastBallotRequest(_message.Message):
    __slots__ = ("request_id", "proposal_id", "household_id", "choice")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    proposal_id: str
    household_id: str
    choice: Choice
    def __init__(self, request_id: _Optional[str] = ..., proposal_id: _Optional[str] = ..., household_id: _Optional[str] = ..., choice: _Optional[_Union[Choice, str]] = ...) -> None: ...

class ListBallotsRequest(_message.Message):
    __slots__ = ("proposal_id", "page", "choice")
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    proposal_id: str
    page: _common_pb2.PageRequest
    choice: Choice
    def __init__(self, proposal_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., choice: _Optional[_Union[Choice, str]] = ...) -> None: ...

class BallotEntry(_message.Message):
    __slots__ = ("household_id", "building_id", "label", "choice", "area_centi_m2", "cast_at", "revision", "cast_by")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    CAST_AT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CAST_BY_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    building_id: str
    label: str
    choice: Choice
    area_centi_m2: int
    cast_at: _timestamp_pb2.Timestamp
    revision: int
    cast_by: str
    def __init__(self, household_id: _Optional[str] = ..., building_id: _Optional[str] = ..., label: _Optional[str] = ..., choice: _Optional[_Union[Choice, str]] = ..., area_centi_m2: _Optional[int] = ..., cast_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revision: _Optional[int] = ..., cast_by: _Optional[str] = ...) -> None: ...

class ListBallotsResponse(_message.Message):
    __slots__ = ("ballots", "page")
    BALLOTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    ballots: _containers.RepeatedCompositeFieldContainer[BallotEntry]
    page: _common_pb2.PageResponse
    def __init__(self, ballots: _Optional[_Iterable[_Union[BallotEntry, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class CloseVoteRequest(_message.Message):
    __slots__ = ("request_id", "proposal_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    proposal_id: str
    def __init__(self, request_id: _Optional[str] = ..., proposal_id: _Optional[str] = ...) -> None: ...

class WithdrawProposalRequest(_message.Message):
    __slots__ = ("request_id", "proposal_id", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    proposal_id: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., proposal_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Attendee(_message.Message):
    __slots__ = ("subject", "name", "party")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    subject: str
    name: str
    party: str
    def __init__(self, subject: _Optional[str] = ..., name: _Optional[str] = ..., party: _Optional[str] = ...) -> None: ...

class MeetingDecision(_message.Message):
    __slots__ = ("proposal_id", "approved", "note")
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    proposal_id: str
    approved: bool
    note: str
    def __init__(self, proposal_id: _Optional[str] = ..., approved: _Optional[bool] = ..., note: _Optional[str] = ...) -> None: ...

class Meeting(_message.Message):
    __slots__ = ("id", "tenant_id", "compound_id", "tier", "title", "scheduled_at", "agenda", "proposal_ids", "attendance", "minutes", "decisions", "status", "created_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_AT_FIELD_NUMBER: _ClassVar[int]
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_IDS_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    compound_id: str
    tier: str
    title: str
    scheduled_at: _timestamp_pb2.Timestamp
    agenda: _containers.RepeatedScalarFieldContainer[str]
    proposal_ids: _containers.RepeatedScalarFieldContainer[str]
    attendance: _containers.RepeatedCompositeFieldContainer[Attendee]
    minutes: str
    decisions: _containers.RepeatedCompositeFieldContainer[MeetingDecision]
    status: str
    created_by: str
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., tier: _Optional[str] = ..., title: _Optional[str] = ..., scheduled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., agenda: _Optional[_Iterable[str]] = ..., proposal_ids: _Optional[_Iterable[str]] = ..., attendance: _Optional[_Iterable[_Union[Attendee, _Mapping]]] = ..., minutes: _Optional[str] = ..., decisions: _Optional[_Iterable[_Union[MeetingDecision, _Mapping]]] = ..., status: _Optional[str] = ..., created_by: _Optional[str] = ...) -> None: ...

class ScheduleMeetingRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "tier", "title", "scheduled_at", "agenda", "proposal_ids")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_AT_FIELD_NUMBER: _ClassVar[int]
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_IDS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    tier: str
    title: str
    scheduled_at: _timestamp_pb2.Timestamp
    agenda: _containers.RepeatedScalarFieldContainer[str]
    proposal_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., tier: _Optional[str] = ..., title: _Optional[str] = ..., scheduled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., agenda: _Optional[_Iterable[str]] = ..., proposal_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class RecordAttendanceRequest(_message.Message):
    __slots__ = ("request_id", "meeting_id", "attendees")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    ATTENDEES_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    meeting_id: str
    attendees: _containers.RepeatedCompositeFieldContainer[Attendee]
    def __init__(self, request_id: _Optional[str] = ..., meeting_id: _Optional[str] = ..., attendees: _Optional[_Iterable[_Union[Attendee, _Mapping]]] = ...) -> None: ...

class RecordMinutesRequest(_message.Message):
    __slots__ = ("request_id", "meeting_id", "minutes", "decisions")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    meeting_id: str
    minutes: str
    decisions: _containers.RepeatedCompositeFieldContainer[MeetingDecision]
    def __init__(self, request_id: _Optional[str] = ..., meeting_id: _Optional[str] = ..., minutes: _Optional[str] = ..., decisions: _Optional[_Iterable[_Union[MeetingDecision, _Mapping]]] = ...) -> None: ...

class GetMeetingRequest(_message.Message):
    __slots__ = ("meeting_id",)
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    meeting_id: str
    def __init__(self, meeting_id: _Optional[str] = ...) -> None: ...

class ListMeetingsRequest(_message.Message):
    __slots__ = ("page", "compound_id")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    compound_id: str
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., compound_id: _Optional[str] = ...) -> None: ...

class ListMeetingsResponse(_message.Message):
    __slots__ = ("meetings", "page")
    MEETINGS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    meetings: _containers.RepeatedCompositeFieldContainer[Meeting]
    page: _common_pb2.PageResponse
    def __init__(self, meetings: _Optional[_Iterable[_Union[Meeting, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...
