"""The schedule in force for a compound (or one building of it) in a month."""

from __future__ import annotations

from linli_platform.errors import InvalidField

from linli_fees.domain.periods import parse_period
from linli_fees.domain.schedule import Schedule, schedule_of
from linli_fees.service_layer import access
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork


def read_schedule(uow: FeesUnitOfWork, compound_id: str, building_id: str = "", month: str = "") -> Schedule:
    """NotFound for a compound neither communities' copy nor the configuration knows."""
    if month and parse_period(month, "month").kind != "month":
        raise InvalidField("month", "must be a month like 2026-01")
    with uow:
        access.known_compound(uow, compound_id)
        fees = uow.governance.fees(compound_id)
        return schedule_of(fees, compound_id, building_id, uow.governance.version())


def offers(uow: FeesUnitOfWork, compound_id: str):
    with uow:
        return list(uow.governance.fees(compound_id).prepay)
