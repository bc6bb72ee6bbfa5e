"""RPCs of districts, communities, compounds and buildings."""

from __future__ import annotations

from linli.communities.v1 import communities_pb2 as pb
from linli_platform.context import current_principal
from linli_platform.grpc_server import roles
from linli_platform.idempotency import idempotent
from linli_platform.paging import page_response, page_window

from linli_communities.domain.model import TenantProfile
from linli_communities.entrypoints import messages as m
from linli_communities.service_layer import handlers, hierarchy

ADMINS = ("platform_admin", "district_admin")


def _tenant() -> str:
    return current_principal().tenant


class HierarchyRpcs:
    @roles("platform_admin")
    @idempotent(pb.Tenant)
    def CreateTenant(self, request, context):
        profile = TenantProfile.create(request.tenant_id, request.name, request.timezone, request.language)
        return m.tenant_pb(handlers.create_tenant(profile))

    def GetTenant(self, request, context):
        return m.tenant_pb(handlers.get_tenant(current_principal(), request.tenant_id))

    @roles(*ADMINS)
    @idempotent(pb.Compound)
    def CreateCompound(self, request, context):
        return m.compound_pb(
            handlers.create_compound(
                _tenant(), request.compound_id, request.name, request.community, request.address
            )
        )

    @roles("district_admin")
    @idempotent(pb.Compound)
    def UpsertCompound(self, request, context):
        doc, _ = hierarchy.upsert_compound(
            _tenant(),
            request.compound_id,
            request.name,
            request.community_id,
            request.address,
            request.archived,
        )
        return m.compound_pb(doc)

    def GetCompound(self, request, context):
        return m.compound_pb(hierarchy.get_compound(_tenant(), request.compound_id))

    def ListCompounds(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = hierarchy.list_compounds(
            _tenant(), offset, limit, request.community_id, request.include_archived
        )
        return pb.ListCompoundsResponse(
            compounds=[m.compound_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )

    @roles("district_admin")
    @idempotent(pb.Community)
    def UpsertCommunity(self, request, context):
        doc, _ = hierarchy.upsert_community(
            _tenant(), request.community_id, request.name, request.street, request.archived
        )
        return m.community_pb(doc)

    def GetCommunity(self, request, context):
        return m.community_pb(hierarchy.get_community(_tenant(), request.community_id))

    def ListCommunities(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = hierarchy.list_communities(
            _tenant(), request.street, request.include_archived, offset, limit
        )
        return pb.ListCommunitiesResponse(
            communities=[m.community_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )

    @roles("district_admin", "community_staff")
    @idempotent(pb.Building)
    def UpsertBuilding(self, request, context):
        doc, _ = hierarchy.upsert_building(
            _tenant(),
            request.compound_id,
            request.building_id,
            request.name,
            request.leader_subject,
            request.leader_name,
            request.archived,
        )
        return m.building_pb(doc)

    def GetBuilding(self, request, context):
        return m.building_pb(hierarchy.get_building(_tenant(), request.compound_id, request.building_id))

    def ListBuildings(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = hierarchy.list_buildings(
            _tenant(), request.compound_id, request.include_archived, offset, limit
        )
        return pb.ListBuildingsResponse(
            buildings=[m.building_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )
