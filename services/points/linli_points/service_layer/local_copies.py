"""Local copies kept from other services' events (idempotent: a replay or an older event changes
nothing): every governance version with the time it took effect, names and leaders of places, and
the ratings of tickets volunteers did (for awards)."""

from __future__ import annotations

import logging
from datetime import datetime

from linli_governance import readable

from linli_points.service_layer.unit_of_work import Place, PointsUnitOfWork, Rating

log = logging.getLogger("linli.points.copies")


def keep_config(
    uow: PointsUnitOfWork,
    version: int,
    document_json: str,
    compound_communities: dict[str, str],
    effective_at: datetime,
) -> bool:
    """Keep a version this service can read; an unreadable document is skipped (the one before
    stays in force)."""
    if not readable(document_json, uow.tenant, version, log):
        return False
    with uow:
        return uow.governance.keep(version, document_json, compound_communities, effective_at)


def keep_place(uow: PointsUnitOfWork, kind: str, place: Place, version: int) -> bool:
    with uow:
        return uow.places.keep(kind, place, version)


def keep_rating(uow: PointsUnitOfWork, rating: Rating, version: int) -> bool:
    with uow:
        return uow.ratings.keep(rating, version)
