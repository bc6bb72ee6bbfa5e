"""gRPC servicer of the points service (skeleton until the Points issue: an account read)."""

from __future__ import annotations

from linli.points.v1 import points_pb2 as pb
from linli.points.v1 import points_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec

from linli_points.adapters.unit_of_work import mongo_unit_of_work
from linli_points.service_layer import accounts
from linli_points.service_layer.unit_of_work import UnitOfWorkFactory


class PointsServicer(pb_grpc.PointsServiceServicer):
    def __init__(self, unit_of_work: UnitOfWorkFactory = mongo_unit_of_work):
        self.unit_of_work = unit_of_work

    def GetAccount(self, request, context):
        principal = current_principal()
        account = accounts.read_account(self.unit_of_work(principal.tenant), principal, request.subject)
        return pb.Account(tenant_id=account.tenant_id, subject=account.subject, balance=account.balance)


def specs(_settings, unit_of_work: UnitOfWorkFactory = mongo_unit_of_work) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            PointsServicer(unit_of_work),
            pb_grpc.add_PointsServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["PointsService"].full_name,
        )
    ]


if __name__ == "__main__":
    run_api("points", specs)
