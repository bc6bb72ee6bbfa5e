"""Worker of the tickets service (nameko): outbox relay, SLA sweep, auto-close, local copies of
communities' facts."""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli_platform.config import Settings  # noqa: E402
from linli_platform.worker import RuntimeProvider, consume, run_worker, timer  # noqa: E402

from linli_tickets.adapters.clock import SYSTEM_CLOCK  # noqa: E402
from linli_tickets.adapters.outbox import OUTBOX_DOCUMENTS  # noqa: E402
from linli_tickets.adapters.tenants import known_tenants  # noqa: E402
from linli_tickets.adapters.unit_of_work import mongo_unit_of_work  # noqa: E402
from linli_tickets.service_layer import escalation, local_copies  # noqa: E402

SLA_SWEEP_SECONDS = 1  # alarms fire within a second of their time
AUTO_CLOSE_SECONDS = 60  # rated tickets close days later: a minute late is nothing
COPIES = local_copies.event_handlers(mongo_unit_of_work)


class TicketsWorker:
    name = "tickets_worker"
    runtime = RuntimeProvider()
    clock = SYSTEM_CLOCK

    @timer(interval=0.2)
    def relay_outbox(self):
        self.runtime.relay_once()

    @timer(interval=SLA_SWEEP_SECONDS)
    def sweep_slas(self):
        escalation.sweep(mongo_unit_of_work, known_tenants, self.clock)

    @timer(interval=AUTO_CLOSE_SECONDS)
    def close_rated(self):
        escalation.close_rated(mongo_unit_of_work, known_tenants, self.clock)

    # Copies are kept by the event's aggregate_version (upsert_newer): a redelivered or late event
    # changes nothing, so the copy's own write is the dedupe mark (no separate record per event).
    @consume("communities.compound.v1", group="tickets-compounds", effects_keyed=True)
    def on_compound(self, envelope):
        COPIES.handle(envelope)

    @consume("communities.building.v1", group="tickets-buildings", effects_keyed=True)
    def on_building(self, envelope):
        COPIES.handle(envelope)

    @consume("communities.organisation.v1", group="tickets-organisations", effects_keyed=True)
    def on_organisation(self, envelope):
        COPIES.handle(envelope)

    @consume("communities.household.v1", group="tickets-households", effects_keyed=True)
    def on_household(self, envelope):
        COPIES.handle(envelope)

    @consume("communities.config.v1", group="tickets-config", effects_keyed=True)
    def on_config(self, envelope):
        COPIES.handle(envelope)


if __name__ == "__main__":
    run_worker(TicketsWorker, Settings(service="tickets"), OUTBOX_DOCUMENTS)
