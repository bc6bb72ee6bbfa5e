"""Fan-out announcements: whom they may address, and who may make them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from linli_platform.errors import InvalidField, PermissionDenied

from linli_notifications.domain.routing import HOUSEHOLD

EVENT_TYPE = "linli.notifications.v1.Announcement"


@dataclass(frozen=True)
class Target:
    """Households of one community, one compound, one building of a compound, or tagged ones anywhere."""

    building_id: str = ""
    compound_id: str = ""
    community_id: str = ""
    care_tags: tuple[str, ...] = ()

    def check(self) -> None:
        if self.community_id and (self.compound_id or self.building_id):
            raise InvalidField("community_id", "name a community, or a compound (and building), not both")
        if self.building_id and not self.compound_id:
            raise InvalidField(
                "compound_id", "is required with building_id (buildings are numbered per compound)"
            )
        if not (self.community_id or self.compound_id or self.care_tags):
            raise InvalidField(
                "compound_id", "name a building, compound or community, or filter by care_tags"
            )


def may_announce(is_staff: bool, subject: str, target: Target, building_leader: str) -> None:
    """Staff announce anywhere; a building leader (楼栋长) only to their own building, never by care tags."""
    if is_staff:
        return
    if not building_leader or building_leader != subject or target.care_tags or target.community_id:
        raise PermissionDenied("只有社区工作人员或本楼栋长可以发布公告")


@dataclass(frozen=True, slots=True)
class Household:
    """A household as the fan-out reads it: its inbox key and its people."""

    compound_id: str
    household_id: str
    residents: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()

    @property
    def inbox(self) -> str:
        """The household's inbox: households are numbered per compound (1-1-101 exists in many)."""
        return f"{HOUSEHOLD}{self.compound_id}/{self.household_id}"


@dataclass(frozen=True)
class Announcement:
    """What was announced, to whom, by whom (kept for the record; the entries are in the inboxes)."""

    announcement_id: str
    title: str
    body: str
    target: Target
    households: int
    created_by: str
    created_at: datetime
