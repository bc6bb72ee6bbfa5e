"""The worker's reminder sweep over every district's compounds (催缴, once per bill and step)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from linli_platform.errors import DomainError

from linli_fees.service_layer.reports import send_reminders
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
