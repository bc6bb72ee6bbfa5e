"""Aggregates and records → protobuf messages (and back), including the masking of phones for non-staff."""

from __future__ import annotations

from linli.communities.v1 import communities_pb2 as pb
from linli_platform.auth import Principal
from linli_platform.protos import timestamp as ts

from linli_communities.domain.households import HouseholdRecord, Resident, mask_phone
from linli_communities.domain.model import District
from linli_communities.domain.organisations import Member

TENURES = {"owner": pb.TENURE_OWNER, "renter": pb.TENURE_RENTER, "": pb.TENURE_UNSPECIFIED}
TENURE_NAMES = {v: k for k, v in TENURES.items()}
CARE_TAGS = {"red": pb.CARE_TAG_RED, "yellow": pb.CARE_TAG_YELLOW, "blue": pb.CARE_TAG_BLUE}
CARE_TAG_NAMES = {v: k for k, v in CARE_TAGS.items()}
KINDS = {
    "committee": pb.ORGANISATION_KIND_COMMITTEE,
    "council": pb.ORGANISATION_KIND_COUNCIL,
    "self_management_team": pb.ORGANISATION_KIND_SELF_MANAGEMENT_TEAM,
    "cooperative": pb.ORGANISATION_KIND_COOPERATIVE,
    "volunteer_team": pb.ORGANISATION_KIND_VOLUNTEER_TEAM,
}
KIND_NAMES = {v: k for k, v in KINDS.items()}
POSITIONS = {
    "chair": pb.MEMBER_POSITION_CHAIR,
    "vice_chair": pb.MEMBER_POSITION_VICE_CHAIR,
    "member": pb.MEMBER_POSITION_MEMBER,
}
POSITION_NAMES = {**{v: k for k, v in POSITIONS.items()}, pb.MEMBER_POSITION_UNSPECIFIED: "member"}


def tenant_pb(district: District) -> pb.Tenant:
    profile = district.profile
    return pb.Tenant(
        id=profile.tenant_id,
        name=profile.name,
        timezone=profile.timezone,
        language=profile.language,
        created_at=ts(district.created_at),
    )


def community_pb(doc) -> pb.Community:
    return pb.Community(
        id=doc.community_id,
        tenant_id=doc.tenant_id,
        name=doc.name,
        street=doc.street,
        archived=doc.archived,
        version=doc.version,
    )


def compound_pb(doc) -> pb.Compound:
    return pb.Compound(
        id=doc.compound_id,
        tenant_id=doc.tenant_id,
        name=doc.name,
        community=doc.community,
        address=doc.address,
        created_at=ts(doc.created_at),
        community_id=doc.community_id,
        archived=doc.archived,
        version=doc.version,
    )


def building_pb(doc) -> pb.Building:
    return pb.Building(
        id=doc.building_id,
        tenant_id=doc.tenant_id,
        compound_id=doc.compound_id,
        name=doc.name,
        leader_subject=doc.leader_subject,
        leader_name=doc.leader_name,
        archived=doc.archived,
        version=doc.version,
    )


def household_pb(doc, principal: Principal) -> pb.Household:
    masked = not principal.is_staff
    residents = [
        pb.Resident(
            name=r.name,
            phone=mask_phone(r.phone) if masked and r.phone else r.phone,
            tenure=TENURES.get(r.tenure, pb.TENURE_UNSPECIFIED),
            subject=r.subject,
        )
        for r in doc.residents
    ]
    return pb.Household(
        id=doc.household_id,
        tenant_id=doc.tenant_id,
        compound_id=doc.compound_id,
        building_id=doc.building_id,
        label=doc.label,
        area_centi_m2=doc.area_centi_m2,
        residents=residents,
        archived=doc.archived,
        version=doc.version,
        phones_masked=masked,
    )


def residents_of(messages) -> tuple[Resident, ...]:
    return tuple(
        Resident(
            name=r.name.strip(),
            phone=r.phone.strip(),
            tenure=TENURE_NAMES.get(r.tenure, ""),
            subject=r.subject,
        )
        for r in messages
    )


def record_of(message) -> HouseholdRecord:
    return HouseholdRecord(
        compound_id=message.compound_id,
        building_id=message.building_id,
        household_id=message.household_id,
        label=message.label,
        area_centi_m2=message.area_centi_m2,
        residents=residents_of(message.residents),
    )


def care_file_pb(doc) -> pb.CareFile:
    return pb.CareFile(
        compound_id=doc.compound_id,
        household_id=doc.household_id,
        tags=[CARE_TAGS[t] for t in doc.care_tags],
        notes=doc.care_notes,
        updated_by=doc.care_updated_by,
        updated_at=ts(doc.care_updated_at),
    )


def audit_pb(doc) -> pb.CareAuditEntry:
    return pb.CareAuditEntry(
        compound_id=doc.compound_id,
        household_id=doc.household_id,
        action=doc.action,
        subject=doc.subject,
        role=doc.role,
        at=ts(doc.at),
        detail=doc.detail,
    )


def members_of(messages) -> list[Member]:
    return [
        Member(
            subject=m.subject,
            name=m.name.strip(),
            position=POSITION_NAMES[m.position],
            party_member=m.party_member,
            title=m.title.strip(),
        )
        for m in messages
    ]


def organisation_pb(doc) -> pb.Organisation:
    members = [
        pb.Member(
            subject=m.subject,
            name=m.name,
            position=POSITIONS.get(m.position, 0),
            party_member=m.party_member,
            title=m.title,
        )
        for m in doc.members
    ]
    return pb.Organisation(
        id=doc.org_id,
        tenant_id=doc.tenant_id,
        kind=KINDS[doc.kind],
        name=doc.name,
        community_id=doc.community_id,
        compound_ids=doc.compound_ids,
        specialties=doc.specialties,
        members=members,
        archived=doc.archived,
        version=doc.version,
    )


def firm_pb(doc) -> pb.PropertyFirm:
    return pb.PropertyFirm(org_id=doc.org_id, name=doc.name, contact=doc.contact)


def contract_pb(doc) -> pb.PropertyContract:
    return pb.PropertyContract(
        tenant_id=doc.tenant_id,
        org_id=doc.org_id,
        org_name=doc.org_name,
        compound_id=doc.compound_id,
        services=doc.services,
        starts_on=doc.starts_on,
        ends_on=doc.ends_on,
        contact=doc.contact,
        active=doc.active,
        version=doc.version,
    )


def grant_pb(doc) -> pb.RoleGrant:
    return pb.RoleGrant(
        tenant_id=doc.tenant_id,
        subject=doc.subject,
        role=doc.role,
        org_id=doc.org_id,
        active=doc.active,
        granted_by=doc.granted_by,
    )
