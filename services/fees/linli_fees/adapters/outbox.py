"""The documents whose outbox the worker's relay publishes: none yet (a fee schedule records no
event; bills and payments will, with the Fees issue)."""

from __future__ import annotations

OUTBOX_DOCUMENTS: list[type] = []
