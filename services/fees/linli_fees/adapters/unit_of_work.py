"""The unit of work on MongoDB (the entrypoints' default)."""

from __future__ import annotations

from linli_fees.adapters.repository import (
    MongoAccounts,
    MongoBills,
    MongoCompounds,
    MongoGovernance,
    MongoHouseholds,
    MongoRuns,
)
from linli_fees.service_layer.unit_of_work import FeesUnitOfWork


def mongo_unit_of_work(tenant: str) -> FeesUnitOfWork:
    return FeesUnitOfWork(
        tenant,
        households=MongoHouseholds(tenant),
        compounds=MongoCompounds(tenant),
        governance=MongoGovernance(tenant),
        bills=MongoBills(tenant),
        accounts=MongoAccounts(tenant),
        runs=MongoRuns(tenant),
    )
