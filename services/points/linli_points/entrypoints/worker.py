"""Worker of the points service (nameko): relays the accounts' outbox. Consumers (earn rules on
tickets' and communities' events) arrive with the Points issue; see docs/architecture.md."""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli_platform.config import Settings  # noqa: E402
from linli_platform.worker import RuntimeProvider, run_worker, timer  # noqa: E402

from linli_points.adapters.outbox import OUTBOX_DOCUMENTS  # noqa: E402


class PointsWorker:
    name = "points_worker"
    runtime = RuntimeProvider()

    @timer(interval=0.5)
    def relay_outbox(self):
        self.runtime.relay_once()


if __name__ == "__main__":
    run_worker(PointsWorker, Settings(service="points"), OUTBOX_DOCUMENTS)
