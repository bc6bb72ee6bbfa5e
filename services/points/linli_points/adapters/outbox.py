"""The documents whose outbox the worker's relay publishes."""

from __future__ import annotations

from linli_points.adapters.documents import AccountDoc

OUTBOX_DOCUMENTS = [AccountDoc]
