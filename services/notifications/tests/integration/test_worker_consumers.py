"""The worker's consumers: communities' and tickets' topics always, LINLI_EXTRA_TOPICS in one more
consumer when set. Checked in a fresh interpreter: the worker module monkey-patches with eventlet
(no broker or database needed)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration  # a fresh interpreter importing the worker: seconds, not milliseconds

PROBE = """
import json
from linli_notifications.entrypoints.worker import worker_class
from linli_notifications.settings import NotificationsSettings

found = {}
for extra in ("fees.bill.v1, points.order.v1", ""):
    service = worker_class(NotificationsSettings(extra_topics=extra))
    found[extra] = {
        name: [entrypoint.group, entrypoint.topics]
        for name, member in vars(service).items()
        for entrypoint in getattr(member, "nameko_entrypoints", ())
        if hasattr(entrypoint, "group")
    }
print(json.dumps(found))
"""


def test_extra_topics_get_their_own_consumer_and_none_without_them():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    with_extra, without = found["fees.bill.v1, points.order.v1"], found[""]
    assert with_extra["on_extra"] == ["notifications-extra", ["fees.bill.v1", "points.order.v1"]]
    assert with_extra["on_tickets"] == ["notifications-tickets", ["tickets.ticket.v1"]]
    assert with_extra["on_communities"][0] == "notifications-communities"
    assert "communities.household.v1" not in with_extra["on_communities"][1]  # never behind households
    assert with_extra["on_households"] == ["notifications-households", ["communities.household.v1"]]
    assert {"on_communities", "on_points", "on_tickets"} <= set(without) and "on_extra" not in without
    assert without["on_fees_ledger"] == ["notifications-fees-ledger", ["fees.statement.v1", "fees.fund.v1"]]
    assert without["on_points"][1] == [
        "points.account.v1",
        "points.activity.v1",
        "points.award.v1",
        "points.order.v1",
        "points.tool.v1",
    ]
