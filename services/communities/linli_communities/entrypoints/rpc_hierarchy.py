"""RPCs of districts, communities, compounds and buildings."""

from __future__ import annotations

from linli.communities.v1 import communities_pb2 as pb
from linli_platform.auth import ADMIN_ROLES, Role
from linli_platform.context import current_principal
from linli_platform.grpc_server import roles
from linli_platform.idempotency import idempotent
from linli_platform.paging import page_response, page_window

from linli_communities.domain.model import TenantProfile
from linli_communities.domain.roles import COMMUNITY_LEADS
from linli_communities.entrypoints import messages as m
from linli_communities.service_layer import districts, hierarchy


class HierarchyRpcs:
    @roles(Role.PLATFORM_ADMIN)
    @idempotent(pb.Tenant)
    def CreateTenant(self, request, context):
        profile = TenantProfile.create(request.tenant_id, request.name, request.timezone, request.language)
        uow = self.uow_for(profile.tenant_id)
        by = current_principal().subject
        return m.tenant_pb(districts.create_tenant(uow, profile, request.admin_subject, by))

    def GetTenant(self, request, context):
        return m.tenant_pb(districts.get_tenant(self.uow_for, current_principal(), request.tenant_id))

    @roles(*ADMIN_ROLES)
    @idempotent(pb.Compound)
    def CreateCompound(self, request, context):
        return m.compound_pb(
            districts.create_compound(
                self.uow(), request.compound_id, request.name, request.community, request.address
            )
        )

    @roles(Role.DISTRICT_ADMIN)
    @idempotent(pb.Compound)
    def UpsertCompound(self, request, context):
        doc, _ = hierarchy.upsert_compound(
            self.uow(),
            request.compound_id,
            request.name,
            request.community_id,
            request.address,
            request.archived,
        )
        return m.compound_pb(doc)

    def GetCompound(self, request, context):
        return m.compound_pb(hierarchy.get_compound(self.uow(), request.compound_id))

    def ListCompounds(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = hierarchy.list_compounds(
            self.uow(), offset, limit, request.community_id, request.include_archived
        )
        return pb.ListCompoundsResponse(
            compounds=[m.compound_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )

    @roles(Role.DISTRICT_ADMIN)
    @idempotent(pb.Community)
    def UpsertCommunity(self, request, context):
        doc, _ = hierarchy.upsert_community(
            self.uow(), request.community_id, request.name, request.street, request.archived
        )
        return m.community_pb(doc)

    def GetCommunity(self, request, context):
        return m.community_pb(hierarchy.get_community(self.uow(), request.community_id))

    def ListCommunities(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = hierarchy.list_communities(
            self.uow(), request.street, request.include_archived, offset, limit
        )
        return pb.ListCommunitiesResponse(
            communities=[m.community_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )

    @roles(*COMMUNITY_LEADS)
    @idempotent(pb.Building)
    def UpsertBuilding(self, request, context):
        doc, _ = hierarchy.upsert_building(
            self.uow(),
            request.compound_id,
            request.building_id,
            request.name,
            request.leader_subject,
            request.leader_name,
            request.archived,
        )
        return m.building_pb(doc)

    def GetBuilding(self, request, context):
        return m.building_pb(hierarchy.get_building(self.uow(), request.compound_id, request.building_id))

    def ListBuildings(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = hierarchy.list_buildings(
            self.uow(), request.compound_id, request.include_archived, offset, limit
        )
        return pb.ListBuildingsResponse(
            buildings=[m.building_pb(d) for d in docs], page=page_response(offset, limit, len(docs), total)
        )
