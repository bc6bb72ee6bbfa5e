"""The catalog's timer work for every district: expire and compensate orders, void pending
transfers nobody resolved, remind borrowers of overdue tools (each step idempotent)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime

from linli_points.service_layer.catalog_unit_of_work import CatalogUnitOfWorkFactory
from linli_points.service_layer.library import release_unclaimed, remind_overdue
from linli_points.service_layer.orders import sweep_orders

log = logging.getLogger("linli.points.catalog")


def sweep_catalog(
    unit_of_work: CatalogUnitOfWorkFactory, tenants: Iterable[str], now: datetime | None = None
) -> int:
    at = now or datetime.now(UTC)
    done = 0
    for tenant in tenants:
        try:
            done += sweep_orders(unit_of_work(tenant), at)
            done += remind_overdue(unit_of_work(tenant), at)
            done += release_unclaimed(unit_of_work(tenant), at)
        except Exception:  # one district's trouble does not stop the others; the next pass retries
            log.exception("catalog sweep of %s failed", tenant)
    return done
