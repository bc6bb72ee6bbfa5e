"""gRPC servicer of the communities service: proto ↔ use case, nothing else."""

from __future__ import annotations

from google.protobuf.timestamp_pb2 import Timestamp
from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec, roles
from linli_platform.idempotency import idempotent
from linli_platform.paging import page_response, page_window

from linli_communities.domain.model import TenantProfile
from linli_communities.service_layer import handlers

ADMINS = ("platform_admin", "district_admin")


def _ts(value) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(value)
    return ts


def tenant_pb(doc) -> pb.Tenant:
    return pb.Tenant(id=doc.tenant_id, name=doc.name, timezone=doc.timezone, language=doc.language,
                     created_at=_ts(doc.created_at))


def compound_pb(doc) -> pb.Compound:
    return pb.Compound(id=doc.compound_id, tenant_id=doc.tenant_id, name=doc.name, community=doc.community,
                       address=doc.address, created_at=_ts(doc.created_at))


class CommunitiesServicer(pb_grpc.CommunitiesServiceServicer):
    @roles("platform_admin")
    @idempotent(pb.Tenant)
    def CreateTenant(self, request, context):
        profile = TenantProfile.create(request.tenant_id, request.name, request.timezone, request.language)
        return tenant_pb(handlers.create_tenant(profile))

    def GetTenant(self, request, context):
        return tenant_pb(handlers.get_tenant(current_principal(), request.tenant_id))

    @roles(*ADMINS)
    @idempotent(pb.Compound)
    def CreateCompound(self, request, context):
        tenant = current_principal().tenant
        return compound_pb(handlers.create_compound(tenant, request.compound_id, request.name, request.community,
                                                    request.address))

    def GetCompound(self, request, context):
        return compound_pb(handlers.get_compound(current_principal().tenant, request.compound_id))

    def ListCompounds(self, request, context):
        offset, limit = page_window(request.page)
        docs, total = handlers.list_compounds(current_principal().tenant, offset, limit)
        return pb.ListCompoundsResponse(compounds=[compound_pb(d) for d in docs],
                                        page=page_response(offset, limit, len(docs), total))


def specs(_settings) -> list[ServiceSpec]:
    return [ServiceSpec(CommunitiesServicer(), pb_grpc.add_CommunitiesServiceServicer_to_server,
                        pb.DESCRIPTOR.services_by_name["CommunitiesService"].full_name)]


if __name__ == "__main__":
    run_api("communities", specs)
