"""Use cases on fee schedules: read one, and take the prices of a new governance configuration."""

from __future__ import annotations

from collections.abc import Mapping

from linli_fees.domain.schedule import FeeSchedule
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork


def read_schedule(uow: FeesUnitOfWork, compound_id: str) -> FeeSchedule:
    """The schedule held for the compound; NotFound for a compound no configuration has priced."""
    with uow:
        return uow.schedules.get(compound_id)


def apply_prices(uow: FeesUnitOfWork, config_version: int, prices: Mapping[str, int]) -> None:
    """Price each compound as configuration `config_version` says (older versions change nothing)."""
    with uow:
        held = {schedule.compound_id: schedule for schedule in uow.schedules.all()}
        for compound_id, fen in prices.items():
            schedule = held.get(compound_id)
            if schedule is None:
                schedule = FeeSchedule(uow.tenant, compound_id)
                uow.schedules.add(schedule)
            schedule.price(fen, config_version)
        uow.commit()
