"""linli_ledger: the double-entry kernel shared by points and fees (see README.md)."""

from linli_ledger.model import (
    MAX_AMOUNT,
    MAX_BATCH,
    MAX_ID,
    Account,
    AccountFlags,
    Balance,
    Transfer,
    TransferFlags,
    reversal_of,
)
from linli_ledger.port import Ledger, Mismatch, Submitted, TransferPage, now_ms
from linli_ledger.rules import recompute

__all__ = [
    "MAX_AMOUNT",
    "MAX_BATCH",
    "MAX_ID",
    "Account",
    "AccountFlags",
    "Balance",
    "Ledger",
    "Mismatch",
    "Submitted",
    "Transfer",
    "TransferFlags",
    "TransferPage",
    "now_ms",
    "recompute",
    "reversal_of",
]
