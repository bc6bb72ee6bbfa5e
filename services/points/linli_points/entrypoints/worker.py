"""Worker of the points service (nameko): credits from tickets' and its own activities' events by
the earn rules, local copies of communities' data and governance versions, the award sweep and
the outbox relay (ledger entries carry the credits' events)."""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

import logging  # noqa: E402

from linli_platform.config import Settings  # noqa: E402
from linli_platform.worker import RuntimeProvider, consume, run_worker, timer  # noqa: E402

from linli_points.adapters import metrics  # noqa: E402
from linli_points.adapters.catalog_unit_of_work import mongo_catalog_unit_of_work  # noqa: E402
from linli_points.adapters.outbox import OUTBOX_DOCUMENTS  # noqa: E402
from linli_points.adapters.tenants import known_tenants  # noqa: E402
from linli_points.adapters.unit_of_work import mongo_unit_of_work  # noqa: E402
from linli_points.entrypoints.consumers import ACTIVITIES, COMMUNITIES, TICKETS, handlers  # noqa: E402
from linli_points.service_layer.awards import sweep_awards  # noqa: E402
from linli_points.service_layer.catalog_timers import sweep_catalog  # noqa: E402
from linli_points.service_layer.reports import outstanding_points  # noqa: E402

HANDLERS = handlers(mongo_unit_of_work)
log = logging.getLogger("linli.points.worker")


class PointsWorker:
    name = "points_worker"
    runtime = RuntimeProvider()

    @timer(interval=0.5)
    def relay_outbox(self):
        self.runtime.relay_once()

    # Copies kept by version and governance versions by number: a redelivery writes nothing.
    @consume(*COMMUNITIES, group="points-communities", effects_keyed=True)
    def on_communities(self, envelope):
        HANDLERS.handle(envelope)

    # Credits are keyed by their cause (transfer ids, allotments): a redelivery credits nothing again.
    @consume(TICKETS, group="points-tickets", effects_keyed=True)
    def on_tickets(self, envelope):
        HANDLERS.handle(envelope)

    @consume(ACTIVITIES, group="points-activities", effects_keyed=True)
    def on_activities(self, envelope):
        HANDLERS.handle(envelope)

    @timer(interval=30)
    def catalog_sweep(self):
        """Orders past their date expire (points and stock back), interrupted ones are compensated,
        overdue tools reminded once (service_layer/catalog_timers)."""
        sweep_catalog(mongo_catalog_unit_of_work, known_tenants())

    @timer(interval=60, eager=True)  # eager: a restarted worker shows the gauge at once
    def outstanding_gauge(self):
        """linli_points_outstanding per district (docs/metrics.md), from the issuer's and sink's books."""
        for tenant in known_tenants():
            metrics.outstanding(tenant, outstanding_points(mongo_unit_of_work(tenant)))

    @timer(interval=3600)
    def award_sweep(self):
        """Each award of each district for its last whole period, once (stored results are kept)."""
        try:
            sweep_awards(mongo_unit_of_work, known_tenants())
        except Exception:  # the next hour tries again; a result once stored is never granted twice
            log.exception("award sweep failed")


if __name__ == "__main__":
    run_worker(PointsWorker, Settings(service="points"), OUTBOX_DOCUMENTS)
