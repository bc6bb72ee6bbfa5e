"""Use cases of organisations, property firms and their contracts, and role grants."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from linli_platform.auth import ROLES, STAFF_OR_PLATFORM, Principal, Role
from linli_platform.errors import InvalidField, NotFound
from linli_platform.persistence import UnitOfWork

from linli_communities.domain.organisations import Member, PropertyFirm, RoleGrant
from linli_communities.domain.records import Contract, Organisation
from linli_communities.service_layer import governance
from linli_communities.service_layer.hierarchy import live
from linli_communities.service_layer.upsert import commit

GRANTABLE = tuple(r for r in ROLES if r != Role.PLATFORM_ADMIN)


# -- organisations -------------------------------------------------------------------------------
def upsert_organisation(
    uow: UnitOfWork,
    org_id: str,
    kind: str,
    name: str,
    community_id: str,
    compound_ids: list[str],
    specialties: list[str],
    members: list[Member],
    archived: bool,
) -> tuple[Organisation, str]:
    rules = governance.cooperative_rules(uow)
    with uow:
        uow.communities.get_by(community_id)
        for compound_id in compound_ids:
            uow.compounds.get_by(compound_id)
        found = uow.organisations.find_by(org_id)
        organisation = found or Organisation(uow.tenant, org_id=org_id)
        outcome = organisation.change(
            rules,
            kind=kind,
            name=name.strip(),
            community_id=community_id,
            compound_ids=list(compound_ids),
            specialties=[s.strip() for s in specialties],
            members=list(members),
            archived=archived,
        )
        if found is None:
            uow.organisations.add(organisation)
        commit(uow)
    return organisation, outcome


def get_organisation(uow: UnitOfWork, org_id: str) -> Organisation:
    return uow.organisations.get_by(org_id)


def list_organisations(
    uow: UnitOfWork, kind: str, community_id: str, include_archived: bool, offset: int, limit: int
):
    where = {k: v for k, v in (("kind", kind), ("community_id", community_id)) if v}
    return uow.organisations.page(offset, limit, ("org_id",), **where, **live(include_archived))


# -- property firms and contracts ----------------------------------------------------------------
def register_property_firm(
    uow: UnitOfWork, principal: Principal, org_id: str, name: str, contact: str
) -> PropertyFirm:
    """Registered once for the whole platform. A district admin re-registering gets the firm as it is;
    only a platform operator may rename it."""
    firm = uow.firms.find(org_id)
    if firm is None:
        firm = PropertyFirm(org_id, name.strip(), contact, principal.subject, datetime.now(UTC))
        uow.firms.put(firm)
    elif principal.role == Role.PLATFORM_ADMIN and (firm.name, firm.contact) != (name.strip(), contact):
        firm = replace(firm, name=name.strip(), contact=contact)
        uow.firms.put(firm)
    return firm


def upsert_contract(
    uow: UnitOfWork,
    org_id: str,
    compound_id: str,
    services: list[str],
    starts_on: str,
    ends_on: str,
    contact: str,
    active: bool,
) -> tuple[Contract, str]:
    firm = uow.firms.find(org_id)
    if firm is None:
        raise NotFound(f"property firm {org_id} not found")
    with uow:
        uow.compounds.get_by(compound_id)
        found = uow.contracts.find_by(org_id, compound_id)
        contract = found or Contract(uow.tenant, org_id=org_id, compound_id=compound_id)
        outcome = contract.change(
            org_name=firm.name,
            services=list(services),
            starts_on=starts_on,
            ends_on=ends_on,
            contact=contact or firm.contact,
            active=active,
        )
        if found is None:
            uow.contracts.add(contract)
        commit(uow)
    return contract, outcome


def list_contracts(
    uow: UnitOfWork, principal: Principal, compound_id: str, org_id: str, offset: int, limit: int
):
    where = {k: v for k, v in (("org_id", org_id), ("compound_id", compound_id)) if v}
    # A firm sees its own contracts only.
    if principal.role not in STAFF_OR_PLATFORM and where.setdefault("org_id", principal.org) != principal.org:
        return [], 0
    return uow.contracts.page(offset, limit, ("compound_id", "org_id"), **where)


# -- role grants ---------------------------------------------------------------------------------
def _check_grant(uow: UnitOfWork, role: str, org_id: str) -> None:
    if role not in GRANTABLE:
        raise InvalidField("role", f"one of {', '.join(GRANTABLE)}")
    if org_id and not uow.organisations.exists(org_id=org_id) and not uow.contracts.exists(org_id=org_id):
        raise NotFound(f"organisation {org_id} not found")


def set_grant(
    uow: UnitOfWork, principal: Principal, subject: str, role: str, org_id: str, active: bool
) -> RoleGrant:
    _check_grant(uow, role, org_id)
    grant = uow.grants.find(subject, role, org_id)
    if grant is None and not active:
        raise NotFound(f"{subject} holds no {role} role here")
    if grant is None or grant.active != active:
        grant = RoleGrant(uow.tenant, subject, role, org_id, active, principal.subject, datetime.now(UTC))
        uow.grants.put(grant)
    return grant


def district_for_operator(uow_for, tenant_id: str) -> UnitOfWork:
    """A platform operator's unit of work for the district it names (which must exist)."""
    if not tenant_id:
        raise InvalidField("tenant_id", "平台运维签发令牌时必须指明区")
    uow = uow_for(tenant_id)
    uow.districts.get(tenant_id)
    return uow


def grant_principal(uow: UnitOfWork, subject: str, role: str, org_id: str) -> Principal:
    """The principal a token may name: only a role the subject actively holds in this district."""
    grant = uow.grants.find(subject, role, org_id)
    if grant is None or not grant.active:
        raise NotFound(f"{subject} holds no active {role} role here")
    return Principal(tenant=uow.tenant, role=role, subject=subject, org=org_id)


def list_grants(uow: UnitOfWork, subject: str, org_id: str, offset: int, limit: int):
    where = {k: v for k, v in (("subject", subject), ("org_id", org_id)) if v}
    return uow.grants.page(offset, limit, **where)
