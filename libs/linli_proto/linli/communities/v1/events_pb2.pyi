from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class TenantCreated(_message.Message):
    __slots__ = ("tenant_id", "name", "timezone", "language")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    name: str
    timezone: str
    language: str
    def __init__(self, tenant_id: _Optional[str] = ..., name: _Optional[str] = ..., timezone: _Optional[str] = ..., language: _Optional[str] = ...) -> None: ...

class CommunityUpserted(_message.Message):
    __slots__ = ("tenant_id", "community_id", "name", "street", "archived")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STREET_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    community_id: str
    name: str
    street: str
    archived: bool
    def __init__(self, tenant_id: _Optional[str] = ..., community_id: _Optional[str] = ..., name: _Optional[str] = ..., street: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...

class CompoundUpserted(_message.Message):
    __slots__ = ("tenant_id", "compound_id", "name", "community", "archived", "community_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    compound_id: str
    name: str
    community: str
    archived: bool
    community_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., name: _Optional[str] = ..., community: _Optional[str] = ..., archived: _Optional[bool] = ..., community_id: _Optional[str] = ...) -> None: ...

class BuildingUpserted(_message.Message):
    __slots__ = ("tenant_id", "compound_id", "building_id", "name", "leader_subject", "archived")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEADER_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    compound_id: str
    building_id: str
    name: str
    leader_subject: str
    archived: bool
    def __init__(self, tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., name: _Optional[str] = ..., leader_subject: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...

class HouseholdUpserted(_message.Message):
    __slots__ = ("tenant_id", "compound_id", "building_id", "household_id", "label", "area_centi_m2", "resident_subjects", "owner_subjects", "care_tags", "archived")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    BUILDING_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    AREA_CENTI_M2_FIELD_NUMBER: _ClassVar[int]
    RESIDENT_SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    OWNER_SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    CARE_TAGS_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    compound_id: str
    building_id: str
    household_id: str
    label: str
    area_centi_m2: int
    resident_subjects: _containers.RepeatedScalarFieldContainer[str]
    owner_subjects: _containers.RepeatedScalarFieldContainer[str]
    care_tags: _containers.RepeatedScalarFieldContainer[str]
    archived: bool
    def __init__(self, tenant_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., building_id: _Optional[str] = ..., household_id: _Optional[str] = ..., label: _Optional[str] = ..., area_centi_m2: _Optional[int] = ..., resident_subjects: _Optional[_Iterable[str]] = ..., owner_subjects: _Optional[_Iterable[str]] = ..., care_tags: _Optional[_Iterable[str]] = ..., archived: _Optional[bool] = ...) -> None: ...

class PropertyContractChanged(_message.Message):
    __slots__ = ("tenant_id", "org_id", "org_name", "compound_id", "services", "active", "starts_on", "ends_on", "contact")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    org_id: str
    org_name: str
    compound_id: str
    services: _containers.RepeatedScalarFieldContainer[str]
    active: bool
    starts_on: str
    ends_on: str
    contact: str
    def __init__(self, tenant_id: _Optional[str] = ..., org_id: _Optional[str] = ..., org_name: _Optional[str] = ..., compound_id: _Optional[str] = ..., services: _Optional[_Iterable[str]] = ..., active: _Optional[bool] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., contact: _Optional[str] = ...) -> None: ...

class TeamUpserted(_message.Message):
    __slots__ = ("tenant_id", "team_id", "name", "kind", "specialties", "member_subjects", "compound_ids", "community_id", "archived")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SPECIALTIES_FIELD_NUMBER: _ClassVar[int]
    MEMBER_SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_IDS_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    team_id: str
    name: str
    kind: str
    specialties: _containers.RepeatedScalarFieldContainer[str]
    member_subjects: _containers.RepeatedScalarFieldContainer[str]
    compound_ids: _containers.RepeatedScalarFieldContainer[str]
    community_id: str
    archived: bool
    def __init__(self, tenant_id: _Optional[str] = ..., team_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., specialties: _Optional[_Iterable[str]] = ..., member_subjects: _Optional[_Iterable[str]] = ..., compound_ids: _Optional[_Iterable[str]] = ..., community_id: _Optional[str] = ..., archived: _Optional[bool] = ...) -> None: ...

class GovernanceConfigChanged(_message.Message):
    __slots__ = ("tenant_id", "version", "document_json", "changed_by", "compound_communities")
    class CompoundCommunitiesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_JSON_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    version: int
    document_json: str
    changed_by: str
    compound_communities: _containers.ScalarMap[str, str]
    def __init__(self, tenant_id: _Optional[str] = ..., version: _Optional[int] = ..., document_json: _Optional[str] = ..., changed_by: _Optional[str] = ..., compound_communities: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ProposalWithdrawn(_message.Message):
    __slots__ = ("tenant_id", "proposal_id", "compound_id", "title", "withdrawn_by", "reason", "vote_cancelled")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    VOTE_CANCELLED_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    proposal_id: str
    compound_id: str
    title: str
    withdrawn_by: str
    reason: str
    vote_cancelled: bool
    def __init__(self, tenant_id: _Optional[str] = ..., proposal_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., title: _Optional[str] = ..., withdrawn_by: _Optional[str] = ..., reason: _Optional[str] = ..., vote_cancelled: _Optional[bool] = ...) -> None: ...

class ProposalDecided(_message.Message):
    __slots__ = ("tenant_id", "proposal_id", "compound_id", "community_id", "title", "category", "amount_fen", "tier", "approved", "summary", "special_matter", "vote_rule", "building_ids")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_MATTER_FIELD_NUMBER: _ClassVar[int]
    VOTE_RULE_FIELD_NUMBER: _ClassVar[int]
    BUILDING_IDS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    proposal_id: str
    compound_id: str
    community_id: str
    title: str
    category: str
    amount_fen: int
    tier: str
    approved: bool
    summary: str
    special_matter: bool
    vote_rule: str
    building_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, tenant_id: _Optional[str] = ..., proposal_id: _Optional[str] = ..., compound_id: _Optional[str] = ..., community_id: _Optional[str] = ..., title: _Optional[str] = ..., category: _Optional[str] = ..., amount_fen: _Optional[int] = ..., tier: _Optional[str] = ..., approved: _Optional[bool] = ..., summary: _Optional[str] = ..., special_matter: _Optional[bool] = ..., vote_rule: _Optional[str] = ..., building_ids: _Optional[_Iterable[str]] = ...) -> None: ...
