"""Fan-out: an announcement to every household of a building, compound, community or a tagged set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from linli_platform.auth import Principal
from linli_platform.errors import InvalidField, PermissionDenied

from linli_notifications.adapters.documents import AnnouncementDoc
from linli_notifications.adapters.roster import HouseholdDoc, MongoRoster, household_key
from linli_notifications.domain.ids import stable_id
from linli_notifications.domain.routing import HOUSEHOLD
from linli_notifications.domain.templates import Rendered
from linli_notifications.service_layer import inbox, outgoing
from linli_notifications.service_layer.config import rules_for

EVENT_TYPE = "linli.notifications.v1.Announcement"


@dataclass(frozen=True)
class Target:
    building_id: str = ""
    compound_id: str = ""
    community_id: str = ""
    care_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Announced:
    announcement_id: str
    households: int
    inbox_entries: int


def _filter(tenant_id: str, target: Target) -> dict:
    """Households of one community, one compound, one building of a compound, or tagged ones anywhere."""
    if target.community_id and (target.compound_id or target.building_id):
        raise InvalidField("community_id", "name a community, or a compound (and building), not both")
    if target.building_id and not target.compound_id:
        raise InvalidField(
            "compound_id", "is required with building_id (buildings are numbered per compound)"
        )
    if not (target.community_id or target.compound_id or target.care_tags):
        raise InvalidField("compound_id", "name a building, compound or community, or filter by care_tags")
    query: dict = {"tenant_id": tenant_id, "archived": False}
    for field in ("community_id", "compound_id", "building_id"):
        if getattr(target, field):
            query[field] = getattr(target, field)
    if target.care_tags:
        query["care_tags"] = {"$in": list(target.care_tags)}
    return query


def _may_announce(principal: Principal, target: Target) -> None:
    """Staff announce anywhere; a building leader (楼栋长) only to their own building, never by care tags."""
    if principal.is_staff:
        return
    roster = MongoRoster(principal.tenant)
    leader = roster.building_leader(target.compound_id, target.building_id) if target.building_id else ""
    if not leader or leader != principal.subject or target.care_tags or target.community_id:
        raise PermissionDenied("只有社区工作人员或本楼栋长可以发布公告")


def announce(
    principal: Principal,
    request_id: str,
    title: str,
    body: str,
    target: Target,
    channels: list[str],
    now: datetime | None = None,
) -> Announced:
    query = _filter(principal.tenant, target)
    _may_announce(principal, target)
    now = now or datetime.now(UTC)
    announcement_id = stable_id("a", principal.tenant, principal.subject, request_id)
    rows = list(
        HouseholdDoc._get_collection().find(
            query,
            {"compound_id": 1, "household_id": 1, "residents": 1, "owners": 1, "_id": 0},
        )
    )
    items = [
        inbox.InboxItem(HOUSEHOLD + household_key(row["compound_id"], row["household_id"]), title, body)
        for row in rows
    ]
    created = inbox.deliver(principal.tenant, announcement_id, EVENT_TYPE, items, now)
    if channels:
        rules = rules_for(principal.tenant, target.compound_id)
        people = sorted({p for row in rows for p in (*row.get("residents", []), *row.get("owners", []))})
        for channel in channels:
            for person in people:
                outgoing.queue(
                    principal.tenant,
                    channel,
                    person,
                    Rendered(title, body),
                    announcement_id,
                    False,
                    rules,
                    now,
                )
    AnnouncementDoc.scoped(principal.tenant).filter(announcement_id=announcement_id).update_one(
        upsert=True,
        set__title=title,
        set__body=body,
        set__households=len(rows),
        set__created_by=principal.subject,
        set__created_at=now,
        set__target={
            "building_id": target.building_id,
            "compound_id": target.compound_id,
            "community_id": target.community_id,
            "care_tags": list(target.care_tags),
        },
    )
    return Announced(announcement_id, len(rows), created)
