"""The unit of work on MongoDB (the entrypoints' default)."""

from __future__ import annotations

from linli_ledger.mongo import MongoBooks

from linli_points.adapters.repositories import (
    MongoActivities,
    MongoAwards,
    MongoEarnings,
    MongoGovernance,
    MongoPlaces,
    MongoRatings,
    MongoVolunteers,
)
from linli_points.service_layer.unit_of_work import PointsUnitOfWork

BOOKS = MongoBooks()


def mongo_unit_of_work(tenant: str) -> PointsUnitOfWork:
    return PointsUnitOfWork(
        tenant,
        volunteers=MongoVolunteers(tenant),
        activities=MongoActivities(tenant),
        earnings=MongoEarnings(tenant),
        awards=MongoAwards(tenant),
        governance=MongoGovernance(tenant),
        places=MongoPlaces(tenant),
        ratings=MongoRatings(tenant),
        ledger=BOOKS.ledger(tenant),
    )
