"""gRPC API process of the communities service: proto ↔ use case, nothing else."""

from __future__ import annotations

from linli.communities.v1 import communities_pb2 as pb
from linli.communities.v1 import communities_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.config import Settings
from linli_platform.grpc_server import ServiceSpec
from linli_platform.idempotency import IdempotencyStore

from linli_communities.adapters.hierarchy_reader import Roster
from linli_communities.entrypoints.deliberation_api import deliberation_specs
from linli_communities.entrypoints.governance_api import governance_specs
from linli_communities.entrypoints.rpc_hierarchy import HierarchyRpcs
from linli_communities.entrypoints.rpc_households import HouseholdRpcs
from linli_communities.entrypoints.rpc_onboarding import OnboardingRpcs
from linli_communities.entrypoints.rpc_organisations import OrganisationRpcs
from linli_communities.entrypoints.wiring import UnitOfWorkFactory, Wired


class CommunitiesServicer(
    Wired,
    HierarchyRpcs,
    HouseholdRpcs,
    OrganisationRpcs,
    OnboardingRpcs,
    pb_grpc.CommunitiesServiceServicer,
):
    """Hierarchy, households and the three-colour file, organisations and roles, onboarding."""

    def __init__(
        self,
        settings: Settings,
        uow: UnitOfWorkFactory | None = None,
        idempotency: IdempotencyStore | None = None,
        tenants=None,
    ):
        super().__init__(uow, idempotency, tenants)
        self.settings = settings  # signs grant tokens


def specs(
    settings: Settings,
    uow: UnitOfWorkFactory | None = None,
    idempotency: IdempotencyStore | None = None,
    roster: Roster | None = None,
    tenants=None,
) -> list[ServiceSpec]:
    """The three services; MongoDB behind them unless a test passes fakes (`tenants`: the district
    ids ListTenants pages through)."""
    return [
        ServiceSpec(
            CommunitiesServicer(settings, uow, idempotency, tenants),
            pb_grpc.add_CommunitiesServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["CommunitiesService"].full_name,
        ),
        *governance_specs(settings, uow, idempotency),
        *deliberation_specs(settings, roster, uow, idempotency),
    ]


if __name__ == "__main__":
    run_api("communities", specs)
