"""Worker of the fees service (nameko): prices compounds from the districts' governance
configurations (communities.config.v1) and relays the outbox."""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli_platform.config import Settings  # noqa: E402
from linli_platform.worker import RuntimeProvider, consume, run_worker, timer  # noqa: E402

from linli_fees.adapters.outbox import OUTBOX_DOCUMENTS  # noqa: E402
from linli_fees.adapters.unit_of_work import mongo_unit_of_work  # noqa: E402
from linli_fees.entrypoints.consumers import handlers  # noqa: E402

HANDLERS = handlers(mongo_unit_of_work)


class FeesWorker:
    name = "fees_worker"
    runtime = RuntimeProvider()

    @timer(interval=0.5)
    def relay_outbox(self):
        self.runtime.relay_once()

    # A schedule keeps the configuration version that priced it: a redelivered event writes nothing.
    @consume("communities.config.v1", group="fees-config", effects_keyed=True)
    def on_config(self, envelope):
        HANDLERS.handle(envelope)


if __name__ == "__main__":
    run_worker(FeesWorker, Settings(service="fees"), OUTBOX_DOCUMENTS)
