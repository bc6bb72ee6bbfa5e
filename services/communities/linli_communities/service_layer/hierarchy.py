"""Use cases of the hierarchy above households: communities, compounds, buildings (upsert, get, list)."""

from __future__ import annotations

from datetime import UTC, datetime

from linli_platform.errors import FailedPrecondition
from linli_platform.persistence import UnitOfWork

from linli_communities.adapters import metrics
from linli_communities.domain.records import Building, Community, Compound
from linli_communities.service_layer.upsert import commit, upsert


def live(include_archived: bool) -> dict:
    return {} if include_archived else {"archived": False}


# -- communities ---------------------------------------------------------------------------------
def upsert_community(
    uow: UnitOfWork, community_id: str, name: str, street: str, archived: bool
) -> tuple[Community, str]:
    with uow:
        uow.districts.get(uow.tenant)
        found = uow.communities.find_by(community_id)
        community, outcome = upsert(
            uow.communities,
            found,
            lambda: Community(uow.tenant, community_id=community_id),
            name=name.strip(),
            street=street.strip(),
            archived=archived,
        )
        commit(uow)
    metrics.onboarded(uow.tenant, "community", outcome)
    return community, outcome


def get_community(uow: UnitOfWork, community_id: str) -> Community:
    return uow.communities.get_by(community_id)


def list_communities(uow: UnitOfWork, street: str, include_archived: bool, offset: int, limit: int):
    where = {"street": street} if street else {}
    return uow.communities.page(offset, limit, ("community_id",), **where, **live(include_archived))


# -- compounds -----------------------------------------------------------------------------------
def upsert_compound(
    uow: UnitOfWork, compound_id: str, name: str, community_id: str, address: str, archived: bool
) -> tuple[Compound, str]:
    with uow:
        community = uow.communities.get_by(community_id)
        compound, outcome = upsert(
            uow.compounds,
            uow.compounds.find_by(compound_id),
            lambda: Compound(uow.tenant, compound_id=compound_id, created_at=datetime.now(UTC)),
            name=name.strip(),
            community_id=community_id,
            community=community.name,
            address=address.strip(),
            archived=archived,
        )
        commit(uow)
    metrics.onboarded(uow.tenant, "compound", outcome)
    return compound, outcome


def get_compound(uow: UnitOfWork, compound_id: str) -> Compound:
    return uow.compounds.get_by(compound_id)


def list_compounds(
    uow: UnitOfWork, offset: int, limit: int, community_id: str = "", include_archived: bool = False
):
    where = {"community_id": community_id} if community_id else {}
    return uow.compounds.page(offset, limit, ("compound_id",), **where, **live(include_archived))


# -- buildings -----------------------------------------------------------------------------------
def upsert_building(
    uow: UnitOfWork,
    compound_id: str,
    building_id: str,
    name: str,
    leader_subject: str,
    leader_name: str,
    archived: bool,
) -> tuple[Building, str]:
    with uow:
        compound = uow.compounds.get_by(compound_id)
        found = uow.buildings.find_by(compound_id, building_id)
        if found is None and compound.archived:
            raise FailedPrecondition(f"compound {compound_id} is archived")
        building, outcome = upsert(
            uow.buildings,
            found,
            lambda: Building(uow.tenant, compound_id=compound_id, building_id=building_id),
            name=name.strip(),
            leader_subject=leader_subject,
            leader_name=leader_name.strip(),
            archived=archived,
        )
        commit(uow)
    metrics.onboarded(uow.tenant, "building", outcome)
    return building, outcome


def get_building(uow: UnitOfWork, compound_id: str, building_id: str) -> Building:
    return uow.buildings.get_by(compound_id, building_id)


def list_buildings(uow: UnitOfWork, compound_id: str, include_archived: bool, offset: int, limit: int):
    where = {"compound_id": compound_id} if compound_id else {}
    order = ("compound_id", "building_id")
    return uow.buildings.page(offset, limit, order, **where, **live(include_archived))
