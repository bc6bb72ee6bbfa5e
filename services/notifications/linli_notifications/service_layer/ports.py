"""What the use cases need of storage, as protocols (MongoDB adapters and in-memory fakes implement them)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from linli_governance.cache import StoredCopy

from linli_notifications.domain.announcements import Announcement, Household, Target
from linli_notifications.domain.district_templates import DistrictTemplate
from linli_notifications.domain.inbox import InboxEntry, InboxItem
from linli_notifications.domain.messages import Preferences, QueuedMessage
from linli_notifications.domain.templates import TemplateText
from linli_notifications.domain.webhooks import Delivery, Subscription

A = TypeVar("A")


class Aggregates(Protocol[A]):
    """linli_platform.persistence.Repository: aggregates of one kind for one tenant."""

    def get(self, id: str) -> A: ...
    def find(self, id: str) -> A | None: ...
    def add(self, aggregate: A) -> None: ...


class Inbox(Protocol):
    def deliver(self, event_id: str, event_type: str, items: Iterable[InboxItem], at: datetime) -> int:
        """Bulk insert, one entry per (recipient, event), skipping existing ones; how many were new."""

    def entry(self, recipient: str, event_id: str) -> InboxEntry | None: ...

    def page(
        self, recipient: str, unread_only: bool, offset: int, limit: int
    ) -> tuple[list[InboxEntry], int, int]: ...

    def mark_read(self, recipient: str, entry_ids: list[str]) -> int: ...


class Templates(Aggregates[DistrictTemplate], Protocol):
    def texts(self) -> dict[str, TemplateText]: ...


class Subscriptions(Aggregates[Subscription], Protocol):
    def active_of_org(self, org_id: str) -> list[Subscription]: ...

    def page_of_org(self, org_id: str, offset: int, limit: int) -> tuple[list[Subscription], int]: ...

    def take_seq(self, subscription_id: str) -> int: ...


class Deliveries(Aggregates[Delivery], Protocol):
    def head(self, subscription_id: str) -> Delivery | None: ...

    def page(
        self, subscription_id: str, status: str, offset: int, limit: int
    ) -> tuple[list[Delivery], int]: ...


class Roster(Protocol):
    """domain.routing.Roster, the fan-out's households, and the upkeep of the local copy."""

    def community_of(self, compound_id: str) -> str: ...
    def compound_name(self, compound_id: str) -> str: ...
    def building_name(self, compound_id: str, building_id: str) -> str: ...
    def household_people(
        self, *, compound_id: str, building_id: str = "", owners_only: bool = False
    ) -> set[str]: ...
    def building_leader(self, compound_id: str, building_id: str) -> str: ...
    def team_members(self, team_id: str) -> list[str]: ...
    def lives_in(self, subject: str, key: str) -> bool: ...
    def households(self, target: Target) -> list[Household]: ...
    def keep_compound(
        self, compound_id: str, version: int, *, community_id: str, name: str, archived: bool
    ) -> None: ...
    def keep_building(
        self,
        compound_id: str,
        building_id: str,
        version: int,
        *,
        name: str,
        leader_subject: str,
        archived: bool,
    ) -> None: ...
    def keep_household(
        self,
        compound_id: str,
        household_id: str,
        version: int,
        *,
        building_id: str,
        residents: list[str],
        owners: list[str],
        care_tags: list[str],
        archived: bool,
    ) -> None: ...
    def keep_team(self, team_id: str, version: int, *, members: list[str], archived: bool) -> None: ...


class ConfigCopy(Protocol):
    def stored(self) -> StoredCopy | None: ...
    def keep_newer(self, copy: StoredCopy) -> bool: ...


class Announcements(Protocol):
    def keep(self, announcement: Announcement) -> None: ...


class WebhookQueue(Protocol):
    """Across tenants: the worker's view of every subscription's queue."""

    def due(self, now: datetime) -> list[str]: ...
    def owner(self, subscription_id: str) -> str | None: ...
    def take_lease(self, subscription_id: str, now: datetime, lease: timedelta) -> bool: ...
    def release(self, subscription_id: str) -> None: ...


class MessageQueue(Protocol):
    def due(self, now: datetime, limit: int) -> list[tuple[str, str]]: ...


PreferencesRepository = Aggregates[Preferences]
MessagesRepository = Aggregates[QueuedMessage]
