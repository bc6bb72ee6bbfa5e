"""gRPC servicer of the points service (skeleton until the Points issue: balances read)."""

from __future__ import annotations

from linli.points.v1 import points_pb2 as pb
from linli.points.v1 import points_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.context import current_principal
from linli_platform.errors import PermissionDenied
from linli_platform.grpc_server import ServiceSpec

from linli_points.adapters.documents import AccountDoc


class PointsServicer(pb_grpc.PointsServiceServicer):
    def GetAccount(self, request, context):
        principal = current_principal()
        if request.subject != principal.subject and not principal.is_staff:
            raise PermissionDenied("only staff may read another person's points")
        doc = AccountDoc.scoped(principal.tenant).filter(subject=request.subject).first()
        return pb.Account(
            tenant_id=principal.tenant, subject=request.subject, balance=doc.balance if doc else 0
        )


def specs(_settings) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            PointsServicer(),
            pb_grpc.add_PointsServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["PointsService"].full_name,
        )
    ]


if __name__ == "__main__":
    run_api("points", specs)
