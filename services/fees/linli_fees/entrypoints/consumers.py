"""What the fees worker does with other services' events: event → use case, by event type."""

from __future__ import annotations

from linli_platform.events import EventHandlers

from linli_fees.service_layer import local_copies
from linli_fees.service_layer.unit_of_work import UnitOfWorkFactory


def handlers(unit_of_work: UnitOfWorkFactory) -> EventHandlers:
    """Communities' households, compounds and governance configuration, kept as local copies."""
    return local_copies.event_handlers(unit_of_work)
