"""Fee schedules on MongoDB: one document per (tenant, compound)."""

from __future__ import annotations

from linli_platform.mongo_repository import MongoRepository

from linli_fees.adapters.documents import FeeScheduleDoc
from linli_fees.domain.schedule import FeeSchedule
from linli_fees.service_layer.unit_of_work import Schedules


class MongoSchedules(MongoRepository[FeeSchedule], Schedules):
    document, key, label = FeeScheduleDoc, "compound_id", Schedules.label

    def to_stored(self, schedule: FeeSchedule) -> dict:
        return {"fen_per_m2_month": schedule.fen_per_m2_month, "config_version": schedule.config_version}

    def from_stored(self, stored: dict) -> FeeSchedule:
        return FeeSchedule(
            stored["tenant_id"],
            stored["compound_id"],
            stored["fen_per_m2_month"],
            stored["config_version"],
            stored["version"],
        )

    def all(self) -> list[FeeSchedule]:
        return [self._loaded(stored) for stored in self._find()]
