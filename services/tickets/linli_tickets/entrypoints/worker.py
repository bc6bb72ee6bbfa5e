"""Worker of the tickets service (nameko): outbox relay, SLA sweep, auto-close, local copies of
communities' facts."""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli.communities.v1 import events_pb2 as communities_events  # noqa: E402
from linli_platform.config import Settings  # noqa: E402
from linli_platform.events import unpack  # noqa: E402
from linli_platform.worker import RuntimeProvider, consume, run_worker, timer  # noqa: E402

from linli_tickets.adapters.clock import SYSTEM_CLOCK  # noqa: E402
from linli_tickets.adapters.documents import OUTBOX_DOCUMENTS  # noqa: E402
from linli_tickets.service_layer import escalation, local_copies  # noqa: E402

SLA_SWEEP_SECONDS = 1  # alarms fire within a second of their time
AUTO_CLOSE_SECONDS = 60  # rated tickets close days later: a minute late is nothing


class TicketsWorker:
    name = "tickets_worker"
    runtime = RuntimeProvider()
    clock = SYSTEM_CLOCK

    @timer(interval=0.2)
    def relay_outbox(self):
        self.runtime.relay_once()

    @timer(interval=SLA_SWEEP_SECONDS)
    def sweep_slas(self):
        escalation.sweep(self.clock)

    @timer(interval=AUTO_CLOSE_SECONDS)
    def close_rated(self):
        escalation.close_rated(self.clock)

    @consume("communities.compound.v1", group="tickets-compounds")
    def on_compound(self, envelope):
        event = unpack(envelope)
        if isinstance(event, communities_events.CompoundUpserted):
            local_copies.apply_compound_upserted(event, envelope.aggregate_version)

    @consume("communities.building.v1", group="tickets-buildings")
    def on_building(self, envelope):
        event = unpack(envelope)
        if isinstance(event, communities_events.BuildingUpserted):
            local_copies.apply_building_upserted(event, envelope.aggregate_version)

    @consume("communities.organisation.v1", group="tickets-organisations")
    def on_organisation(self, envelope):
        event = unpack(envelope)
        if isinstance(event, communities_events.PropertyContractChanged):
            local_copies.apply_contract_changed(event, envelope.aggregate_version)
        elif isinstance(event, communities_events.TeamUpserted):
            local_copies.apply_team_upserted(event, envelope.aggregate_version)

    @consume("communities.household.v1", group="tickets-households")
    def on_household(self, envelope):
        event = unpack(envelope)
        if isinstance(event, communities_events.HouseholdUpserted):
            local_copies.apply_household_upserted(event, envelope.aggregate_version)

    @consume("communities.config.v1", group="tickets-config")
    def on_config(self, envelope):
        event = unpack(envelope)
        if isinstance(event, communities_events.GovernanceConfigChanged):
            local_copies.apply_config_changed(event)


if __name__ == "__main__":
    run_worker(TicketsWorker, Settings(service="tickets"), OUTBOX_DOCUMENTS)
