"""In-memory fakes of every repository and queue of this service, with the MongoDB adapters' behaviour
(proven by tests/contract/test_repositories.py). Use-case unit tests run on `FakeUnitsOfWork`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime, timedelta

from linli_governance.cache import StoredCopy
from linli_platform.persistence import TenantScoped
from linli_platform.testing.fakes import FakeScoped, FakeStore, InMemoryRepository

from linli_notifications.domain.announcements import Announcement, Household, Target
from linli_notifications.domain.district_templates import DistrictTemplate
from linli_notifications.domain.inbox import InboxEntry, InboxItem, entry_id
from linli_notifications.domain.messages import PENDING as MESSAGE_PENDING
from linli_notifications.domain.messages import Preferences, QueuedMessage
from linli_notifications.domain.templates import TemplateText
from linli_notifications.domain.webhooks import PENDING, Delivery, Subscription
from linli_notifications.service_layer.unit_of_work import NotificationsUnitOfWork, SharedReads

SEQ, LEASES = "webhook_seq", "webhook_leases"


def _key(*parts: str) -> str:
    return "\x1f".join(parts)


class FakeInbox(FakeScoped):
    table = "inbox"

    def deliver(self, event_id: str, event_type: str, items: Iterable[InboxItem], at: datetime) -> int:
        inserted = 0
        for item in items:
            key = entry_id(self.tenant, item.recipient, event_id)
            if (self.tenant, key) in self._rows:
                continue
            entry = InboxEntry(
                self.tenant, key, item.recipient, item.title, item.body, event_type, event_id, at
            )
            self._rows[(self.tenant, key)] = entry  # frozen: no copy needed
            inserted += 1
        self.store.writes += 1
        return inserted

    def _of(self, recipient: str) -> list[InboxEntry]:
        return [e for (t, _), e in self._rows.items() if t == self.tenant and e.recipient == recipient]

    def entry(self, recipient: str, event_id: str) -> InboxEntry | None:
        return next((e for e in self._of(recipient) if e.event_id == event_id), None)

    def page(
        self, recipient: str, unread_only: bool, offset: int, limit: int
    ) -> tuple[list[InboxEntry], int, int]:
        mine = self._of(recipient)
        unread = sum(not e.read for e in mine)
        if unread_only:
            mine = [e for e in mine if not e.read]
        mine.sort(key=lambda e: e.entry_id)
        mine.sort(key=lambda e: e.created_at, reverse=True)
        return mine[offset : offset + limit], len(mine), unread

    def mark_read(self, recipient: str, entry_ids: list[str]) -> int:
        wanted = set(entry_ids)
        marked = [e for e in self._of(recipient) if e.entry_id in wanted and not e.read]
        for e in marked:
            self._rows[(self.tenant, e.entry_id)] = dataclasses.replace(e, read=True)
        self.store.writes += 1
        return len(marked)


class FakeTemplates(InMemoryRepository[DistrictTemplate]):
    table, label = "templates", "template"

    def texts(self) -> dict[str, TemplateText]:
        return {t.id: t.text() for t in self._all()}


class FakePreferences(InMemoryRepository[Preferences]):
    table, label = "preferences", "preferences"


class FakeMessages(InMemoryRepository[QueuedMessage]):
    table, label = "messages", "message"


class FakeSubscriptions(InMemoryRepository[Subscription]):
    table, label = "subscriptions", "webhook subscription"

    def active_of_org(self, org_id: str) -> list[Subscription]:
        return [self._loaded(s) for s in self._where(lambda s: s.org_id == org_id and s.active)]

    def page_of_org(self, org_id: str, offset: int, limit: int) -> tuple[list[Subscription], int]:
        found = sorted(self._where(lambda s: s.org_id == org_id and s.active), key=lambda s: s.created_at)
        return found[offset : offset + limit], len(found)

    def take_seq(self, subscription_id: str) -> int:
        counters = self.store.tables[SEQ]
        counters[(self.tenant, subscription_id)] = counters.get((self.tenant, subscription_id), 0) + 1
        self.store.writes += 1
        return counters[(self.tenant, subscription_id)]


class FakeDeliveries(InMemoryRepository[Delivery]):
    table, label = "deliveries", "delivery"

    def head(self, subscription_id: str) -> Delivery | None:
        queue = self._where(lambda d: d.subscription_id == subscription_id and d.status == PENDING)
        return self._loaded(min(queue, key=lambda d: d.seq)) if queue else None

    def page(self, subscription_id: str, status: str, offset: int, limit: int) -> tuple[list[Delivery], int]:
        found = self._where(
            lambda d: d.subscription_id == subscription_id and (not status or d.status == status)
        )
        found.sort(key=lambda d: d.seq, reverse=True)
        return found[offset : offset + limit], len(found)


class _FakeCopies(FakeScoped):
    """Local copies kept at their version (upsert_newer's rule: version 0 always applies)."""

    def keep(self, key: dict[str, str], version: int, fields: dict) -> bool:
        row_key = _key(*key.values())
        stored = self._get_row(row_key)
        if (
            stored is not None
            and version
            and stored.get("version") is not None
            and stored["version"] >= version
        ):
            return False
        self._put_row(row_key, {**(stored or {}), **key, **fields, "version": version})
        return True


class _Compounds(_FakeCopies):
    table = "roster_compounds"


class _Buildings(_FakeCopies):
    table = "roster_buildings"


class _Households(_FakeCopies):
    table = "roster_households"


class _Teams(_FakeCopies):
    table = "roster_teams"


class FakeRoster(TenantScoped):
    def __init__(self, tenant: str, store: FakeStore):
        super().__init__(tenant)
        self._compounds, self._buildings = _Compounds(tenant, store), _Buildings(tenant, store)
        self._households, self._teams = _Households(tenant, store), _Teams(tenant, store)

    def community_of(self, compound_id: str) -> str:
        found = self._compounds._get_row(_key(compound_id)) if compound_id else None
        return (found or {}).get("community_id", "")

    def compound_name(self, compound_id: str) -> str:
        found = self._compounds._get_row(_key(compound_id)) if compound_id else None
        return (found or {}).get("name", "")

    def building_name(self, compound_id: str, building_id: str) -> str:
        found = self._buildings._get_row(_key(compound_id, building_id))
        return (found or {}).get("name", "")

    def _living(self, **conditions: str) -> list[dict]:
        return self._households._where(
            lambda h: not h.get("archived") and all(h.get(k, "") == v for k, v in conditions.items())
        )

    def household_people(
        self, *, compound_id: str, building_id: str = "", owners_only: bool = False
    ) -> set[str]:
        conditions = {"compound_id": compound_id, **({"building_id": building_id} if building_id else {})}
        people: set[str] = set()
        for h in self._living(**conditions):
            people.update(h.get("owners", []))
            if not owners_only:
                people.update(h.get("residents", []))
        return people

    def building_leader(self, compound_id: str, building_id: str) -> str:
        found = self._buildings._get_row(_key(compound_id, building_id))
        return found["leader_subject"] if found and not found.get("archived") else ""

    def team_members(self, team_id: str) -> list[str]:
        found = self._teams._get_row(_key(team_id))
        return list(found["members"]) if found and not found.get("archived") else []

    def lives_in(self, subject: str, key: str) -> bool:
        compound_id, _, household_id = key.partition("/")
        return any(
            subject in h.get("residents", []) or subject in h.get("owners", [])
            for h in self._living(compound_id=compound_id, household_id=household_id)
        )

    def households(self, target: Target) -> list[Household]:
        conditions = {
            f: getattr(target, f)
            for f in ("community_id", "compound_id", "building_id")
            if getattr(target, f)
        }
        found = self._living(**conditions)
        if target.care_tags:
            found = [h for h in found if set(h.get("care_tags", [])) & set(target.care_tags)]
        return [
            Household(
                h["compound_id"], h["household_id"], tuple(h.get("residents", ())), tuple(h.get("owners", ()))
            )
            for h in found
        ]

    def keep_compound(
        self, compound_id: str, version: int, *, community_id: str, name: str, archived: bool
    ) -> None:
        self._compounds.keep(
            {"compound_id": compound_id},
            version,
            {"community_id": community_id, "name": name, "archived": archived},
        )
        for h in self._households._where(lambda h: h.get("compound_id") == compound_id):
            self._households._put_row(
                _key(compound_id, h["household_id"]), {**h, "community_id": community_id}
            )

    def keep_building(
        self,
        compound_id: str,
        building_id: str,
        version: int,
        *,
        name: str,
        leader_subject: str,
        archived: bool,
    ) -> None:
        fields = {"name": name, "leader_subject": leader_subject, "archived": archived}
        self._buildings.keep({"compound_id": compound_id, "building_id": building_id}, version, fields)

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
    ) -> None:
        fields = {
            "building_id": building_id,
            "community_id": self.community_of(compound_id),
            "residents": list(residents),
            "owners": list(owners),
            "care_tags": list(care_tags),
            "archived": archived,
        }
        self._households.keep({"compound_id": compound_id, "household_id": household_id}, version, fields)

    def keep_team(self, team_id: str, version: int, *, members: list[str], archived: bool) -> None:
        self._teams.keep({"team_id": team_id}, version, {"members": list(members), "archived": archived})


class FakeConfigCopy(FakeScoped):
    table = "config_copies"

    def stored(self) -> StoredCopy | None:
        found = self._get_row("")
        return found[1] if found else None

    def keep_newer(self, copy: StoredCopy) -> bool:
        found = self._get_row("")
        if found is not None and copy.version and found[0] >= copy.version:
            return False
        self._put_row("", (copy.version, copy))
        return True


class FakeAnnouncements(FakeScoped):
    table = "announcements"

    def keep(self, announcement: Announcement) -> None:
        self._put_row(announcement.announcement_id, announcement)


class FakeWebhookQueue:
    def __init__(self, store: FakeStore):
        self.store = store

    def due(self, now: datetime) -> list[str]:
        rows = self.store.tables["deliveries"].values()
        return sorted({d.subscription_id for d in rows if d.status == PENDING and d.next_attempt_at <= now})

    def owner(self, subscription_id: str) -> str | None:
        return next((t for (t, key) in self.store.tables["subscriptions"] if key == subscription_id), None)

    def take_lease(self, subscription_id: str, now: datetime, lease: timedelta) -> bool:
        leases = self.store.tables[LEASES]
        held = leases.get(("", subscription_id))
        if held is not None and held >= now:
            return False
        leases[("", subscription_id)] = now + lease
        return True

    def release(self, subscription_id: str) -> None:
        self.store.tables[LEASES].pop(("", subscription_id), None)


class FakeMessageQueue:
    def __init__(self, store: FakeStore):
        self.store = store

    def due(self, now: datetime, limit: int) -> list[tuple[str, str]]:
        due = [
            (m.not_before, tenant, key)
            for (tenant, key), m in self.store.tables["messages"].items()
            if m.status == MESSAGE_PENDING and m.not_before <= now
        ]
        return [(tenant, key) for _, tenant, key in sorted(due, key=lambda d: d[0])[:limit]]


class FakeUnitsOfWork:
    """The fake factory: every unit of work it makes works on one FakeStore (the service's database)."""

    def __init__(self, store: FakeStore | None = None):
        self.store = store or FakeStore()
        self.reads = SharedReads(
            lambda t: FakeTemplates(t, self.store).texts(), lambda t: FakeConfigCopy(t, self.store).stored()
        )
        self.webhook_queue = FakeWebhookQueue(self.store)
        self.message_queue = FakeMessageQueue(self.store)

    def __call__(self, tenant: str) -> NotificationsUnitOfWork:
        store = self.store
        return NotificationsUnitOfWork(
            tenant,
            self.reads,
            inbox=FakeInbox(tenant, store),
            templates=FakeTemplates(tenant, store),
            preferences=FakePreferences(tenant, store),
            messages=FakeMessages(tenant, store),
            subscriptions=FakeSubscriptions(tenant, store),
            deliveries=FakeDeliveries(tenant, store),
            roster=FakeRoster(tenant, store),
            config=FakeConfigCopy(tenant, store),
            announcements=FakeAnnouncements(tenant, store),
        )

    def stored(self, table: str, tenant: str) -> list:
        """What a table holds for a tenant, in write order (for tests' assertions)."""
        return [value for (t, _), value in self.store.tables[table].items() if t == tenant]
