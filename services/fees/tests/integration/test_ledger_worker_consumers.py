"""The fees worker runs the ledger's consumers: ProposalDecided, communities' directory facts and the
household accounts' payments, each in its own group (a fresh interpreter: the worker monkey-patches)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration

PROBE = """
import json
from linli_fees.entrypoints.worker import FeesWorker
print(json.dumps({
    name: [entrypoint.group, entrypoint.topics]
    for name, member in vars(FeesWorker).items()
    for entrypoint in getattr(member, "nameko_entrypoints", ())
    if hasattr(entrypoint, "group")
}))
"""


def test_the_worker_consumes_decisions_directory_facts_and_payments_for_the_ledger():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["on_proposal"] == ["fees-fund-decisions", ["communities.proposal.v1"]]
    assert found["on_ledger_directory"] == [
        "fees-ledger-directory",
        [
            "communities.compound.v1",
            "communities.building.v1",
            "communities.config.v1",
            "communities.organisation.v1",  # firms' contracts: who keeps a compound's books
        ],
    ]
    # households apart, so a district's thousands of them never hold up its buildings
    assert found["on_ledger_households"] == ["fees-ledger-households", ["communities.household.v1"]]
    assert found["on_payment"] == ["fees-ledger-payments", ["fees.account.v1"]]
