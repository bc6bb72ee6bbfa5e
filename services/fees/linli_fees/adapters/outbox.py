"""The documents whose outbox the worker's relay publishes: bills (BillIssued) and household
accounts (PaymentReceived, EntryReversed, PaymentReminder), and the public ledger's and the fund's."""

from __future__ import annotations

from linli_ledger.mongo import LedgerEntryDoc

from linli_fees.adapters.documents import AccountDoc, BillDoc
from linli_fees.adapters.ledger_documents import FundApplicationDoc, LedgerStatementDoc

# The ledger's: statements (StatementPublished), applications (FundApplicationApproved) and the
# kernel's entries (FundDisbursed, written with the stage's transfers).
OUTBOX_DOCUMENTS: list[type] = [BillDoc, AccountDoc, LedgerStatementDoc, FundApplicationDoc, LedgerEntryDoc]
