"""Use cases of the hierarchy above households: communities, compounds, buildings (upsert, get, list)."""

from __future__ import annotations

from datetime import UTC, datetime

from linli_platform.errors import FailedPrecondition, NotFound

from linli_communities.adapters.documents import BuildingDoc, CommunityDoc, CompoundDoc, TenantDoc
from linli_communities.service_layer import events
from linli_communities.service_layer.upsert import upsert


def _page(query, offset: int, limit: int) -> tuple[list, int]:
    return list(query.skip(offset).limit(limit)), query.count()


# -- communities ---------------------------------------------------------------------------------
def upsert_community(tenant_id: str, community_id: str, name: str, street: str, archived: bool):
    if TenantDoc.objects(tenant_id=tenant_id).first() is None:
        raise NotFound(f"tenant {tenant_id} not found")
    existing = CommunityDoc.scoped(tenant_id).filter(community_id=community_id).first()
    values = {"name": name.strip(), "street": street.strip(), "archived": archived}
    return upsert(
        existing,
        lambda: CommunityDoc(tenant_id=tenant_id, community_id=community_id),
        values,
        events.community_upserted,
    )


def get_community(tenant_id: str, community_id: str) -> CommunityDoc:
    doc = CommunityDoc.scoped(tenant_id).filter(community_id=community_id).first()
    if doc is None:
        raise NotFound(f"community {community_id} not found")
    return doc


def list_communities(tenant_id: str, street: str, include_archived: bool, offset: int, limit: int):
    query = CommunityDoc.scoped(tenant_id)
    if street:
        query = query.filter(street=street)
    if not include_archived:
        query = query.filter(archived=False)
    return _page(query.order_by("community_id"), offset, limit)


# -- compounds -----------------------------------------------------------------------------------
def upsert_compound(
    tenant_id: str, compound_id: str, name: str, community_id: str, address: str, archived: bool
):
    community = get_community(tenant_id, community_id)
    existing = CompoundDoc.scoped(tenant_id).filter(compound_id=compound_id).first()
    values = {
        "name": name.strip(),
        "community_id": community_id,
        "community": community.name,
        "address": address.strip(),
        "archived": archived,
    }
    return upsert(
        existing,
        lambda: CompoundDoc(tenant_id=tenant_id, compound_id=compound_id, created_at=datetime.now(UTC)),
        values,
        events.compound_upserted,
    )


def get_compound(tenant_id: str, compound_id: str) -> CompoundDoc:
    doc = CompoundDoc.scoped(tenant_id).filter(compound_id=compound_id).first()
    if doc is None:
        raise NotFound(f"compound {compound_id} not found")
    return doc


def list_compounds(
    tenant_id: str, offset: int, limit: int, community_id: str = "", include_archived: bool = False
):
    query = CompoundDoc.scoped(tenant_id)
    if community_id:
        query = query.filter(community_id=community_id)
    if not include_archived:
        query = query.filter(archived=False)
    return _page(query.order_by("compound_id"), offset, limit)


# -- buildings -----------------------------------------------------------------------------------
def upsert_building(
    tenant_id: str,
    compound_id: str,
    building_id: str,
    name: str,
    leader_subject: str,
    leader_name: str,
    archived: bool,
):
    compound = get_compound(tenant_id, compound_id)
    existing = BuildingDoc.scoped(tenant_id).filter(compound_id=compound_id, building_id=building_id).first()
    if existing is None and compound.archived:
        raise FailedPrecondition(f"compound {compound_id} is archived")
    values = {
        "name": name.strip(),
        "leader_subject": leader_subject,
        "leader_name": leader_name.strip(),
        "archived": archived,
    }
    return upsert(
        existing,
        lambda: BuildingDoc(tenant_id=tenant_id, compound_id=compound_id, building_id=building_id),
        values,
        events.building_upserted,
    )


def get_building(tenant_id: str, compound_id: str, building_id: str) -> BuildingDoc:
    doc = BuildingDoc.scoped(tenant_id).filter(compound_id=compound_id, building_id=building_id).first()
    if doc is None:
        raise NotFound(f"building {compound_id}/{building_id} not found")
    return doc


def list_buildings(tenant_id: str, compound_id: str, include_archived: bool, offset: int, limit: int):
    query = BuildingDoc.scoped(tenant_id)
    if compound_id:
        query = query.filter(compound_id=compound_id)
    if not include_archived:
        query = query.filter(archived=False)
    return _page(query.order_by("compound_id", "building_id"), offset, limit)
