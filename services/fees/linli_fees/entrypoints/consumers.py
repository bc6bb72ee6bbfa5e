"""What the fees worker does with other services' events: event → use case, by event type."""

from __future__ import annotations

import json

from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1.events_pb2 import GovernanceConfigChanged
from linli_governance import parse_document
from linli_platform.events import EventHandlers

from linli_fees.domain.pricing import prices
from linli_fees.service_layer import schedules
from linli_fees.service_layer.unit_of_work import UnitOfWorkFactory


def handlers(unit_of_work: UnitOfWorkFactory) -> EventHandlers:
    def config_changed(event: GovernanceConfigChanged, envelope: EventEnvelope) -> None:
        config = parse_document(json.loads(event.document_json))
        priced = prices(config, dict(event.compound_communities))
        schedules.apply_prices(unit_of_work(envelope.tenant_id), event.version, priced)

    return EventHandlers({GovernanceConfigChanged: config_changed})
