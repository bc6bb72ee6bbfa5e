"""The documents whose outbox the worker's relay publishes: bills (BillIssued) and household
accounts (PaymentReceived, EntryReversed, PaymentReminder)."""

from __future__ import annotations

from linli_fees.adapters.documents import AccountDoc, BillDoc

OUTBOX_DOCUMENTS: list[type] = [BillDoc, AccountDoc]
