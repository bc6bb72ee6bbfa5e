"""The documents whose outbox the worker's relay publishes."""

from __future__ import annotations

from linli_tickets.adapters.documents import TicketDoc

OUTBOX_DOCUMENTS = (TicketDoc,)
