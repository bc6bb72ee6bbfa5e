"""Use cases of districts (tenants) and the walking-skeleton CreateCompound."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from linli_platform.auth import Principal, Role
from linli_platform.errors import Conflict, NotFound
from linli_platform.persistence import AlreadyStored, UnitOfWork

from linli_communities.domain.model import District, TenantProfile
from linli_communities.domain.organisations import RoleGrant
from linli_communities.domain.records import Compound


def create_tenant(uow: UnitOfWork, profile: TenantProfile, admin_subject: str = "", by: str = "") -> District:
    """`uow`: the new district's. `admin_subject`, if given, is granted district_admin in it (the
    grant is written right after the district, and again by a retry: a put of the same grant)."""
    with uow:
        if uow.districts.find(profile.tenant_id) is not None:
            raise Conflict(f"tenant {profile.tenant_id} already exists")
        district = District.create(profile, datetime.now(UTC))
        uow.districts.add(district)
        uow.commit()
    if admin_subject:
        grant_first_admin(uow, admin_subject, by, district.created_at)
    return district


def grant_first_admin(uow: UnitOfWork, subject: str, by: str, at: datetime) -> None:
    if uow.grants.find(subject, Role.DISTRICT_ADMIN, "") is None:
        uow.grants.put(RoleGrant(uow.tenant, subject, Role.DISTRICT_ADMIN, "", True, by, at))


def list_tenants(
    uow_for: Callable[[str], UnitOfWork], ids: list[str], offset: int, limit: int
) -> tuple[list[District], int]:
    """The platform's districts by id (platform operators only)."""
    ids = sorted(ids)
    window = ids[offset : offset + limit] if limit else ids[offset:]
    return [uow_for(i).districts.get(i) for i in window], len(ids)


def get_tenant(uow_for: Callable[[str], UnitOfWork], principal: Principal, tenant_id: str) -> District:
    """A principal sees its own district only; another district's id is simply not found."""
    if not tenant_id or (principal.role != Role.PLATFORM_ADMIN and principal.tenant != tenant_id):
        raise NotFound(f"tenant {tenant_id} not found")
    return uow_for(tenant_id).districts.get(tenant_id)


def create_compound(uow: UnitOfWork, compound_id: str, name: str, community: str, address: str) -> Compound:
    uow.districts.get(uow.tenant)
    compound = Compound(uow.tenant, compound_id=compound_id, created_at=datetime.now(UTC))
    compound.upsert(name=name.strip(), community=community, address=address)
    with uow:
        uow.compounds.add(compound)
        try:
            uow.commit()
        except AlreadyStored as exc:
            raise Conflict(f"compound {compound_id} already exists") from exc
    return compound
