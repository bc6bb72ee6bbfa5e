"""Earn rules (pure): what a cause earns whom under the points section in force when it happened.

A credit names its rule (`code`), the configuration version that decided it, and its cause; its
transfer id follows from the cause, so the same cause never credits twice. A ticket earns each of
its roles once (a reopened and re-rated ticket keeps its first credit); an activity once per entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from linli_governance.points import PointsConfig

VOLUNTEER_TEAM = "volunteer_team"


@dataclass(frozen=True)
class Credit:
    transfer_id: str
    subject: str
    amount: int  # before the caps
    code: str
    description: str


@dataclass(frozen=True)
class RatedTicket:
    """What a TicketRated event tells about the work (see tickets' TicketRef)."""

    ticket_id: str
    compound_id: str
    category: str
    reporter: str
    done_by: str
    provider_kind: str
    rating: int
    building_id: str = ""
    building_leader: str = ""  # the leader of the ticket's building, from the local copy


def times(points: int, multiplier: float) -> int:
    """points × multiplier, rounded half up to a whole point."""
    exact = Decimal(points) * Decimal(str(multiplier))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ticket_credits(config: PointsConfig, ticket: RatedTicket) -> list[Credit]:
    if not config.enabled:
        return []
    multiplier = config.multiplier(ticket.rating)
    stars = f"评价 {ticket.rating} 星（×{multiplier:g}）"
    credits = []
    if ticket.provider_kind == VOLUNTEER_TEAM and ticket.done_by:
        amount = times(config.tickets.volunteer, multiplier)
        credits.append(
            Credit(
                f"ticket:{ticket.ticket_id}:volunteer",
                ticket.done_by,
                amount,
                "ticket.volunteer",
                f"完成工单，{stars}",
            )
        )
    if ticket.reporter and ticket.reporter != ticket.done_by:
        leader = bool(ticket.building_leader) and ticket.reporter == ticket.building_leader
        base = config.tickets.building_leader if leader else config.tickets.reporter
        role, text = ("building_leader", "楼栋长上报工单") if leader else ("reporter", "上报工单")
        credits.append(
            Credit(
                f"ticket:{ticket.ticket_id}:{role}",
                ticket.reporter,
                base,
                f"ticket.{role}",
                f"{text}，已完成并评价",
            )
        )
    return [c for c in credits if c.amount > 0]


def activity_credit(
    config: PointsConfig, activity_id: str, subject: str, kind: str, minutes: int
) -> Credit | None:
    """Points per confirmed hour of the kind (pro rata by minute, rounded half up); None: nothing."""
    if not config.enabled or minutes <= 0:
        return None
    rule = config.activities.get(kind)
    if rule is None or rule.points_per_hour == 0:
        return None
    amount = int((Decimal(rule.points_per_hour) * minutes / 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if amount <= 0:
        return None
    hours = f"{minutes / 60:.1f}".rstrip("0").rstrip(".")
    return Credit(f"activity:{activity_id}", subject, amount, f"activity.{kind}", f"{rule.name} {hours} 小时")
