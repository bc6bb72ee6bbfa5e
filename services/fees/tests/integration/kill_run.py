"""A billing run in a process of its own, one shard per batch, to be killed half way by the test."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from linli_fees.adapters.unit_of_work import mongo_unit_of_work
from linli_fees.service_layer import billing
from linli_platform import mongo
from linli_platform.config import Settings

if __name__ == "__main__":
    uri, database, tenant, run_id = sys.argv[1:5]
    mongo.connect(Settings(service="fees", mongo_uri=uri, mongo_db=database))
    billing.BATCH_HOUSEHOLDS = 1  # one shard per batch: many batches to be killed in
    billing.run_to_end(mongo_unit_of_work, tenant, run_id, lambda: datetime.now(UTC))
