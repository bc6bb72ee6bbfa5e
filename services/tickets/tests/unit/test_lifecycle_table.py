"""The state machine table: every action from every status either moves as specified or names the status."""

from __future__ import annotations

import pytest
from linli_governance.tickets import Transitions
from linli_platform.errors import FailedPrecondition, PermissionDenied
from linli_tickets.domain.lifecycle import MOVES, check_role, next_status
from linli_tickets.domain.model import STATUSES

EXPECTED = {
    ("dispatch", "reported"): "dispatched",
    ("dispatch", "rejected"): "dispatched",
    ("dispatch", "dispatched"): "dispatched",
    ("grab", "reported"): "accepted",
    ("grab", "dispatched"): "accepted",
    ("accept", "dispatched"): "accepted",
    ("reject", "dispatched"): "rejected",
    ("start", "accepted"): "in_progress",
    ("complete", "accepted"): "done",
    ("complete", "in_progress"): "done",
    ("verify", "done"): "verified",
    ("send_back", "done"): "in_progress",
    ("confirm", "verified"): "confirmed",
    ("close", "confirmed"): "closed",
    ("close", "verified"): "closed",
    ("cancel", "reported"): "cancelled",
    ("cancel", "dispatched"): "cancelled",
    ("cancel", "rejected"): "cancelled",
    ("cancel", "accepted"): "cancelled",
    ("link_duplicate", "reported"): "cancelled",
    ("link_duplicate", "rejected"): "cancelled",
    **{("reopen", s): "reported" for s in ("done", "verified", "confirmed", "closed")},
    **{("follow_up", s): s for s in ("done", "verified", "confirmed", "closed")},
    **{("urge", s): s for s in ("reported", "dispatched", "rejected", "accepted", "in_progress")},
    # the worker's own moves
    **{("escalate", s): s for s in ("dispatched", "accepted", "in_progress")},
    ("redispatch", "dispatched"): "dispatched",
    ("auto_close", "confirmed"): "closed",
}


@pytest.mark.parametrize("action", sorted(MOVES))
@pytest.mark.parametrize("status", STATUSES)
def test_every_action_from_every_status(action, status):
    expected = EXPECTED.get((action, status))
    if expected is None:
        with pytest.raises(FailedPrecondition, match=f"ticket is {status} "):
            next_status(action, status)
    else:
        assert next_status(action, status) == expected


def test_roles_come_from_the_config():
    defaults = Transitions()
    check_role(defaults, "accept", "property_firm")
    with pytest.raises(PermissionDenied):
        check_role(defaults, "accept", "resident")
    custom = Transitions(accept=["community_staff"])
    check_role(custom, "accept", "community_staff")
    with pytest.raises(PermissionDenied):
        check_role(custom, "accept", "property_firm")


def test_sending_back_needs_the_verify_permission():
    with pytest.raises(PermissionDenied):
        check_role(Transitions(), "send_back", "property_firm")
    check_role(Transitions(), "send_back", "grid_worker")
