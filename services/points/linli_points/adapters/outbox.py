"""The documents whose outbox the worker's relay publishes (ledger entries carry the credits'
events in the same write as the transfers)."""

from __future__ import annotations

from linli_ledger.mongo import LedgerEntryDoc

from linli_points.adapters.catalog_documents import OrderDoc, ToolDoc
from linli_points.adapters.documents import ActivityDoc, AwardResultDoc, VolunteerDoc

OUTBOX_DOCUMENTS = [LedgerEntryDoc, VolunteerDoc, ActivityDoc, AwardResultDoc, OrderDoc, ToolDoc]
