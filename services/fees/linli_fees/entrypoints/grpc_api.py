"""gRPC servicer of the fees service (skeleton until the Fees issue: schedule read)."""

from __future__ import annotations

from linli.fees.v1 import fees_pb2 as pb
from linli.fees.v1 import fees_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec

from linli_fees.adapters.documents import FeeScheduleDoc


class FeesServicer(pb_grpc.FeesServiceServicer):
    def GetFeeSchedule(self, request, context):
        tenant = current_principal().tenant
        doc = FeeScheduleDoc.scoped(tenant).filter(compound_id=request.compound_id).first()
        return pb.FeeSchedule(
            tenant_id=tenant,
            compound_id=request.compound_id,
            fen_per_m2_month=doc.fen_per_m2_month if doc else 0,
        )


def specs(_settings) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            FeesServicer(),
            pb_grpc.add_FeesServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["FeesService"].full_name,
        )
    ]


if __name__ == "__main__":
    run_api("fees", specs)
