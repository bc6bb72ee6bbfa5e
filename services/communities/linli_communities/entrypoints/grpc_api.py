"""gRPC API process of the communities service: proto ↔ use case, nothing else."""

from __future__ import annotations

from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.config import Settings
from linli_platform.grpc_server import ServiceSpec

from linli_communities.entrypoints.deliberation_api import deliberation_specs
from linli_communities.entrypoints.governance_api import governance_specs
from linli_communities.entrypoints.rpc_hierarchy import HierarchyRpcs
from linli_communities.entrypoints.rpc_households import HouseholdRpcs
from linli_communities.entrypoints.rpc_organisations import OrganisationRpcs


class CommunitiesServicer(HierarchyRpcs, HouseholdRpcs, OrganisationRpcs, pb_grpc.CommunitiesServiceServicer):
    """Hierarchy, households and the three-colour file, organisations and roles."""

    def __init__(self, settings: Settings):
        self.settings = settings  # signs grant tokens


def specs(settings: Settings) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            CommunitiesServicer(settings),
            pb_grpc.add_CommunitiesServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["CommunitiesService"].full_name,
        ),
        *governance_specs(),
        *deliberation_specs(),
    ]


if __name__ == "__main__":
    run_api("communities", specs)
