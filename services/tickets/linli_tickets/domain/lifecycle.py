"""The state machine of a ticket: which action moves which status where (pure Python).

报修 reported → 派单 dispatched → 接单 accepted → in progress → done → 督单 verified →
confirmed and rated → closed; plus reject / re-dispatch, reopen, cancel, follow-up (回访) and urge (催单).
Who may take an action is the district's governance config (tickets.transitions); this table says
from where. Any other move is a FailedPrecondition naming the current status.
"""

from __future__ import annotations

from dataclasses import dataclass

from linli_platform.errors import FailedPrecondition, PermissionDenied

from linli_tickets.domain.model import (
    ACCEPTED,
    CANCELLED,
    CLOSED,
    CONFIRMED,
    DISPATCHED,
    DONE,
    IN_PROGRESS,
    REJECTED,
    REPORTED,
    VERIFIED,
)

STATUS_NAMES = {
    REPORTED: "已报修",
    DISPATCHED: "已派单",
    ACCEPTED: "已接单",
    IN_PROGRESS: "处理中",
    DONE: "已完工",
    VERIFIED: "已核验",
    CONFIRMED: "已评价",
    CLOSED: "已关闭",
    REJECTED: "已拒单",
    CANCELLED: "已取消",
}


@dataclass(frozen=True)
class Move:
    """An action: the config key naming who may do it, where it may start, where it leads (None: stays)."""

    permission: str
    sources: frozenset[str]
    target: str | None


MOVES: dict[str, Move] = {
    "dispatch": Move("dispatch", frozenset({REPORTED, REJECTED, DISPATCHED}), DISPATCHED),
    "grab": Move("grab", frozenset({REPORTED, DISPATCHED}), ACCEPTED),
    "accept": Move("accept", frozenset({DISPATCHED}), ACCEPTED),
    "reject": Move("reject", frozenset({DISPATCHED}), REJECTED),
    "start": Move("start", frozenset({ACCEPTED}), IN_PROGRESS),
    "complete": Move("complete", frozenset({ACCEPTED, IN_PROGRESS}), DONE),
    "verify": Move("verify", frozenset({DONE}), VERIFIED),
    "send_back": Move("verify", frozenset({DONE}), IN_PROGRESS),
    "confirm": Move("confirm", frozenset({VERIFIED}), CONFIRMED),
    "close": Move("close", frozenset({CONFIRMED, VERIFIED}), CLOSED),
    "reopen": Move("reopen", frozenset({DONE, VERIFIED, CONFIRMED, CLOSED}), REPORTED),
    "cancel": Move("cancel", frozenset({REPORTED, DISPATCHED, REJECTED, ACCEPTED}), CANCELLED),
    "follow_up": Move("follow_up", frozenset({DONE, VERIFIED, CONFIRMED, CLOSED}), None),
    "urge": Move("urge", frozenset({REPORTED, DISPATCHED, REJECTED, ACCEPTED, IN_PROGRESS}), None),
    "link_duplicate": Move("dispatch", frozenset({REPORTED, REJECTED}), CANCELLED),
    # The worker's own moves (no role is checked; the permission names the human equivalent):
    # an SLA alarm while a deadline runs, the re-dispatch of a missed accept, the close of a rated ticket.
    "escalate": Move("urge", frozenset({DISPATCHED, ACCEPTED, IN_PROGRESS}), None),
    "redispatch": Move("dispatch", frozenset({DISPATCHED}), DISPATCHED),
    "auto_close": Move("close", frozenset({CONFIRMED}), CLOSED),
}


def allowed_roles(transitions, permission: str) -> frozenset[str]:
    """Roles the governance config (a linli_governance Transitions) allows for a permission."""
    return frozenset(getattr(transitions, permission))


def check_role(transitions, action: str, role: str) -> None:
    move = MOVES[action]
    if role not in allowed_roles(transitions, move.permission):
        raise PermissionDenied(f"role {role} may not {move.permission} tickets in this district")


def next_status(action: str, current: str) -> str:
    """The status after `action`, or FailedPrecondition naming the current status."""
    move = MOVES[action]
    if current not in move.sources:
        raise FailedPrecondition(
            f"ticket is {current} ({STATUS_NAMES[current]}); cannot {action} from this state"
        )
    return move.target or current
