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

class Tenure(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TENURE_UNSPECIFIED: _ClassVar[Tenure]
    TENURE_OWNER: _ClassVar[Tenure]
    TENURE_RENTER: _ClassVar[Tenure]

class RowOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROW_OUTCOME_UNSPECIFIED: _ClassVar[RowOutcome]
    ROW_OUTCOME_CREATED: _ClassVar[RowOutcome]
    ROW_OUTCOME_UPDATED: _ClassVar[RowOutcome]
    ROW_OUTCOME_UNCHANGED: _ClassVar[RowOutcome]
    ROW_OUTCOME_REJECTED: _ClassVar[RowOutcome]
    ROW_OUTCOME_ARCHIVED: _ClassVar[RowOutcome]

class RecordChangeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RECORD_CHANGE_KIND_UNSPECIFIED: _ClassVar[RecordChangeKind]
    RECORD_CHANGE_KIND_CREATED: _ClassVar[RecordChangeKind]
    RECORD_CHANGE_KIND_UPDATED: _ClassVar[RecordChangeKind]
    RECORD_CHANGE_KIND_UNCHANGED: _ClassVar[RecordChangeKind]
    RECORD_CHANGE_KIND_ARCHIVED: _ClassVar[RecordChangeKind]

class CareTag(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CARE_TAG_UNSPECIFIED: _ClassVar[CareTag]
    CARE_TAG_RED: _ClassVar[CareTag]
    CARE_TAG_YELLOW: _ClassVar[CareTag]
    CARE_TAG_BLUE: _ClassVar[CareTag]

class OrganisationKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORGANISATION_KIND_UNSPECIFIED: _ClassVar[OrganisationKind]
    ORGANISATION_KIND_COMMITTEE: _ClassVar[OrganisationKind]
    ORGANISATION_KIND_COUNCIL: _ClassVar[OrganisationKind]
    ORGANISATION_KIND_SELF_MANAGEMENT_TEAM: _ClassVar[OrganisationKind]
    ORGANISATION_KIND_COOPERATIVE: _ClassVar[OrganisationKind]
    ORGANISATION_KIND_VOLUNTEER_TEAM: _ClassVar[OrganisationKind]

class MemberPosition(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEMBER_POSITION_UNSPECIFIED: _ClassVar[MemberPosition]
    MEMBER_POSITION_CHAIR: _ClassVar[MemberPosition]
    MEMBER_POSITION_VICE_CHAIR: _ClassVar[MemberPosition]
    MEMBER_POSITION_MEMBER: _ClassVar[MemberPosition]
TENURE_UNSPECIFIED: Tenure
TENURE_OWNER: Tenure
TENURE_RENTER: Tenure
ROW_OUTCOME_UNSPECIFIED: RowOutcome
ROW_OUTCOME_CREATED: RowOutcome
ROW_OUTCOME_UPDATED: RowOutcome
ROW_OUTCOME_UNCHANGED: RowOutcome
ROW_OUTCOME_REJECTED: RowOutcome
ROW_OUTCOME_ARCHIVED: RowOutcome
RECORD_CHANGE_KIND_UNSPECIFIED: RecordChangeKind
RECORD_CHANGE_KIND_CREATED: RecordChangeKind
RECORD_CHANGE_KIND_UPDATED: RecordChangeKind
RECORD_CHANGE_KIND_UNCHANGED: RecordChangeKind
RECORD_CHANGE_KIND_ARCHIVED: RecordChangeKind
CARE_TAG_UNSPECIFIED: CareTag
CARE_TAG_RED: CareTag
CARE_TAG_YELLOW: CareTag
CARE_TAG_BLUE: CareTag
ORGANISATION_KIND_UNSPECIFIED: OrganisationKind
ORGANISATION_KIND_COMMITTEE: OrganisationKind
ORGANISATION_KIND_COUNCIL: OrganisationKind
ORGANISATION_KIND_SELF_MANAGEMENT_TEAM: OrganisationKind
ORGANISATION_KIND_COOPERATIVE: OrganisationKind
ORGANISATION_KIND_VOLUNTEER_TEAM: OrganisationKind
MEMBER_POSITION_UNSPECIFIED: MemberPosition
MEMBER_POSITION_CHAIR: MemberPosition
MEMBER_POSITION_VICE_CHAIR: MemberPosition
MEMBER_POSITION_MEMBER: MemberPosition

class Tenant(_message.Message):
    __slots__ = ("id", "name", "timezone", "language", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    timezone: str
    language: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., timezone: _Optional[str] = ..., language: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateTenantRequest(_message.Message):
    __slots__ = ("request_id", "tenant_id", "name", "timezone", "language", "admin_subject")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    ADMIN_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    tenant_id: str
    name: str
    timezone: str
    language: str
    admin_subject: str
    def __init__(self, request_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., timezone: _Optional[str] = ..., language: _Optional[str] = ..., admin_subject: _Optional[str] = ...) -> None: ...

class ListTenantsRequest(_message.Message):
    __slots__ = ("page",)
    PAGE_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListTenantsResponse(_message.Message):
    __slots__ = ("tenants", "page")
    TENANTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenants: _containers.RepeatedCompositeFieldContainer[Tenant]
    page: _common_pb2.PageResponse
    def __init__(self, tenants: _Optional[_Iterable[_Union[Tenant, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetTenantRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class Compound(_message.Message):
    __slots__ = ("id", "tenant_id", "name", "community", "address", "created_at", "community_id", "archived", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    name: str
    community: str
    address: str
    created_at: _timestamp_pb2.Timestamp
    community_id: str
    archived: bool
    version: int
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., community: _Optional[str] = ..., address: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., community_id: _Optional[str] = ..., archived: _Optional[bool] = ..., version: _Optional[int] = ...) -> None: ...

class CreateCompoundRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "name", "community", "address")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    name: str
    community: str
    address: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., name: _Optional[str] = ..., community: _Optional[str] = ..., address: _Optional[str] = ...) -> None: ...

class GetCompoundRequest(_message.Message):
    __slots__ = ("compound_id",)
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    def __init__(self, compound_id: _Optional[str] = ...) -> None: ...

class ListCompoundsRequest(_message.Message):
    __slots__ = ("page", "community_id", "include_archived")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    community_id: str
    include_archived: bool
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., community_id: _Optional[str] = ..., include_archived: _Optional[bool] = ...) -> None: ...

class ListCompoundsResponse(_message.Message):
    __slots__ = ("compounds", "page")
    COMPOUNDS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    compounds: _containers.RepeatedCompositeFieldContainer[Compound]
    page: _common_pb2.PageResponse
    def __init__(self, compounds: _Optional[_Iterable[_Union[Compound, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class UpsertCompoundRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "name", "community_id", "address", "archived")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    name: str
    community_id: str
    address: str
    archived: bool
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., name: _Optional[str] = ..., community_id: _Optional[str] = ..., address: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...

class Community(_message.Message):
    __slots__ = ("id", "tenant_id", "name", "street", "archived", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STREET_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    name: str
    street: str
    archived: bool
    version: int
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., street: _Optional[str] = ..., archived: _Optional[bool] = ..., version: _Optional[int] = ...) -> None: ...

class UpsertCommunityRequest(_message.Message):
    __slots__ = ("request_id", "community_id", "name", "street", "archived")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STREET_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    community_id: str
    name: str
    street: str
    archived: bool
    def __init__(self, request_id: _Optional[str] = ..., community_id: _Optional[str] = ..., name: _Optional[str] = ..., street: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...

class GetCommunityRequest(_message.Message):
    __slots__ = ("community_id",)
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    def __init__(self, community_id: _Optional[str] = ...) -> None: ...

class ListCommunitiesRequest(_message.Message):
    __slots__ = ("page", "street", "include_archived")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    STREET_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    street: str
    include_archived: bool
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., street: _Optional[str] = ..., include_archived: _Optional[bool] = ...) -> None: ...

class ListCommunitiesResponse(_message.Message):
    __slots__ = ("communities", "page")
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    communities: _containers.RepeatedCompositeFieldContainer[Community]
    page: _common_pb2.PageResponse
    def __init__(self, communities: _Optional[_Iterable[_Union[Community, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class Building(_message.Message):
    __slots__ = ("id", "tenant_id", "compound_id", "name", "leader_subject", "leader_name", "archived", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEADER_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    LEADER_NAME_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    compound_id: str
    name: str
    leader_subject: str
    leader_name: str
    archived: bool
    version: int
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., name: _Optional[str] = ..., leader_subject: _Optional[str] = ..., leader_name: _Optional[str] = ..., archived: _Optional[bool] = ..., version: _Optional[int] = ...) -> None: ...

class UpsertBuildingRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "building_id", "name", "leader_subject", "leader_name", "archived")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEADER_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    LEADER_NAME_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    building_id: str
    name: str
    leader_subject: str
    leader_name: str
    archived: bool
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., name: _Optional[str] = ..., leader_subject: _Optional[str] = ..., leader_name: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...

class GetBuildingRequest(_message.Message):
    __slots__ = ("compound_id", "building_id")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    building_id: str
    def __init__(self, compound_id: _Optional[str] = ..., building_id: _Optional[str] = ...) -> None: ...

class ListBuildingsRequest(_message.Message):
    __slots__ = ("page", "compound_id", "include_archived")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    compound_id: str
    include_archived: bool
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., compound_id: _Optional[str] = ..., include_archived: _Optional[bool] = ...) -> None: ...

class ListBuildingsResponse(_message.Message):
    __slots__ = ("buildings", "page")
    BUILDINGS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    buildings: _containers.RepeatedCompositeFieldContainer[Building]
    page: _common_pb2.PageResponse
    def __init__(self, buildings: _Optional[_Iterable[_Union[Building, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class Resident(_message.Message):
    __slots__ = ("name", "phone", "tenure", "subject")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    TENURE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    name: str
    phone: str
    tenure: Tenure
    subject: str
    def __init__(self, name: _Optional[str] = ..., phone: _Optional[str] = ..., tenure: _Optional[_Union[Tenure, str]] = ..., subject: _Optional[str] = ...) -> None: ...

class Household(_message.Message):
    __slots__ = ("id", "tenant_id", "compound_id", "building_id", "label", "area_centi_m2", "residents", "archived", "version", "phones_masked")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    RESIDENTS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PHONES_MASKED_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    compound_id: str
    building_id: str
    label: str
    area_centi_m2: int
    residents: _containers.RepeatedCompositeFieldContainer[Resident]
    archived: bool
    version: int
    phones_masked: bool
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., label: _Optional[str] = ..., area_centi_m2: _Optional[int] = ..., residents: _Optional[_Iterable[_Union[Resident, _Mapping]]] = ..., archived: _Optional[bool] = ..., version: _Optional[int] = ..., phones_masked: _Optional[bool] = ...) -> None: ...

class UpsertHouseholdRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "building_id", "household_id", "label", "area_centi_m2", "residents", "archived")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    RESIDENTS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    building_id: str
    household_id: str
    label: str
    area_centi_m2: int
    residents: _containers.RepeatedCompositeFieldContainer[Resident]
    archived: bool
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., label: _Optional[str] = ..., area_centi_m2: _Optional[int] = ..., residents: _Optional[_Iterable[_Union[Resident, _Mapping]]] = ..., archived: _Optional[bool] = ...) -> None: ...

class GetHouseholdRequest(_message.Message):
    __slots__ = ("compound_id", "household_id")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    household_id: str
    def __init__(self, compound_id: _Optional[str] = ..., household_id: _Optional[str] = ...) -> None: ...

class ListHouseholdsRequest(_message.Message):
    __slots__ = ("page", "compound_id", "building_id", "include_archived")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    compound_id: str
    building_id: str
    include_archived: bool
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., include_archived: _Optional[bool] = ...) -> None: ...

class ListHouseholdsResponse(_message.Message):
    __slots__ = ("households", "page")
    HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    households: _containers.RepeatedCompositeFieldContainer[Household]
    page: _common_pb2.PageResponse
    def __init__(self, households: _Optional[_Iterable[_Union[Household, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class HouseholdRow(_message.Message):
    __slots__ = ("line", "compound_id", "building_id", "household_id", "label", "area_centi_m2", "residents", "archive")
    LINE_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    RESIDENTS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVE_FIELD_NUMBER: _ClassVar[int]
    line: int
    compound_id: str
    building_id: str
    household_id: str
    label: str
    area_centi_m2: int
    residents: _containers.RepeatedCompositeFieldContainer[Resident]
    archive: bool
    def __init__(self, line: _Optional[int] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., label: _Optional[str] = ..., area_centi_m2: _Optional[int] = ..., residents: _Optional[_Iterable[_Union[Resident, _Mapping]]] = ..., archive: _Optional[bool] = ...) -> None: ...

class ImportHouseholdsRequest(_message.Message):
    __slots__ = ("request_id", "rows", "dry_run", "planned_buildings", "allow_removals", "archived_buildings")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    PLANNED_BUILDINGS_FIELD_NUMBER: _ClassVar[int]
    ALLOW_REMOVALS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_BUILDINGS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    rows: _containers.RepeatedCompositeFieldContainer[HouseholdRow]
    dry_run: bool
    planned_buildings: _containers.RepeatedScalarFieldContainer[str]
    allow_removals: bool
    archived_buildings: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, request_id: _Optional[str] = ..., rows: _Optional[_Iterable[_Union[HouseholdRow, _Mapping]]] = ..., dry_run: _Optional[bool] = ..., planned_buildings: _Optional[_Iterable[str]] = ..., allow_removals: _Optional[bool] = ..., archived_buildings: _Optional[_Iterable[str]] = ...) -> None: ...

class RowResult(_message.Message):
    __slots__ = ("line", "outcome", "reason", "changes", "removes")
    LINE_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    REMOVES_FIELD_NUMBER: _ClassVar[int]
    line: int
    outcome: RowOutcome
    reason: str
    changes: _containers.RepeatedCompositeFieldContainer[FieldChange]
    removes: str
    def __init__(self, line: _Optional[int] = ..., outcome: _Optional[_Union[RowOutcome, str]] = ..., reason: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[FieldChange, _Mapping]]] = ..., removes: _Optional[str] = ...) -> None: ...

class StringList(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, values: _Optional[_Iterable[str]] = ...) -> None: ...

class MemberList(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedCompositeFieldContainer[Member]
    def __init__(self, values: _Optional[_Iterable[_Union[Member, _Mapping]]] = ...) -> None: ...

class OnboardCommunity(_message.Message):
    __slots__ = ("community_id", "name", "street", "archived")
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STREET_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    community_id: str
    name: str
    street: str
    archived: bool
    def __init__(self, community_id: _Optional[str] = ..., name: _Optional[str] = ..., street: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...

class OnboardCompound(_message.Message):
    __slots__ = ("compound_id", "community_id", "name", "address", "archived")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    community_id: str
    name: str
    address: str
    archived: bool
    def __init__(self, compound_id: _Optional[str] = ..., community_id: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...

class OnboardBuilding(_message.Message):
    __slots__ = ("compound_id", "building_id", "name", "leader_subject", "leader_name", "archived")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEADER_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    LEADER_NAME_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    building_id: str
    name: str
    leader_subject: str
    leader_name: str
    archived: bool
    def __init__(self, compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., name: _Optional[str] = ..., leader_subject: _Optional[str] = ..., leader_name: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...

class OnboardFirm(_message.Message):
    __slots__ = ("org_id", "name", "contact")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    org_id: str
    name: str
    contact: str
    def __init__(self, org_id: _Optional[str] = ..., name: _Optional[str] = ..., contact: _Optional[str] = ...) -> None: ...

class OnboardContract(_message.Message):
    __slots__ = ("org_id", "compound_id", "services", "starts_on", "ends_on", "contact", "active")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    org_id: str
    compound_id: str
    services: StringList
    starts_on: str
    ends_on: str
    contact: str
    active: bool
    def __init__(self, org_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., services: _Optional[_Union[StringList, _Mapping]] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., contact: _Optional[str] = ..., active: _Optional[bool] = ...) -> None: ...

class OnboardOrganisation(_message.Message):
    __slots__ = ("org_id", "kind", "name", "community_id", "compound_ids", "specialties", "members", "archived")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_IDS_FIELD_NUMBER: _ClassVar[int]
    SPECIALTIES_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    org_id: str
    kind: OrganisationKind
    name: str
    community_id: str
    compound_ids: StringList
    specialties: StringList
    members: MemberList
    archived: bool
    def __init__(self, org_id: _Optional[str] = ..., kind: _Optional[_Union[OrganisationKind, str]] = ..., name: _Optional[str] = ..., community_id: _Optional[str] = ..., compound_ids: _Optional[_Union[StringList, _Mapping]] = ..., specialties: _Optional[_Union[StringList, _Mapping]] = ..., members: _Optional[_Union[MemberList, _Mapping]] = ..., archived: _Optional[bool] = ...) -> None: ...

class ApplyOnboardingRequest(_message.Message):
    __slots__ = ("request_id", "dry_run", "allow_removals", "communities", "compounds", "buildings", "property_firms", "contracts", "organisations")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    ALLOW_REMOVALS_FIELD_NUMBER: _ClassVar[int]
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    COMPOUNDS_FIELD_NUMBER: _ClassVar[int]
    BUILDINGS_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_FIRMS_FIELD_NUMBER: _ClassVar[int]
    CONTRACTS_FIELD_NUMBER: _ClassVar[int]
    ORGANISATIONS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    dry_run: bool
    allow_removals: bool
    communities: _containers.RepeatedCompositeFieldContainer[OnboardCommunity]
    compounds: _containers.RepeatedCompositeFieldContainer[OnboardCompound]
    buildings: _containers.RepeatedCompositeFieldContainer[OnboardBuilding]
    property_firms: _containers.RepeatedCompositeFieldContainer[OnboardFirm]
    contracts: _containers.RepeatedCompositeFieldContainer[OnboardContract]
    organisations: _containers.RepeatedCompositeFieldContainer[OnboardOrganisation]
    def __init__(self, request_id: _Optional[str] = ..., dry_run: _Optional[bool] = ..., allow_removals: _Optional[bool] = ..., communities: _Optional[_Iterable[_Union[OnboardCommunity, _Mapping]]] = ..., compounds: _Optional[_Iterable[_Union[OnboardCompound, _Mapping]]] = ..., buildings: _Optional[_Iterable[_Union[OnboardBuilding, _Mapping]]] = ..., property_firms: _Optional[_Iterable[_Union[OnboardFirm, _Mapping]]] = ..., contracts: _Optional[_Iterable[_Union[OnboardContract, _Mapping]]] = ..., organisations: _Optional[_Iterable[_Union[OnboardOrganisation, _Mapping]]] = ...) -> None: ...

class FieldChange(_message.Message):
    __slots__ = ("field", "before", "after")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    field: str
    before: str
    after: str
    def __init__(self, field: _Optional[str] = ..., before: _Optional[str] = ..., after: _Optional[str] = ...) -> None: ...

class RecordChange(_message.Message):
    __slots__ = ("path", "kind", "key", "change", "fields", "removes")
    PATH_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    REMOVES_FIELD_NUMBER: _ClassVar[int]
    path: str
    kind: str
    key: str
    change: RecordChangeKind
    fields: _containers.RepeatedCompositeFieldContainer[FieldChange]
    removes: str
    def __init__(self, path: _Optional[str] = ..., kind: _Optional[str] = ..., key: _Optional[str] = ..., change: _Optional[_Union[RecordChangeKind, str]] = ..., fields: _Optional[_Iterable[_Union[FieldChange, _Mapping]]] = ..., removes: _Optional[str] = ...) -> None: ...

class ApplyOnboardingResponse(_message.Message):
    __slots__ = ("records", "applied")
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[RecordChange]
    applied: bool
    def __init__(self, records: _Optional[_Iterable[_Union[RecordChange, _Mapping]]] = ..., applied: _Optional[bool] = ...) -> None: ...

class ImportHouseholdsResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[RowResult]
    def __init__(self, results: _Optional[_Iterable[_Union[RowResult, _Mapping]]] = ...) -> None: ...

class CareFile(_message.Message):
    __slots__ = ("compound_id", "household_id", "tags", "notes", "updated_by", "updated_at")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    household_id: str
    tags: _containers.RepeatedScalarFieldContainer[CareTag]
    notes: str
    updated_by: str
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., tags: _Optional[_Iterable[_Union[CareTag, str]]] = ..., notes: _Optional[str] = ..., updated_by: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetCareFileRequest(_message.Message):
    __slots__ = ("compound_id", "household_id")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    household_id: str
    def __init__(self, compound_id: _Optional[str] = ..., household_id: _Optional[str] = ...) -> None: ...

class SetCareFileRequest(_message.Message):
    __slots__ = ("request_id", "compound_id", "household_id", "tags", "notes")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    compound_id: str
    household_id: str
    tags: _containers.RepeatedScalarFieldContainer[CareTag]
    notes: str
    def __init__(self, request_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., tags: _Optional[_Iterable[_Union[CareTag, str]]] = ..., notes: _Optional[str] = ...) -> None: ...

class CareAuditEntry(_message.Message):
    __slots__ = ("compound_id", "household_id", "action", "subject", "role", "at", "detail")
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    compound_id: str
    household_id: str
    action: str
    subject: str
    role: str
    at: _timestamp_pb2.Timestamp
    detail: str
    def __init__(self, compound_id: _Optional[str] = ..., household_id: _Optional[str] = ..., action: _Optional[str] = ..., subject: _Optional[str] = ..., role: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., detail: _Optional[str] = ...) -> None: ...

class ListCareAuditRequest(_message.Message):
    __slots__ = ("page", "compound_id", "household_id")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    compound_id: str
    household_id: str
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., compound_id: _Optional[str] = ..., household_id: _Optional[str] = ...) -> None: ...

class ListCareAuditResponse(_message.Message):
    __slots__ = ("entries", "page")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[CareAuditEntry]
    page: _common_pb2.PageResponse
    def __init__(self, entries: _Optional[_Iterable[_Union[CareAuditEntry, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class Member(_message.Message):
    __slots__ = ("subject", "name", "position", "party_member", "title")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    PARTY_MEMBER_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    subject: str
    name: str
    position: MemberPosition
    party_member: bool
    title: str
    def __init__(self, subject: _Optional[str] = ..., name: _Optional[str] = ..., position: _Optional[_Union[MemberPosition, str]] = ..., party_member: _Optional[bool] = ..., title: _Optional[str] = ...) -> None: ...

class Organisation(_message.Message):
    __slots__ = ("id", "tenant_id", "kind", "name", "community_id", "compound_ids", "specialties", "members", "archived", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_IDS_FIELD_NUMBER: _ClassVar[int]
    SPECIALTIES_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    tenant_id: str
    kind: OrganisationKind
    name: str
    community_id: str
    compound_ids: _containers.RepeatedScalarFieldContainer[str]
    specialties: _containers.RepeatedScalarFieldContainer[str]
    members: _containers.RepeatedCompositeFieldContainer[Member]
    archived: bool
    version: int
    def __init__(self, id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., kind: _Optional[_Union[OrganisationKind, str]] = ..., name: _Optional[str] = ..., community_id: _Optional[str] = ..., compound_ids: _Optional[_Iterable[str]] = ..., specialties: _Optional[_Iterable[str]] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., archived: _Optional[bool] = ..., version: _Optional[int] = ...) -> None: ...

class UpsertOrganisationRequest(_message.Message):
    __slots__ = ("request_id", "org_id", "kind", "name", "community_id", "compound_ids", "specialties", "members", "archived")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_IDS_FIELD_NUMBER: _ClassVar[int]
    SPECIALTIES_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    org_id: str
    kind: OrganisationKind
    name: str
    community_id: str
    compound_ids: _containers.RepeatedScalarFieldContainer[str]
    specialties: _containers.RepeatedScalarFieldContainer[str]
    members: _containers.RepeatedCompositeFieldContainer[Member]
    archived: bool
    def __init__(self, request_id: _Optional[str] = ..., org_id: _Optional[str] = ..., kind: _Optional[_Union[OrganisationKind, str]] = ..., name: _Optional[str] = ..., community_id: _Optional[str] = ..., compound_ids: _Optional[_Iterable[str]] = ..., specialties: _Optional[_Iterable[str]] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., archived: _Optional[bool] = ...) -> None: ...

class GetOrganisationRequest(_message.Message):
    __slots__ = ("org_id",)
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    org_id: str
    def __init__(self, org_id: _Optional[str] = ...) -> None: ...

class ListOrganisationsRequest(_message.Message):
    __slots__ = ("page", "kind", "community_id", "include_archived")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    kind: OrganisationKind
    community_id: str
    include_archived: bool
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., kind: _Optional[_Union[OrganisationKind, str]] = ..., community_id: _Optional[str] = ..., include_archived: _Optional[bool] = ...) -> None: ...

class ListOrganisationsResponse(_message.Message):
    __slots__ = ("organisations", "page")
    ORGANISATIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    organisations: _containers.RepeatedCompositeFieldContainer[Organisation]
    page: _common_pb2.PageResponse
    def __init__(self, organisations: _Optional[_Iterable[_Union[Organisation, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class PropertyFirm(_message.Message):
    __slots__ = ("org_id", "name", "contact")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    org_id: str
    name: str
    contact: str
    def __init__(self, org_id: _Optional[str] = ..., name: _Optional[str] = ..., contact: _Optional[str] = ...) -> None: ...

class RegisterPropertyFirmRequest(_message.Message):
    __slots__ = ("request_id", "org_id", "name", "contact")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    org_id: str
    name: str
    contact: str
    def __init__(self, request_id: _Optional[str] = ..., org_id: _Optional[str] = ..., name: _Optional[str] = ..., contact: _Optional[str] = ...) -> None: ...

class PropertyContract(_message.Message):
    __slots__ = ("tenant_id", "org_id", "org_name", "compound_id", "services", "starts_on", "ends_on", "contact", "active", "version")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    org_id: str
    org_name: str
    compound_id: str
    services: _containers.RepeatedScalarFieldContainer[str]
    starts_on: str
    ends_on: str
    contact: str
    active: bool
    version: int
    def __init__(self, tenant_id: _Optional[str] = ..., org_id: _Optional[str] = ..., org_name: _Optional[str] = ..., compound_id: _Optional[str] = ..., services: _Optional[_Iterable[str]] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., contact: _Optional[str] = ..., active: _Optional[bool] = ..., version: _Optional[int] = ...) -> None: ...

class UpsertPropertyContractRequest(_message.Message):
    __slots__ = ("request_id", "org_id", "compound_id", "services", "starts_on", "ends_on", "contact", "active")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    org_id: str
    compound_id: str
    services: _containers.RepeatedScalarFieldContainer[str]
    starts_on: str
    ends_on: str
    contact: str
    active: bool
    def __init__(self, request_id: _Optional[str] = ..., org_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., services: _Optional[_Iterable[str]] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., contact: _Optional[str] = ..., active: _Optional[bool] = ...) -> None: ...

class ListPropertyContractsRequest(_message.Message):
    __slots__ = ("page", "compound_id", "org_id")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    compound_id: str
    org_id: str
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., compound_id: _Optional[str] = ..., org_id: _Optional[str] = ...) -> None: ...

class ListPropertyContractsResponse(_message.Message):
    __slots__ = ("contracts", "page")
    CONTRACTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    contracts: _containers.RepeatedCompositeFieldContainer[PropertyContract]
    page: _common_pb2.PageResponse
    def __init__(self, contracts: _Optional[_Iterable[_Union[PropertyContract, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class RoleGrant(_message.Message):
    __slots__ = ("tenant_id", "subject", "role", "org_id", "active", "granted_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    GRANTED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    subject: str
    role: str
    org_id: str
    active: bool
    granted_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., subject: _Optional[str] = ..., role: _Optional[str] = ..., org_id: _Optional[str] = ..., active: _Optional[bool] = ..., granted_by: _Optional[str] = ...) -> None: ...

class GrantRoleRequest(_message.Message):
    __slots__ = ("request_id", "subject", "role", "org_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    subject: str
    role: str
    org_id: str
    def __init__(self, request_id: _Optional[str] = ..., subject: _Optional[str] = ..., role: _Optional[str] = ..., org_id: _Optional[str] = ...) -> None: ...

class RevokeRoleRequest(_message.Message):
    __slots__ = ("request_id", "subject", "role", "org_id")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    subject: str
    role: str
    org_id: str
    def __init__(self, request_id: _Optional[str] = ..., subject: _Optional[str] = ..., role: _Optional[str] = ..., org_id: _Optional[str] = ...) -> None: ...

class ListRoleGrantsRequest(_message.Message):
    __slots__ = ("page", "subject", "org_id")
    PAGE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    subject: str
    org_id: str
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., subject: _Optional[str] = ..., org_id: _Optional[str] = ...) -> None: ...

class ListRoleGrantsResponse(_message.Message):
    __slots__ = ("grants", "page")
    GRANTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    grants: _containers.RepeatedCompositeFieldContainer[RoleGrant]
    page: _common_pb2.PageResponse
    def __init__(self, grants: _Optional[_Iterable[_Union[RoleGrant, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class IssueGrantTokenRequest(_message.Message):
    __slots__ = ("subject", "role", "org_id", "ttl_seconds", "tenant_id")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    subject: str
    role: str
    org_id: str
    ttl_seconds: int
    tenant_id: str
    def __init__(self, subject: _Optional[str] = ..., role: _Optional[str] = ..., org_id: _Optional[str] = ..., ttl_seconds: _Optional[int] = ..., tenant_id: _Optional[str] = ...) -> None: ...

class GrantToken(_message.Message):
    __slots__ = ("token", "expires_at")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    token: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, token: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
