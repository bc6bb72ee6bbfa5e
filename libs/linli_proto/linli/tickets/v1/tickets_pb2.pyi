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

class TicketStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_STATUS_UNSPECIFIED: _ClassVar[TicketStatus]
    TICKET_STATUS_REPORTED: _ClassVar[TicketStatus]
    TICKET_STATUS_DISPATCHED: _ClassVar[TicketStatus]
    TICKET_STATUS_ACCEPTED: _ClassVar[TicketStatus]
    TICKET_STATUS_IN_PROGRESS: _ClassVar[TicketStatus]
    TICKET_STATUS_DONE: _ClassVar[TicketStatus]
    TICKET_STATUS_VERIFIED: _ClassVar[TicketStatus]
    TICKET_STATUS_CONFIRMED: _ClassVar[TicketStatus]
    TICKET_STATUS_CLOSED: _ClassVar[TicketStatus]
    TICKET_STATUS_REJECTED: _ClassVar[TicketStatus]
    TICKET_STATUS_CANCELLED: _ClassVar[TicketStatus]

class ProviderKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROVIDER_KIND_UNSPECIFIED: _ClassVar[ProviderKind]
    PROVIDER_KIND_PROPERTY_FIRM: _ClassVar[ProviderKind]
    PROVIDER_KIND_VOLUNTEER_TEAM: _ClassVar[ProviderKind]
    PROVIDER_KIND_OPEN: _ClassVar[ProviderKind]

class PriceModel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRICE_MODEL_UNSPECIFIED: _ClassVar[PriceModel]
    PRICE_MODEL_FREE: _ClassVar[PriceModel]
    PRICE_MODEL_FIXED: _ClassVar[PriceModel]
    PRICE_MODEL_MATERIALS_BY_RESIDENT: _ClassVar[PriceModel]
TICKET_STATUS_UNSPECIFIED: TicketStatus
TICKET_STATUS_REPORTED: TicketStatus
TICKET_STATUS_DISPATCHED: TicketStatus
TICKET_STATUS_ACCEPTED: TicketStatus
TICKET_STATUS_IN_PROGRESS: TicketStatus
TICKET_STATUS_DONE: TicketStatus
TICKET_STATUS_VERIFIED: TicketStatus
TICKET_STATUS_CONFIRMED: TicketStatus
TICKET_STATUS_CLOSED: TicketStatus
TICKET_STATUS_REJECTED: TicketStatus
TICKET_STATUS_CANCELLED: TicketStatus
PROVIDER_KIND_UNSPECIFIED: ProviderKind
PROVIDER_KIND_PROPERTY_FIRM: ProviderKind
PROVIDER_KIND_VOLUNTEER_TEAM: ProviderKind
PROVIDER_KIND_OPEN: ProviderKind
PRICE_MODEL_UNSPECIFIED: PriceModel
PRICE_MODEL_FREE: PriceModel
PRICE_MODEL_FIXED: PriceModel
PRICE_MODEL_MATERIALS_BY_RESIDENT: PriceModel

class TimelineEntry(_message.Message):
    __slots__ = ("at", "action", "actor", "actor_role", "from_status", "to_status", "note")
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLE_FIELD_NUMBER: _ClassVar[int]
    FROM_STATUS_FIELD_NUMBER: _ClassVar[int]
    TO_STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    action: str
    actor: str
    actor_role: str
    from_status: TicketStatus
    to_status: TicketStatus
    note: str
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., action: _Optional[str] = ..., actor: _Optional[str] = ..., actor_role: _Optional[str] = ..., from_status: _Optional[_Union[TicketStatus, str]] = ..., to_status: _Optional[_Union[TicketStatus, str]] = ..., note: _Optional[str] = ...) -> None: ...

class Ticket(_message.Message):
    __slots__ = ("id", "tenant_id", "compound_id", "category", "description", "status", "reporter", "created_at", "version", "building_id", "household_id", "photo_urls", "location", "provider_kind", "provider_id", "accept_by", "complete_by", "priority", "rating", "rating_comment", "timeline", "duplicate_of", "menu_item_id", "channel", "urge_count", "updated_at", "completion_photo_urls", "recorded_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REPORTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    PHOTO_URLS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_KIND_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPT_BY_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_BY_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    RATING_COMMENT_FIELD_NUMBER: _ClassVar[int]
    TIMELINE_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_OF_FIELD_NUMBER: _ClassVar[int]
    MENU_ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    URGE_COUNT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_PHOTO_URLS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    compound_id: str
    category: str
    description: str
    status: TicketStatus
    reporter: str
    created_at: _timestamp_pb2.Timestamp
    version: int
    building_id: str
    household_id: str
    photo_urls: _containers.RepeatedScalarFieldContainer[str]
    location: _common_pb2.GeoPoint
    provider_kind: ProviderKind
    provider_id: str
    accept_by: _timestamp_pb2.Timestamp
    complete_by: _timestamp_pb2.Timestamp
    priority: int
    rating: int
    rating_comment: str
    timeline: _containers.RepeatedCompositeFieldContainer[TimelineEntry]
    duplicate_of: str
    menu_item_id: str
    channel: str
    urge_count: int
    updated_at: _timestamp_pb2.Timestamp
    completion_photo_urls: _containers.RepeatedScalarFieldContainer[str]
    recorded_by: str
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., category: _Optional[str] = ..., description: _Optional[str] = ..., status: _Optional[_Union[TicketStatus, str]] = ..., reporter: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., photo_urls: _Optional[_Iterable[str]] = ..., location: _Optional[_Union[_common_pb2.GeoPoint, _Mapping]] = ..., provider_kind: _Optional[_Union[ProviderKind, str]] = ..., provider_id: _Optional[str] = ..., accept_by: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., complete_by: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., priority: _Optional[int] = ..., rating: _Optional[int] = ..., rating_comment: _Optional[str] = ..., timeline: _Optional[_Iterable[_Union[TimelineEntry, _Mapping]]] = ..., duplicate_of: _Optional[str] = ..., menu_item_id: _Optional[str] = ..., channel: _Optional[str] = ..., urge_count: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completion_photo_urls: _Optional[_Iterable[str]] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class CreateTicketRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "category", "description", "building_id", "household_id", "photo_urls", "location", "on_behalf_of", "menu_item_id", "channel")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    PHOTO_URLS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_FIELD_NUMBER: _ClassVar[int]
    MENU_ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    category: str
    description: str
    building_id: str
    household_id: str
    photo_urls: _containers.RepeatedScalarFieldContainer[str]
    location: _common_pb2.GeoPoint
    on_behalf_of: str
    menu_item_id: str
    channel: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., category: _Optional[str] = ..., description: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., photo_urls: _Optional[_Iterable[str]] = ..., location: _Optional[_Union[_common_pb2.GeoPoint, _Mapping]] = ..., on_behalf_of: _Optional[str] = ..., menu_item_id: _Optional[str] = ..., channel: _Optional[str] = ...) -> None: ...

class GetTicketRequest(_message.Message):
    __slots__ = ("ticket_id",)
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    ticket_id: str
    def __init__(self, ticket_id: _Optional[str] = ...) -> None: ...

class ListTicketsRequest(_message.Message):
    __slots__ = ("statuses", "compound_id", "provider_id", "category", "created_after", "created_before", "reporter", "page", "with_timeline", "skip_total")
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AFTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    REPORTER_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    WITH_TIMELINE_FIELD_NUMBER: _ClassVar[int]
    SKIP_TOTAL_FIELD_NUMBER: _ClassVar[int]
    statuses: _containers.RepeatedScalarFieldContainer[TicketStatus]
    compound_id: str
    provider_id: str
    category: str
    created_after: _timestamp_pb2.Timestamp
    created_before: _timestamp_pb2.Timestamp
    reporter: str
    page: _common_pb2.PageRequest
    with_timeline: bool
    skip_total: bool
    def __init__(self, statuses: _Optional[_Iterable[_Union[TicketStatus, str]]] = ..., compound_id: _Optional[str] = ..., provider_id: _Optional[str] = ..., category: _Optional[str] = ..., created_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reporter: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., with_timeline: _Optional[bool] = ..., skip_total: _Optional[bool] = ...) -> None: ...

class ListTicketsResponse(_message.Message):
    __slots__ = ("tickets", "page")
    TICKETS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tickets: _containers.RepeatedCompositeFieldContainer[Ticket]
    page: _common_pb2.PageResponse
    def __init__(self, tickets: _Optional[_Iterable[_Union[Ticket, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class LinkDuplicateRequest(_message.Message):
    __slots__ = ("request_id", "ticket_id", "duplicate_of")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_OF_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    ticket_id: str
    duplicate_of: str
    def __init__(self, request_id: _Optional[str] = ..., ticket_id: _Optional[str] = ..., duplicate_of: _Optional[str] = ...) -> None: ...

class DispatchTicketRequest(_message.Message):
    __slots__ = ("request_id", "ticket_id", "provider_kind", "provider_id", "note")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_KIND_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    ticket_id: str
    provider_kind: ProviderKind
    provider_id: str
    note: str
    def __init__(self, request_id: _Optional[str] = ..., ticket_id: _Optional[str] = ..., provider_kind: _Optional[_Union[ProviderKind, str]] = ..., provider_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class TicketActionRequest(_message.Message):
    __slots__ = ("request_id", "ticket_id", "note")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    ticket_id: str
    note: str
    def __init__(self, request_id: _Optional[str] = ..., ticket_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class CompleteTicketRequest(_message.Message):
    __slots__ = ("request_id", "ticket_id", "note", "photo_urls")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PHOTO_URLS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    ticket_id: str
    note: str
    photo_urls: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, request_id: _Optional[str] = ..., ticket_id: _Optional[str] = ..., note: _Optional[str] = ..., photo_urls: _Optional[_Iterable[str]] = ...) -> None: ...

class VerifyTicketRequest(_message.Message):
    __slots__ = ("request_id", "ticket_id", "approved", "note")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    ticket_id: str
    approved: bool
    note: str
    def __init__(self, request_id: _Optional[str] = ..., ticket_id: _Optional[str] = ..., approved: _Optional[bool] = ..., note: _Optional[str] = ...) -> None: ...

class ConfirmTicketRequest(_message.Message):
    __slots__ = ("request_id", "ticket_id", "rating", "comment")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    ticket_id: str
    rating: int
    comment: str
    def __init__(self, request_id: _Optional[str] = ..., ticket_id: _Optional[str] = ..., rating: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class RecordFollowUpRequest(_message.Message):
    __slots__ = ("request_id", "ticket_id", "satisfied", "note")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    ticket_id: str
    satisfied: bool
    note: str
    def __init__(self, request_id: _Optional[str] = ..., ticket_id: _Optional[str] = ..., satisfied: _Optional[bool] = ..., note: _Optional[str] = ...) -> None: ...

class MenuItem(_message.Message):
    __slots__ = ("id", "tenant_id", "compound_id", "name", "description", "category", "price_model", "price_fen", "provider_kind", "complete_within_hours", "active")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PRICE_MODEL_FIELD_NUMBER: _ClassVar[int]
    PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_KIND_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_WITHIN_HOURS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    compound_id: str
    name: str
    description: str
    category: str
    price_model: PriceModel
    price_fen: int
    provider_kind: ProviderKind
    complete_within_hours: int
    active: bool
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., category: _Optional[str] = ..., price_model: _Optional[_Union[PriceModel, str]] = ..., price_fen: _Optional[int] = ..., provider_kind: _Optional[_Union[ProviderKind, str]] = ..., complete_within_hours: _Optional[int] = ..., active: _Optional[bool] = ...) -> None: ...

class UpsertMenuItemRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "item_id", "name", "description", "category", "price_model", "price_fen", "provider_kind", "complete_within_hours", "active")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PRICE_MODEL_FIELD_NUMBER: _ClassVar[int]
    PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_KIND_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_WITHIN_HOURS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    item_id: str
    name: str
    description: str
    category: str
    price_model: PriceModel
    price_fen: int
    provider_kind: ProviderKind
    complete_within_hours: int
    active: bool
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., item_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., category: _Optional[str] = ..., price_model: _Optional[_Union[PriceModel, str]] = ..., price_fen: _Optional[int] = ..., provider_kind: _Optional[_Union[ProviderKind, str]] = ..., complete_within_hours: _Optional[int] = ..., active: _Optional[bool] = ...) -> None: ...

class ListMenuRequest(_message.Message):
    __slots__ = ("compound_id", "include_inactive", "page")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INACTIVE_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    include_inactive: bool
    page: _common_pb2.PageRequest
    def __init__(self, compound_id: _Optional[str] = ..., include_inactive: _Optional[bool] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListMenuResponse(_message.Message):
    __slots__ = ("items", "page")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[MenuItem]
    page: _common_pb2.PageResponse
    def __init__(self, items: _Optional[_Iterable[_Union[MenuItem, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetBoardRequest(_message.Message):
    __slots__ = ("compound_id", "since", "until")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    since: _timestamp_pb2.Timestamp
    until: _timestamp_pb2.Timestamp
    def __init__(self, compound_id: _Optional[str] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class BoardPeriod(_message.Message):
    __slots__ = ("month", "reported", "resolved", "complaints", "praise")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    REPORTED_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_FIELD_NUMBER: _ClassVar[int]
    COMPLAINTS_FIELD_NUMBER: _ClassVar[int]
    PRAISE_FIELD_NUMBER: _ClassVar[int]
    month: str
    reported: int
    resolved: int
    complaints: int
    praise: int
    def __init__(self, month: _Optional[str] = ..., reported: _Optional[int] = ..., resolved: _Optional[int] = ..., complaints: _Optional[int] = ..., praise: _Optional[int] = ...) -> None: ...

class Board(_message.Message):
    __slots__ = ("compound_id", "open", "resolved", "mean_minutes_to_accept", "mean_hours_to_finish", "satisfaction", "rated", "periods", "satisfied_share")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_FIELD_NUMBER: _ClassVar[int]
    MEAN_MINUTES_TO_ACCEPT_FIELD_NUMBER: _ClassVar[int]
    MEAN_HOURS_TO_FINISH_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    RATED_FIELD_NUMBER: _ClassVar[int]
    PERIODS_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_SHARE_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    open: int
    resolved: int
    mean_minutes_to_accept: float
    mean_hours_to_finish: float
    satisfaction: float
    rated: int
    periods: _containers.RepeatedCompositeFieldContainer[BoardPeriod]
    satisfied_share: float
    def __init__(self, compound_id: _Optional[str] = ..., open: _Optional[int] = ..., resolved: _Optional[int] = ..., mean_minutes_to_accept: _Optional[float] = ..., mean_hours_to_finish: _Optional[float] = ..., satisfaction: _Optional[float] = ..., rated: _Optional[int] = ..., periods: _Optional[_Iterable[_Union[BoardPeriod, _Mapping]]] = ..., satisfied_share: _Optional[float] = ...) -> None: ...
