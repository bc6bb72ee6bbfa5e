"""gRPC servicer of the fees service (skeleton until the Fees issue: a schedule read)."""

from __future__ import annotations

from linli.fees.v1 import fees_pb2 as pb
from linli.fees.v1 import fees_pb2_grpc as pb_grpc
from linli_platform.api import run_api
from linli_platform.context import current_principal
from linli_platform.grpc_server import ServiceSpec

from linli_fees.adapters.unit_of_work import mongo_unit_of_work
from linli_fees.service_layer import schedules
from linli_fees.service_layer.unit_of_work import UnitOfWorkFactory


class FeesServicer(pb_grpc.FeesServiceServicer):
    def __init__(self, unit_of_work: UnitOfWorkFactory = mongo_unit_of_work):
        self.unit_of_work = unit_of_work

    def GetFeeSchedule(self, request, context):
        tenant = current_principal().tenant
        schedule = schedules.read_schedule(self.unit_of_work(tenant), request.compound_id)
        return pb.FeeSchedule(
            tenant_id=schedule.tenant_id,
            compound_id=schedule.compound_id,
            fen_per_m2_month=schedule.fen_per_m2_month,
        )


def specs(_settings, unit_of_work: UnitOfWorkFactory = mongo_unit_of_work) -> list[ServiceSpec]:
    return [
        ServiceSpec(
            FeesServicer(unit_of_work),
            pb_grpc.add_FeesServiceServicer_to_server,
            pb.DESCRIPTOR.services_by_name["FeesService"].full_name,
        )
    ]


if __name__ == "__main__":
    run_api("fees", specs)
