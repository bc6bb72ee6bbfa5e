"""The public ledger's and the fund's unit of work on MongoDB (the entrypoints' default)."""

from __future__ import annotations

from linli_ledger.mongo import MongoBooks

from linli_fees.adapters.ledger_repository import (
    MongoApplications,
    MongoDecisions,
    MongoDirectory,
    MongoEntryDetails,
    MongoStatements,
)
from linli_fees.service_layer.ledger_ports import LedgerUnitOfWork

BOOKS = MongoBooks()  # one per process: it caches account definitions and heads


def mongo_ledger_unit_of_work(tenant: str) -> LedgerUnitOfWork:
    return LedgerUnitOfWork(
        tenant,
        ledger=BOOKS.ledger(tenant),
        details=MongoEntryDetails(tenant),
        statements=MongoStatements(tenant),
        applications=MongoApplications(tenant),
        decisions=MongoDecisions(tenant),
        directory=MongoDirectory(tenant),
    )
