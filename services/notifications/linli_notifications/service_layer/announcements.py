"""Fan-out: an announcement to every household of a building, compound, community or a tagged set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from linli_platform.auth import Principal

from linli_notifications.domain.announcements import EVENT_TYPE, Announcement, Target, may_announce
from linli_notifications.domain.ids import stable_id
from linli_notifications.domain.inbox import InboxItem
from linli_notifications.domain.templates import Rendered
from linli_notifications.service_layer import inbox, outgoing
from linli_notifications.service_layer.config import rules_for
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork

__all__ = ["Announced", "Target", "announce"]


@dataclass(frozen=True)
class Announced:
    announcement_id: str
    households: int
    inbox_entries: int


def announce(
    uow: NotificationsUnitOfWork,
    principal: Principal,
    request_id: str,
    title: str,
    body: str,
    target: Target,
    channels: list[str],
    now: datetime | None = None,
) -> Announced:
    target.check()
    needs_leader = not principal.is_staff and target.building_id
    leader = uow.roster.building_leader(target.compound_id, target.building_id) if needs_leader else ""
    may_announce(principal.is_staff, principal.subject, target, leader)
    now = now or datetime.now(UTC)
    announcement_id = stable_id("a", principal.tenant, principal.subject, request_id)
    households = uow.roster.households(target)
    items = [InboxItem(household.inbox, title, body) for household in households]
    created = inbox.deliver(uow, announcement_id, EVENT_TYPE, items, now)
    if channels:
        rules = rules_for(uow, target.compound_id)
        people = sorted({p for h in households for p in (*h.residents, *h.owners)})
        for channel in channels:
            for person in people:
                outgoing.queue(
                    uow, channel, person, Rendered(title, body), announcement_id, False, rules, now
                )
    uow.announcements.keep(
        Announcement(announcement_id, title, body, target, len(households), principal.subject, now)
    )
    return Announced(announcement_id, len(households), created)
