"""Use cases of organisations, property firms and their contracts, and role grants."""

from __future__ import annotations

from datetime import UTC, datetime

from linli_governance.deliberation import CooperativeRules
from linli_platform.auth import ROLES, Principal
from linli_platform.errors import InvalidField, NotFound

from linli_communities.adapters.organisation_documents import (
    ContractDoc,
    MemberDoc,
    OrganisationDoc,
    PropertyFirmDoc,
    RoleGrantDoc,
)
from linli_communities.domain.organisations import Member, check_members, check_period
from linli_communities.service_layer import events
from linli_communities.service_layer.hierarchy import get_community, get_compound
from linli_communities.service_layer.upsert import upsert

STAFF_VIEW = frozenset({"district_admin", "community_staff", "grid_worker", "platform_admin"})


def _page(query, offset: int, limit: int) -> tuple[list, int]:
    return list(query.skip(offset).limit(limit)), query.count()


# -- organisations -------------------------------------------------------------------------------
def upsert_organisation(
    tenant_id: str,
    org_id: str,
    kind: str,
    name: str,
    community_id: str,
    compound_ids: list[str],
    specialties: list[str],
    members: list[Member],
    archived: bool,
    rules: CooperativeRules,
):
    get_community(tenant_id, community_id)
    for compound_id in compound_ids:
        get_compound(tenant_id, compound_id)
    check_members(kind, members, rules)
    existing = OrganisationDoc.scoped(tenant_id).filter(org_id=org_id).first()
    if existing is not None and existing.kind != kind:
        raise InvalidField("kind", f"organisation {org_id} is a {existing.kind}; its kind cannot change")
    values = {
        "kind": kind,
        "name": name.strip(),
        "community_id": community_id,
        "compound_ids": list(compound_ids),
        "specialties": [s.strip() for s in specialties],
        "members": [
            MemberDoc(
                subject=m.subject,
                name=m.name,
                position=m.position,
                party_member=m.party_member,
                title=m.title,
            )
            for m in members
        ],
        "archived": archived,
    }
    return upsert(
        existing, lambda: OrganisationDoc(tenant_id=tenant_id, org_id=org_id), values, events.team_upserted
    )


def get_organisation(tenant_id: str, org_id: str) -> OrganisationDoc:
    doc = OrganisationDoc.scoped(tenant_id).filter(org_id=org_id).first()
    if doc is None:
        raise NotFound(f"organisation {org_id} not found")
    return doc


def list_organisations(
    tenant_id: str, kind: str, community_id: str, include_archived: bool, offset: int, limit: int
):
    query = OrganisationDoc.scoped(tenant_id)
    if kind:
        query = query.filter(kind=kind)
    if community_id:
        query = query.filter(community_id=community_id)
    if not include_archived:
        query = query.filter(archived=False)
    return _page(query.order_by("org_id"), offset, limit)


# -- property firms and contracts ----------------------------------------------------------------
def register_property_firm(principal: Principal, org_id: str, name: str, contact: str) -> PropertyFirmDoc:
    """Registered once for the whole platform. A district admin re-registering gets the firm as it is;
    only a platform operator may rename it."""
    doc = PropertyFirmDoc.objects(org_id=org_id).first()
    if doc is None:
        doc = PropertyFirmDoc(
            org_id=org_id,
            name=name.strip(),
            contact=contact,
            registered_by=principal.subject,
            registered_at=datetime.now(UTC),
        )
        doc.save()
    elif principal.role == "platform_admin" and (doc.name, doc.contact) != (name.strip(), contact):
        doc.name, doc.contact = name.strip(), contact
        doc.save()
    return doc


def upsert_contract(
    tenant_id: str,
    org_id: str,
    compound_id: str,
    services: list[str],
    starts_on: str,
    ends_on: str,
    contact: str,
    active: bool,
):
    firm = PropertyFirmDoc.objects(org_id=org_id).first()
    if firm is None:
        raise NotFound(f"property firm {org_id} not found")
    get_compound(tenant_id, compound_id)
    check_period(starts_on, ends_on)
    existing = ContractDoc.scoped(tenant_id).filter(org_id=org_id, compound_id=compound_id).first()
    values = {
        "org_name": firm.name,
        "services": list(services),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "contact": contact or firm.contact,
        "active": active,
    }
    return upsert(
        existing,
        lambda: ContractDoc(tenant_id=tenant_id, org_id=org_id, compound_id=compound_id),
        values,
        events.contract_changed,
    )


def list_contracts(principal: Principal, compound_id: str, org_id: str, offset: int, limit: int):
    query = ContractDoc.scoped(principal.tenant)
    if principal.role not in STAFF_VIEW:
        query = query.filter(org_id=principal.org)  # a firm sees its own contracts only
    if org_id:
        query = query.filter(org_id=org_id)
    if compound_id:
        query = query.filter(compound_id=compound_id)
    return _page(query.order_by("compound_id", "org_id"), offset, limit)


# -- role grants ---------------------------------------------------------------------------------
def _check_grant(tenant_id: str, role: str, org_id: str) -> None:
    if role not in ROLES or role == "platform_admin":
        raise InvalidField("role", f"one of {', '.join(r for r in ROLES if r != 'platform_admin')}")
    if (
        org_id
        and OrganisationDoc.scoped(tenant_id).filter(org_id=org_id).first() is None
        and (ContractDoc.scoped(tenant_id).filter(org_id=org_id).first() is None)
    ):
        raise NotFound(f"organisation {org_id} not found")


def set_grant(principal: Principal, subject: str, role: str, org_id: str, active: bool) -> RoleGrantDoc:
    _check_grant(principal.tenant, role, org_id)
    doc = RoleGrantDoc.scoped(principal.tenant).filter(subject=subject, role=role, org_id=org_id).first()
    if doc is None:
        if not active:
            raise NotFound(f"{subject} holds no {role} role here")
        doc = RoleGrantDoc(tenant_id=principal.tenant, subject=subject, role=role, org_id=org_id)
    if doc.active != active or doc.pk is None:
        doc.active, doc.granted_by, doc.changed_at = active, principal.subject, datetime.now(UTC)
        doc.save()
    return doc


def grant_principal(tenant_id: str, subject: str, role: str, org_id: str) -> Principal:
    """The principal a token may name: only a role the subject actively holds in this district."""
    grant = (
        RoleGrantDoc.scoped(tenant_id).filter(subject=subject, role=role, org_id=org_id, active=True).first()
    )
    if grant is None:
        raise NotFound(f"{subject} holds no active {role} role here")
    return Principal(tenant=tenant_id, role=role, subject=subject, org=org_id)


def list_grants(tenant_id: str, subject: str, org_id: str, offset: int, limit: int):
    query = RoleGrantDoc.scoped(tenant_id)
    if subject:
        query = query.filter(subject=subject)
    if org_id:
        query = query.filter(org_id=org_id)
    return _page(query.order_by("subject", "role"), offset, limit)
