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

class ItemKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ITEM_KIND_UNSPECIFIED: _ClassVar[ItemKind]
    ITEM_KIND_GOODS: _ClassVar[ItemKind]
    ITEM_KIND_SERVICE_COUPON: _ClassVar[ItemKind]
    ITEM_KIND_VOUCHER: _ClassVar[ItemKind]
    ITEM_KIND_REPAIR_SERVICE: _ClassVar[ItemKind]

class LimitPeriod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LIMIT_PERIOD_UNSPECIFIED: _ClassVar[LimitPeriod]
    LIMIT_PERIOD_DAY: _ClassVar[LimitPeriod]
    LIMIT_PERIOD_WEEK: _ClassVar[LimitPeriod]
    LIMIT_PERIOD_MONTH: _ClassVar[LimitPeriod]
    LIMIT_PERIOD_YEAR: _ClassVar[LimitPeriod]

class OrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_STATUS_UNSPECIFIED: _ClassVar[OrderStatus]
    ORDER_STATUS_RESERVING: _ClassVar[OrderStatus]
    ORDER_STATUS_RESERVED: _ClassVar[OrderStatus]
    ORDER_STATUS_FULFILLED: _ClassVar[OrderStatus]
    ORDER_STATUS_CANCELLED: _ClassVar[OrderStatus]
    ORDER_STATUS_EXPIRED: _ClassVar[OrderStatus]
    ORDER_STATUS_FAILED: _ClassVar[OrderStatus]

class ToolStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TOOL_STATUS_UNSPECIFIED: _ClassVar[ToolStatus]
    TOOL_STATUS_OFFERED: _ClassVar[ToolStatus]
    TOOL_STATUS_AVAILABLE: _ClassVar[ToolStatus]
    TOOL_STATUS_RESERVED: _ClassVar[ToolStatus]
    TOOL_STATUS_LENT: _ClassVar[ToolStatus]
ITEM_KIND_UNSPECIFIED: ItemKind
ITEM_KIND_GOODS: ItemKind
ITEM_KIND_SERVICE_COUPON: ItemKind
ITEM_KIND_VOUCHER: ItemKind
ITEM_KIND_REPAIR_SERVICE: ItemKind
LIMIT_PERIOD_UNSPECIFIED: LimitPeriod
LIMIT_PERIOD_DAY: LimitPeriod
LIMIT_PERIOD_WEEK: LimitPeriod
LIMIT_PERIOD_MONTH: LimitPeriod
LIMIT_PERIOD_YEAR: LimitPeriod
ORDER_STATUS_UNSPECIFIED: OrderStatus
ORDER_STATUS_RESERVING: OrderStatus
ORDER_STATUS_RESERVED: OrderStatus
ORDER_STATUS_FULFILLED: OrderStatus
ORDER_STATUS_CANCELLED: OrderStatus
ORDER_STATUS_EXPIRED: OrderStatus
ORDER_STATUS_FAILED: OrderStatus
TOOL_STATUS_UNSPECIFIED: ToolStatus
TOOL_STATUS_OFFERED: ToolStatus
TOOL_STATUS_AVAILABLE: ToolStatus
TOOL_STATUS_RESERVED: ToolStatus
TOOL_STATUS_LENT: ToolStatus

class ItemSpec(_message.Message):
    __slots__ = ("name", "description", "kind", "cost", "org_id", "per_person_limit", "limit_period", "available_from", "available_until", "valid_days")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PER_PERSON_LIMIT_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PERIOD_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FROM_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_UNTIL_FIELD_NUMBER: _ClassVar[int]
    VALID_DAYS_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    kind: ItemKind
    cost: int
    org_id: str
    per_person_limit: int
    limit_period: LimitPeriod
    available_from: _timestamp_pb2.Timestamp
    available_until: _timestamp_pb2.Timestamp
    valid_days: int
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., kind: _Optional[_Union[ItemKind, str]] = ..., cost: _Optional[int] = ..., org_id: _Optional[str] = ..., per_person_limit: _Optional[int] = ..., limit_period: _Optional[_Union[LimitPeriod, str]] = ..., available_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., available_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., valid_days: _Optional[int] = ...) -> None: ...

class CatalogItem(_message.Message):
    __slots__ = ("item_id", "spec", "stock", "held", "active", "version")
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    STOCK_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    item_id: str
    spec: ItemSpec
    stock: int
    held: int
    active: bool
    version: int
    def __init__(self, item_id: _Optional[str] = ..., spec: _Optional[_Union[ItemSpec, _Mapping]] = ..., stock: _Optional[int] = ..., held: _Optional[int] = ..., active: _Optional[bool] = ..., version: _Optional[int] = ...) -> None: ...

class CreateItemRequest(_message.Message):
    __slots__ = ("request_id", "item_id", "spec", "stock")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    STOCK_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    item_id: str
    spec: ItemSpec
    stock: int
    def __init__(self, request_id: _Optional[str] = ..., item_id: _Optional[str] = ..., spec: _Optional[_Union[ItemSpec, _Mapping]] = ..., stock: _Optional[int] = ...) -> None: ...

class UpdateItemRequest(_message.Message):
    __slots__ = ("request_id", "item_id", "spec", "active")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    item_id: str
    spec: ItemSpec
    active: bool
    def __init__(self, request_id: _Optional[str] = ..., item_id: _Optional[str] = ..., spec: _Optional[_Union[ItemSpec, _Mapping]] = ..., active: _Optional[bool] = ...) -> None: ...

class RestockItemRequest(_message.Message):
    __slots__ = ("request_id", "item_id", "delta")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    item_id: str
    delta: int
    def __init__(self, request_id: _Optional[str] = ..., item_id: _Optional[str] = ..., delta: _Optional[int] = ...) -> None: ...

class GetItemRequest(_message.Message):
    __slots__ = ("item_id",)
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    item_id: str
    def __init__(self, item_id: _Optional[str] = ...) -> None: ...

class ListItemsRequest(_message.Message):
    __slots__ = ("kind", "include_inactive", "page")
    KIND_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INACTIVE_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    kind: ItemKind
    include_inactive: bool
    page: _common_pb2.PageRequest
    def __init__(self, kind: _Optional[_Union[ItemKind, str]] = ..., include_inactive: _Optional[bool] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListItemsResponse(_message.Message):
    __slots__ = ("items", "page")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[CatalogItem]
    page: _common_pb2.PageResponse
    def __init__(self, items: _Optional[_Iterable[_Union[CatalogItem, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class Order(_message.Message):
    __slots__ = ("order_id", "item_id", "item_name", "kind", "subject", "quantity", "points", "status", "code", "org_id", "placed_at", "expires_at", "closed_at", "reason", "transfer_id")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PLACED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSED_AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    item_id: str
    item_name: str
    kind: ItemKind
    subject: str
    quantity: int
    points: int
    status: OrderStatus
    code: str
    org_id: str
    placed_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    closed_at: _timestamp_pb2.Timestamp
    reason: str
    transfer_id: str
    def __init__(self, order_id: _Optional[str] = ..., item_id: _Optional[str] = ..., item_name: _Optional[str] = ..., kind: _Optional[_Union[ItemKind, str]] = ..., subject: _Optional[str] = ..., quantity: _Optional[int] = ..., points: _Optional[int] = ..., status: _Optional[_Union[OrderStatus, str]] = ..., code: _Optional[str] = ..., org_id: _Optional[str] = ..., placed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., closed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ..., transfer_id: _Optional[str] = ...) -> None: ...

class PlaceOrderRequest(_message.Message):
    __slots__ = ("request_id", "item_id", "quantity", "subject")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    item_id: str
    quantity: int
    subject: str
    def __init__(self, request_id: _Optional[str] = ..., item_id: _Optional[str] = ..., quantity: _Optional[int] = ..., subject: _Optional[str] = ...) -> None: ...

class GetOrderRequest(_message.Message):
    __slots__ = ("order_id",)
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    def __init__(self, order_id: _Optional[str] = ...) -> None: ...

class ListOrdersRequest(_message.Message):
    __slots__ = ("subject", "status", "page")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    subject: str
    status: OrderStatus
    page: _common_pb2.PageRequest
    def __init__(self, subject: _Optional[str] = ..., status: _Optional[_Union[OrderStatus, str]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListOrdersResponse(_message.Message):
    __slots__ = ("orders", "page")
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    orders: _containers.RepeatedCompositeFieldContainer[Order]
    page: _common_pb2.PageResponse
    def __init__(self, orders: _Optional[_Iterable[_Union[Order, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class FulfilOrderRequest(_message.Message):
    __slots__ = ("request_id", "order_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    order_id: str
    def __init__(self, request_id: _Optional[str] = ..., order_id: _Optional[str] = ...) -> None: ...

class CancelOrderRequest(_message.Message):
    __slots__ = ("request_id", "order_id", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    order_id: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., order_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class VerifyCouponRequest(_message.Message):
    __slots__ = ("code",)
    CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    def __init__(self, code: _Optional[str] = ...) -> None: ...

class UseCouponRequest(_message.Message):
    __slots__ = ("request_id", "code")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    code: str
    def __init__(self, request_id: _Optional[str] = ..., code: _Optional[str] = ...) -> None: ...

class ListCouponsRequest(_message.Message):
    __slots__ = ("status", "page")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    status: OrderStatus
    page: _common_pb2.PageRequest
    def __init__(self, status: _Optional[_Union[OrderStatus, str]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class Tool(_message.Message):
    __slots__ = ("tool_id", "name", "description", "owner", "keeper", "status", "borrower", "deposit", "loan_days", "due_at", "overdue", "compound_id", "loans")
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    KEEPER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    BORROWER_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    LOAN_DAYS_FIELD_NUMBER: _ClassVar[int]
    DUE_AT_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    LOANS_FIELD_NUMBER: _ClassVar[int]
    tool_id: str
    name: str
    description: str
    owner: str
    keeper: str
    status: ToolStatus
    borrower: str
    deposit: int
    loan_days: int
    due_at: _timestamp_pb2.Timestamp
    overdue: bool
    compound_id: str
    loans: int
    def __init__(self, tool_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., owner: _Optional[str] = ..., keeper: _Optional[str] = ..., status: _Optional[_Union[ToolStatus, str]] = ..., borrower: _Optional[str] = ..., deposit: _Optional[int] = ..., loan_days: _Optional[int] = ..., due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., overdue: _Optional[bool] = ..., compound_id: _Optional[str] = ..., loans: _Optional[int] = ...) -> None: ...

class OfferToolRequest(_message.Message):
    __slots__ = ("request_id", "name", "description", "compound_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    name: str
    description: str
    compound_id: str
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., compound_id: _Optional[str] = ...) -> None: ...

class AcceptToolRequest(_message.Message):
    __slots__ = ("request_id", "tool_id", "deposit", "loan_days")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_FIELD_NUMBER: _ClassVar[int]
    LOAN_DAYS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    tool_id: str
    deposit: int
    loan_days: int
    def __init__(self, request_id: _Optional[str] = ..., tool_id: _Optional[str] = ..., deposit: _Optional[int] = ..., loan_days: _Optional[int] = ...) -> None: ...

class ReserveToolRequest(_message.Message):
    __slots__ = ("request_id", "tool_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    tool_id: str
    def __init__(self, request_id: _Optional[str] = ..., tool_id: _Optional[str] = ...) -> None: ...

class CancelReservationRequest(_message.Message):
    __slots__ = ("request_id", "tool_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    tool_id: str
    def __init__(self, request_id: _Optional[str] = ..., tool_id: _Optional[str] = ...) -> None: ...

class LendToolRequest(_message.Message):
    __slots__ = ("request_id", "tool_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    tool_id: str
    def __init__(self, request_id: _Optional[str] = ..., tool_id: _Optional[str] = ...) -> None: ...

class ReturnToolRequest(_message.Message):
    __slots__ = ("request_id", "tool_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    tool_id: str
    def __init__(self, request_id: _Optional[str] = ..., tool_id: _Optional[str] = ...) -> None: ...

class GetToolRequest(_message.Message):
    __slots__ = ("tool_id",)
    TOOL_ID_FIELD_NUMBER: _ClassVar[int]
    tool_id: str
    def __init__(self, tool_id: _Optional[str] = ...) -> None: ...

class ListToolsRequest(_message.Message):
    __slots__ = ("status", "compound_id", "page")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    status: ToolStatus
    compound_id: str
    page: _common_pb2.PageRequest
    def __init__(self, status: _Optional[_Union[ToolStatus, str]] = ..., compound_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListToolsResponse(_message.Message):
    __slots__ = ("tools", "page")
    TOOLS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tools: _containers.RepeatedCompositeFieldContainer[Tool]
    page: _common_pb2.PageResponse
    def __init__(self, tools: _Optional[_Iterable[_Union[Tool, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...
