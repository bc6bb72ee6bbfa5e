"""The points repositories on MongoDB (tenant-scoped; documents only here)."""

from __future__ import annotations

import copy
import threading
import time
from datetime import UTC, datetime

from linli_governance.cache import StoredCopy
from linli_platform.errors import Aborted
from linli_platform.mongo import on_connect, upsert_newer
from linli_platform.mongo_repository import MongoRepository, MongoScoped

from linli_points.adapters.documents import (
    ActivityDoc,
    AwardResultDoc,
    EarningsDoc,
    GovernanceVersionDoc,
    PlaceDoc,
    RatingDoc,
    VolunteerDoc,
)
from linli_points.domain.activity import CONFIRMED, Activity
from linli_points.domain.awards import AwardResult, Winner
from linli_points.domain.earnings import Allotment, Earnings
from linli_points.domain.volunteer import Profile, Volunteer
from linli_points.service_layer.unit_of_work import (
    Activities,
    Awards,
    EarningsRepository,
    GovernanceVersions,
    Place,
    Places,
    Rating,
    Ratings,
    Volunteers,
)


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class MongoVolunteers(MongoRepository[Volunteer], Volunteers):
    document, key, label = VolunteerDoc, "subject", Volunteers.label

    def to_stored(self, v: Volunteer) -> dict:
        p = v.profile
        return {
            "display_name": p.display_name,
            "compound_id": p.compound_id,
            "specialties": list(p.specialties),
            "availability": list(p.availability),
            "team_ids": list(p.team_ids),
            "leads_team_ids": list(p.leads_team_ids),
            "show_name": p.show_name,
            "active": p.active,
            "trainings": list(p.trainings),
        }

    def from_stored(self, s: dict) -> Volunteer:
        profile = Profile(
            display_name=s.get("display_name", ""),
            compound_id=s.get("compound_id", ""),
            specialties=tuple(s.get("specialties", ())),
            availability=tuple(s.get("availability", ())),
            team_ids=tuple(s.get("team_ids", ())),
            leads_team_ids=tuple(s.get("leads_team_ids", ())),
            show_name=bool(s.get("show_name")),
            active=bool(s.get("active", True)),
            trainings=tuple(s.get("trainings", ())),
        )
        return Volunteer(tenant_id=s["tenant_id"], id=s["subject"], profile=profile, version=s["version"])

    def search(self, specialty, availability, team_id, compound_id, offset, limit):
        conditions: dict = {"active": True}
        if specialty:
            conditions["specialties"] = specialty
        if availability:
            conditions["availability"] = availability
        if team_id:
            conditions["team_ids"] = team_id
        if compound_id:
            conditions["compound_id"] = compound_id
        found = self._find(conditions, {"outbox": 0}, sort=[("subject", 1)], skip=offset, limit=limit)
        return [self._loaded(s) for s in found], self._count(conditions)

    def named(self, subjects):
        if not subjects:
            return {}
        return {
            s["subject"]: self.from_stored(s)
            for s in self._find({"subject": {"$in": list(subjects)}}, {"outbox": 0})
        }


class MongoActivities(MongoRepository[Activity], Activities):
    document, key, label = ActivityDoc, "activity_id", Activities.label
    FIELDS = (
        "subject",
        "kind",
        "kind_name",
        "compound_id",
        "team_id",
        "status",
        "minutes",
        "confirmed_by",
        "note",
        "corrects",
        "corrected_by",
        "recorded_by",
        "subject_name",
        "request_fingerprint",
    )

    def to_stored(self, a: Activity) -> dict:
        stored = {name: getattr(a, name) for name in self.FIELDS}
        stored.update(started_at=a.started_at, ended_at=a.ended_at, confirmed_at=a.confirmed_at)
        return stored

    def from_stored(self, s: dict) -> Activity:
        return Activity(
            tenant_id=s["tenant_id"],
            id=s["activity_id"],
            started_at=_utc(s["started_at"]),
            ended_at=_utc(s.get("ended_at")),
            confirmed_at=_utc(s.get("confirmed_at")),
            version=s["version"],
            **{name: s.get(name, 0 if name == "minutes" else "") for name in self.FIELDS},
        )

    def page(self, subject, status, team_id, offset, limit):
        conditions = {k: v for k, v in (("subject", subject), ("status", status), ("team_id", team_id)) if v}
        found = self._find(
            conditions,
            {"outbox": 0},
            sort=[("started_at", -1), ("activity_id", -1)],
            skip=offset,
            limit=limit,
        )
        return [self._loaded(s) for s in found], self._count(conditions)

    def counted(self, since, until):
        found = self._find({"status": CONFIRMED, "ended_at": {"$gte": since, "$lt": until}}, {"outbox": 0})
        return sorted((self.from_stored(s) for s in found), key=lambda a: (a.ended_at, a.id))


_EARNINGS: dict[tuple[str, str, str], dict] = {}  # (database, tenant, id) → the state this process wrote
on_connect(_EARNINGS.clear)


class MongoEarnings(MongoRepository[Earnings], EarningsRepository):
    """A person's month is written by the worker crediting them: the state it wrote last is read from
    memory (one database operation per credit saved). A stale copy loses its version-guarded write
    (ABORTED, retried by the consumer), which drops it, so the retry reads the database."""

    document, key, label = EarningsDoc, "earnings_id", EarningsRepository.label

    def _cache_key(self, id: str) -> tuple[str, str, str]:
        return (self._collection().database.name, self.tenant, id)

    def _load(self, id: str):
        held = _EARNINGS.get(self._cache_key(id))
        if held is not None:
            return self._loaded(copy.deepcopy(held))
        return super()._load(id)

    def _insert(self, aggregate: Earnings) -> None:
        super()._insert(aggregate)
        self._remember(aggregate)

    def _update(self, aggregate: Earnings) -> None:
        try:
            super()._update(aggregate)
        except Aborted:
            _EARNINGS.pop(self._cache_key(aggregate.id), None)
            raise
        self._remember(aggregate)

    def _remember(self, aggregate: Earnings) -> None:
        if len(_EARNINGS) > 50_000:
            _EARNINGS.clear()
        _EARNINGS[self._cache_key(aggregate.id)] = copy.deepcopy(self._state(aggregate))

    def to_stored(self, e: Earnings) -> dict:
        # transfer ids hold ":" and "." — stored as a list of pairs, not as keys
        return {"allotments": {}, "entries": [[k, a.day, a.amount] for k, a in e.allotments.items()]}

    def from_stored(self, s: dict) -> Earnings:
        allotments = {k: Allotment(day, amount) for k, day, amount in s.get("entries", [])}
        return Earnings(
            tenant_id=s["tenant_id"], id=s["earnings_id"], allotments=allotments, version=s["version"]
        )


class MongoAwards(MongoRepository[AwardResult], Awards):
    document, key, label = AwardResultDoc, "result_id", Awards.label

    def to_stored(self, r: AwardResult) -> dict:
        return {
            "award": r.award,
            "award_name": r.award_name,
            "period": r.period,
            "community_id": r.community_id,
            "snapshot_at": r.snapshot_at,
            "rule_version": r.rule_version,
            "winners": [w.__dict__.copy() for w in r.winners],
            "excluded": list(r.excluded),
        }

    def from_stored(self, s: dict) -> AwardResult:
        return AwardResult(
            tenant_id=s["tenant_id"],
            id=s["result_id"],
            award=s["award"],
            award_name=s["award_name"],
            period=s["period"],
            community_id=s["community_id"],
            snapshot_at=_utc(s["snapshot_at"]),
            rule_version=s["rule_version"],
            winners=[Winner(**w) for w in s.get("winners", [])],
            excluded=list(s.get("excluded", [])),
            version=s["version"],
        )


class _VersionsCache:
    """Per process: the versions held per district (refreshed at most every `TTL` s) and their
    documents (immutable once stored)."""

    TTL = 2.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index: dict[str, tuple[float, list[tuple[int, datetime]]]] = {}
        self.copies: dict[tuple[str, int], StoredCopy] = {}

    def clear(self) -> None:
        with self.lock:
            self.index.clear()
            self.copies.clear()


VERSIONS = _VersionsCache()
on_connect(VERSIONS.clear)


class MongoGovernance(MongoScoped, GovernanceVersions):
    document = GovernanceVersionDoc

    def keep(self, version, document_json, compound_communities, effective_at):
        stored = self._insert_stored(
            {
                "version": version,
                "document_json": document_json,
                "compound_communities": dict(compound_communities),
                "effective_at": effective_at,
            }
        )
        with VERSIONS.lock:
            VERSIONS.index.pop(self.tenant, None)
        return stored

    def in_force(self, at):
        held = self._versions()
        if not held:
            return None
        chosen = held[0][0]
        for version, effective_at in held:
            if effective_at <= at:
                chosen = version
        return self._copy(chosen)

    def _versions(self) -> list[tuple[int, datetime]]:
        now = time.monotonic()
        cached = VERSIONS.index.get(self.tenant)
        if cached is not None and now - cached[0] < VERSIONS.TTL:
            return cached[1]
        rows = self._find({}, {"version": 1, "effective_at": 1}, sort=[("version", 1)])
        held = [(r["version"], _utc(r["effective_at"])) for r in rows]
        with VERSIONS.lock:
            VERSIONS.index[self.tenant] = (now, held)
        return held

    def _copy(self, version: int) -> StoredCopy | None:
        key = (self.tenant, version)
        found = VERSIONS.copies.get(key)
        if found is None:
            row = self._find_one({"version": version})
            if row is None:
                return None
            found = StoredCopy(version, row["document_json"], dict(row.get("compound_communities") or {}))
            with VERSIONS.lock:
                VERSIONS.copies[key] = found
        return found


class MongoPlaces(MongoScoped, Places):
    document = PlaceDoc

    def keep(self, kind, place, version):
        fields = {"name": place.name, "parent": place.parent, "leader": place.leader}
        return upsert_newer(
            self._collection(), self._scope({"kind": kind, "place_id": place.id}), version, fields
        )

    def get(self, kind, id):
        row = self._find_one({"kind": kind, "place_id": id})
        return self._place(row) if row else None

    def all(self, kind):
        return [self._place(r) for r in self._find({"kind": kind}, sort=[("place_id", 1)])]

    @staticmethod
    def _place(row: dict) -> Place:
        return Place(row["place_id"], row.get("name") or "", row.get("parent") or "", row.get("leader") or "")


class MongoRatings(MongoScoped, Ratings):
    document = RatingDoc

    def keep(self, rating: Rating, version: int) -> bool:
        """One insert per (ticket, version): a redelivery collides and writes nothing."""
        return self._insert_stored(
            {
                "ticket_id": rating.ticket_id,
                "version": version,
                "subject": rating.subject,
                "rating": rating.rating,
                "at": rating.at,
            }
        )

    def between(self, since, until):
        rows = self._find({"at": {"$gte": since, "$lt": until}}, sort=[("at", 1), ("ticket_id", 1)])
        latest: dict[str, dict] = {}
        for r in rows:  # a ticket re-rated after a reopen: its latest rating counts
            held = latest.get(r["ticket_id"])
            if held is None or r.get("version", 0) >= held.get("version", 0):
                latest[r["ticket_id"]] = r
        found = [
            Rating(r["ticket_id"], r.get("subject", ""), r.get("rating", 0), _utc(r["at"]))
            for r in latest.values()
        ]
        return sorted(found, key=lambda r: (r.at, r.ticket_id))
