"""The worker's reminder sweep over every district's compounds (催缴, once per bill and step)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from linli_platform.errors import DomainError

from linli_fees.adapters import metrics
from linli_fees.domain.periods import period_of_month
from linli_fees.service_layer.reports import arrears_report, collection_report, local_today, send_reminders
from linli_fees.service_layer.unit_of_work import UnitOfWorkFactory

log = logging.getLogger("linli.fees.reminders")


def sweep(
    uows: UnitOfWorkFactory, directory: Callable[[], list[tuple[str, str]]], now: datetime | None = None
) -> int:
    sent = 0
    for tenant, compound_id in directory():
        try:
            sent += send_reminders(uows, tenant, compound_id, now or datetime.now(UTC))
        except DomainError as exc:  # one compound's trouble does not stop the others
            log.warning(
                "reminders skipped",
                extra={"fields": {"tenant_id": tenant, "compound_id": compound_id, "error": str(exc)[:300]}},
            )
    return sent


def refresh_figures(
    uows: UnitOfWorkFactory, directory: Callable[[], list[tuple[str, str]]], now: datetime | None = None
) -> None:
    """The collection ratio of the current period and the arrears, per compound (the gauges)."""
    at = now or datetime.now(UTC)
    for tenant, compound_id in directory():
        try:
            uow = uows(tenant)
            cycle = uow.governance.fees(compound_id).cycle
            month = local_today(uow, at).strftime("%Y-%m")
            figures, _ = collection_report(uows(tenant), compound_id, period_of_month(month, cycle).text, at)
            owed = arrears_report(uows(tenant), compound_id, at).total_fen
        except DomainError as exc:
            log.warning(
                "figures skipped",
                extra={"fields": {"tenant_id": tenant, "compound_id": compound_id, "error": str(exc)[:300]}},
            )
            continue
        metrics.collection(tenant, compound_id, figures.received_fen, figures.receivable_fen, owed)
