"""The probe event the kit's own consumer, worker and relay tests send: a parcel of district
`hanyang` from source `probe`, whose payload (a PageResponse) carries a number to tell events apart."""

from __future__ import annotations

from linli.common.v1.common_pb2 import PageResponse

from linli_platform import context as ctx
from linli_platform.events import OutgoingEvent, new_event, topic

PROBE_TOPIC = topic("probe", "parcel")  # probe.parcel.v1


def probe_event(total: int = 1, aggregate_id: str = "p1", correlation: str = "") -> OutgoingEvent:
    """A probe event made under the correlation id `correlation` (a fresh one when empty)."""
    token = ctx.set_correlation_id(correlation or None)
    try:
        return new_event(
            PageResponse(total=total),
            source="probe",
            aggregate="parcel",
            tenant_id="hanyang",
            aggregate_id=aggregate_id,
        )
    finally:
        ctx.reset_correlation_id(token)
