"""Helpers of the notifications unit tests (beside ../conftest.py): 世茂物业's webhook subscription."""

from __future__ import annotations

import pytest
from linli_notifications.service_layer import webhooks
from linli_platform.auth import Principal

SHIMAO_TENANT = "t-jinjiang"


@pytest.fixture
def shimao_hook(uows, local_egress):
    """The firm org-shimao of t-jinjiang subscribed to TicketDispatched (an address that is never
    reached: the tests' senders answer in its place)."""
    subscription, _secret = webhooks.create_subscription(
        uows(SHIMAO_TENANT),
        Principal(SHIMAO_TENANT, "property_firm", "firm-user", "org-shimao"),
        "",
        ["linli.tickets.v1.TicketDispatched"],
        "http://127.0.0.1:1/hook",
        egress=local_egress,
    )
    return subscription
