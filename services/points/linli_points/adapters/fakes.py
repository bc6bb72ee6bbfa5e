"""In-memory fakes of the points adapters (same behaviour, proven by tests/contract)."""

from __future__ import annotations

from datetime import datetime

from linli_governance.cache import StoredCopy
from linli_ledger.memory import MemoryBooks
from linli_platform.testing.fakes import FakeScoped, FakeStore, InMemoryRepository

from linli_points.domain.activity import CONFIRMED, Activity
from linli_points.domain.awards import AwardResult
from linli_points.domain.earnings import Earnings
from linli_points.domain.volunteer import Volunteer
from linli_points.service_layer.unit_of_work import (
    Activities,
    Awards,
    EarningsRepository,
    GovernanceVersions,
    Places,
    PointsUnitOfWork,
    Rating,
    Ratings,
    UnitOfWorkFactory,
    Volunteers,
)


class FakeVolunteers(InMemoryRepository[Volunteer], Volunteers):
    table, label = "volunteers", Volunteers.label

    def search(self, specialty, availability, team_id, compound_id, offset, limit):
        found = sorted(
            self._where(
                lambda v: (
                    v.profile.active
                    and (not specialty or specialty in v.profile.specialties)
                    and (not availability or availability in v.profile.availability)
                    and (not team_id or team_id in v.profile.team_ids)
                    and (not compound_id or v.profile.compound_id == compound_id)
                )
            ),
            key=lambda v: v.subject,
        )
        return [self._loaded(v) for v in found[offset : offset + limit]], len(found)

    def named(self, subjects):
        wanted = set(subjects)
        return {v.subject: v for v in self._where(lambda v: v.subject in wanted)}


class FakeActivities(InMemoryRepository[Activity], Activities):
    table, label = "activities", Activities.label

    def page(self, subject, status, team_id, offset, limit):
        found = sorted(
            self._where(
                lambda a: (
                    (not subject or a.subject == subject)
                    and (not status or a.status == status)
                    and (not team_id or a.team_id == team_id)
                )
            ),
            key=lambda a: (a.started_at, a.id),
            reverse=True,
        )
        return [self._loaded(a) for a in found[offset : offset + limit]], len(found)

    def counted(self, since, until):
        found = self._where(
            lambda a: a.status == CONFIRMED and a.ended_at is not None and since <= a.ended_at < until
        )
        return sorted(found, key=lambda a: (a.ended_at, a.id))


class FakeEarnings(InMemoryRepository[Earnings], EarningsRepository):
    table, label = "earnings", EarningsRepository.label


class FakeAwards(InMemoryRepository[AwardResult], Awards):
    table, label = "award_results", Awards.label


class FakeGovernance(FakeScoped, GovernanceVersions):
    table = "governance_versions"

    def keep(self, version, document_json, compound_communities, effective_at):
        if self._get_row(str(version)) is not None:
            return False
        self._put_row(str(version), (version, document_json, dict(compound_communities), effective_at))
        return True

    def in_force(self, at: datetime):
        held = sorted(self._all(), key=lambda row: row[0])
        if not held:
            return None
        before = [row for row in held if row[3] <= at]
        version, document_json, communities, _ = before[-1] if before else held[0]
        return StoredCopy(version, document_json, communities)


class FakePlaces(FakeScoped, Places):
    table = "places"

    def keep(self, kind, place, version):
        held = self._get_row(f"{kind}/{place.id}")
        if held is not None and version and held[1] >= version:
            return False
        self._put_row(f"{kind}/{place.id}", (place, version))
        return True

    def get(self, kind, id):
        held = self._get_row(f"{kind}/{id}")
        return held[0] if held else None

    def all(self, kind):
        prefix = f"{kind}/"
        rows = self._rows.items()
        found = [
            place for (tenant, key), (place, _) in rows if tenant == self.tenant and key.startswith(prefix)
        ]
        return sorted(found, key=lambda p: p.id)


class FakeRatings(FakeScoped, Ratings):
    table = "ratings"

    def keep(self, rating: Rating, version: int) -> bool:
        key = f"{rating.ticket_id}#{version}"
        if self._get_row(key) is not None:
            return False
        self._put_row(key, (rating, version))
        return True

    def between(self, since, until):
        latest: dict[str, tuple[Rating, int]] = {}
        for rating, version in self._all():
            if since <= rating.at < until:
                held = latest.get(rating.ticket_id)
                if held is None or version >= held[1]:
                    latest[rating.ticket_id] = (rating, version)
        return sorted((r for r, _ in latest.values()), key=lambda r: (r.at, r.ticket_id))


def books_of(store: FakeStore) -> MemoryBooks:
    """The in-memory ledger of a store (one per store, its events in the store's outbox)."""
    books = getattr(store, "points_books", None)
    if books is None:
        books = store.points_books = MemoryBooks(store)
    return books


def fake_unit_of_work(store: FakeStore) -> UnitOfWorkFactory:
    """Units of work over one in-memory store, for any tenant."""

    def make(tenant: str) -> PointsUnitOfWork:
        return PointsUnitOfWork(
            tenant,
            volunteers=FakeVolunteers(tenant, store),
            activities=FakeActivities(tenant, store),
            earnings=FakeEarnings(tenant, store),
            awards=FakeAwards(tenant, store),
            governance=FakeGovernance(tenant, store),
            places=FakePlaces(tenant, store),
            ratings=FakeRatings(tenant, store),
            ledger=books_of(store).ledger(tenant),
        )

    return make
