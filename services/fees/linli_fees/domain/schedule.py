"""A compound's fee schedule (物业费 per m² per month). Skeleton until the Fees issue: the price
the district's governance configuration sets for the compound, as of the configuration version
that set it. Billing runs, payments and the public ledger arrive with the Fees issue."""

from __future__ import annotations

from linli_platform.aggregate import Aggregate
from linli_platform.errors import InvalidField


class FeeSchedule(Aggregate):
    """One per compound in a tenant; the aggregate id is the compound id."""

    SOURCE, NAME = "fees", "schedule"

    def __init__(
        self,
        tenant_id: str,
        compound_id: str,
        fen_per_m2_month: int = 0,
        config_version: int = 0,
        version: int = 0,
    ):
        super().__init__(tenant_id, compound_id, version)
        self.fen_per_m2_month = fen_per_m2_month
        self.config_version = config_version

    @property
    def compound_id(self) -> str:
        return self.id

    def price(self, fen_per_m2_month: int, config_version: int) -> None:
        """The price set by a configuration version; one older than the version held changes nothing
        (events may arrive twice or late)."""
        if fen_per_m2_month < 0:
            raise InvalidField("fen_per_m2_month", "is never negative")
        if config_version <= self.config_version:
            return
        self.fen_per_m2_month, self.config_version = fen_per_m2_month, config_version
        self.touch()
