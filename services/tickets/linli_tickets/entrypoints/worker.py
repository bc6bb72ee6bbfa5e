"""Worker of the tickets service (nameko): outbox relay and the local copy of compounds."""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli.communities.v1 import events_pb2 as communities_events  # noqa: E402
from linli_platform.config import Settings  # noqa: E402
from linli_platform.events import unpack  # noqa: E402
from linli_platform.worker import RuntimeProvider, consume, run_worker, timer  # noqa: E402

from linli_tickets.adapters.documents import OUTBOX_DOCUMENTS  # noqa: E402
from linli_tickets.service_layer import handlers  # noqa: E402


class TicketsWorker:
    name = "tickets_worker"
    runtime = RuntimeProvider()

    @timer(interval=0.2)
    def relay_outbox(self):
        self.runtime.relay_once()

    @consume("communities.compound.v1", group="tickets-compounds")
    def on_compound(self, envelope):
        event = unpack(envelope)
        if isinstance(event, communities_events.CompoundUpserted):
            handlers.apply_compound_upserted(event, envelope.aggregate_version)


if __name__ == "__main__":
    run_worker(TicketsWorker, Settings(service="tickets"), OUTBOX_DOCUMENTS)
