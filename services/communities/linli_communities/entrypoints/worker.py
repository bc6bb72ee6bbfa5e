"""Worker of the communities service (nameko): relays the outbox, closes votes whose time is up.

It consumes no events (so it has no EventHandlers map); its timers work district by district.
"""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from linli_platform.config import Settings  # noqa: E402
from linli_platform.worker import RuntimeProvider, run_worker, timer  # noqa: E402

from linli_communities.adapters.hierarchy_reader import MongoRoster  # noqa: E402
from linli_communities.adapters.outbox import OUTBOX_DOCUMENTS  # noqa: E402
from linli_communities.adapters.unit_of_work import district_ids, mongo_unit_of_work  # noqa: E402
from linli_communities.service_layer.proposals import close_due  # noqa: E402


class CommunitiesWorker:
    name = "communities_worker"
    runtime = RuntimeProvider()

    @timer(interval=0.2)
    def relay_outbox(self):
        self.runtime.relay_once()

    @timer(interval=30)
    def close_due_votes(self):
        close_due(mongo_unit_of_work, district_ids(), MongoRoster())


if __name__ == "__main__":
    run_worker(CommunitiesWorker, Settings(service="communities"), OUTBOX_DOCUMENTS)
