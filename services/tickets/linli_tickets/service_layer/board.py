"""Figures for the community notice board (公示栏): open, resolved, speed, satisfaction, by month."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from statistics import fmean
from zoneinfo import ZoneInfo

from linli_platform.auth import Principal

from linli_tickets.domain.model import OPEN_STATUSES, RESOLVED_STATUSES
from linli_tickets.service_layer.unit_of_work import UnitOfWorkFactory

COMPLAINT_AT_MOST = 2
PRAISE_AT_LEAST = 4


@dataclass
class Period:
    month: str
    reported: int = 0
    resolved: int = 0
    complaints: int = 0
    praise: int = 0


@dataclass
class Board:
    compound_id: str
    open: int = 0
    resolved: int = 0
    mean_minutes_to_accept: float = 0.0
    mean_hours_to_finish: float = 0.0
    satisfaction: float = 0.0
    rated: int = 0
    satisfied_share: float = 0.0
    periods: list[Period] = field(default_factory=list)


def get_board(
    uows: UnitOfWorkFactory,
    principal: Principal,
    compound_id: str,
    since: datetime | None,
    until: datetime | None,
) -> Board:
    with uows(principal.tenant) as uow:
        uow.compounds.get(compound_id)
        zone = ZoneInfo(uow.governance.timezone())
        docs = uow.tickets.on_board(compound_id, since, until)
    board = Board(compound_id)
    accept_minutes, finish_hours, ratings = [], [], []
    periods: dict[str, Period] = defaultdict(lambda: Period(""))
    for doc in docs:
        month = doc.created_at.astimezone(zone).strftime("%Y-%m")
        period = periods[month]
        period.month = month
        period.reported += 1
        if doc.status in OPEN_STATUSES:
            board.open += 1
        if doc.status in RESOLVED_STATUSES:
            board.resolved += 1
            period.resolved += 1
        if doc.accepted_at and doc.dispatched_at:
            accept_minutes.append((doc.accepted_at - doc.dispatched_at).total_seconds() / 60)
        if doc.done_at and doc.accepted_at:
            finish_hours.append((doc.done_at - doc.accepted_at).total_seconds() / 3600)
        if doc.rating:
            ratings.append(doc.rating)
            period.praise += doc.rating >= PRAISE_AT_LEAST
        if doc.complaint or (doc.rating and doc.rating <= COMPLAINT_AT_MOST):
            period.complaints += 1
    board.mean_minutes_to_accept = round(fmean(accept_minutes), 2) if accept_minutes else 0.0
    board.mean_hours_to_finish = round(fmean(finish_hours), 2) if finish_hours else 0.0
    board.satisfaction = round(fmean(ratings), 2) if ratings else 0.0
    board.rated = len(ratings)
    board.satisfied_share = (
        round(sum(r >= PRAISE_AT_LEAST for r in ratings) / len(ratings), 4) if ratings else 0.0
    )
    board.periods = [periods[m] for m in sorted(periods)]
    return board
