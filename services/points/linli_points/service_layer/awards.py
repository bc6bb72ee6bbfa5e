"""Awards (金江之星) and leaderboards: figures of a period from confirmed hours, ratings of the
tickets volunteers did, and points credited; an award is computed once per period and community
and granted with its points (transfer ids follow from the result: a re-run grants nothing again)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from linli_ledger import Transfer
from linli_platform.auth import Principal
from linli_platform.errors import InvalidField, NotFound, PermissionDenied
from linli_platform.persistence import AlreadyStored

from linli_points.domain import books
from linli_points.domain.awards import AwardResult, Candidate, award_result_id
from linli_points.domain.periods import period_bounds, previous_period
from linli_points.domain.volunteer import anonymous_name
from linli_points.service_layer.earning import credited_event, submit
from linli_points.service_layer.reports import caused_at
from linli_points.service_layer.rules_in_force import Rules, rules_at
from linli_points.service_layer.unit_of_work import PointsUnitOfWork
from linli_points.service_layer.volunteers import STAFF


@dataclass(frozen=True)
class Standing:
    rank: int
    subject: str
    display_name: str
    minutes: int
    points: int


def figures(
    uow: PointsUnitOfWork, rules: Rules, period: str, community_id: str, snapshot_at: datetime
) -> list[Candidate]:
    """Each volunteer's confirmed minutes, ratings and points earned in the period, as of the snapshot."""
    since, until = period_bounds(period, rules.timezone)
    until = min(until, snapshot_at)
    minutes: dict[str, int] = defaultdict(int)
    for a in uow.activities.counted(since, until):
        if a.confirmed_at is not None and a.confirmed_at > snapshot_at:
            continue
        if community_id and _community(uow, rules, a.compound_id) != community_id:
            continue
        minutes[a.subject] += a.minutes
    rated: dict[str, list[int]] = defaultdict(list)
    for r in uow.ratings.between(since, until):
        rated[r.subject].append(r.rating)
    points: dict[str, int] = defaultdict(int)
    cursor = ""
    while True:
        page = uow.ledger.transfers(books.ISSUER_ID, since=since, cursor=cursor, limit=500)
        for t in page.transfers:
            if not since <= caused_at(t) < until:
                continue
            if t.debit_account_id == books.ISSUER_ID and t.code.startswith(("ticket.", "activity.")):
                points[books.subject_of(t.credit_account_id)] += t.amount
        cursor = page.next_cursor
        if not cursor:
            break
    subjects = set(minutes) | (set(rated) & set(points))
    profiles = uow.volunteers.named(sorted(subjects))
    if community_id:
        subjects = {
            s
            for s in subjects
            if s in minutes
            or (s in profiles and _community(uow, rules, profiles[s].profile.compound_id) == community_id)
        }
    return [
        Candidate(
            subject=s,
            name=profiles[s].profile.display_name if s in profiles else anonymous_name(s),
            minutes=minutes.get(s, 0),
            rated=len(rated.get(s, [])),
            rating_sum=sum(rated.get(s, [])),
            points=points.get(s, 0),
        )
        for s in sorted(subjects)
    ]


def run_award(
    uow: PointsUnitOfWork,
    caller: Principal | None,
    award: str,
    period: str,
    community_id: str = "",
    now: datetime | None = None,
) -> AwardResult:
    """Compute and grant the award for a whole period, once (a stored result is answered again)."""
    if caller is not None and caller.role not in STAFF:
        raise PermissionDenied("awards are run by staff")
    now = now or datetime.now(UTC)
    rules = rules_at(uow, now)
    rule = next((a for a in rules.points.awards if a.award == award), None)
    if rule is None:
        known = "、".join(f"{a.award}（{a.name}）" for a in rules.points.awards) or "无"
        raise InvalidField("award", f"is not an award of this district: {known}")
    _, end = period_bounds(period, rules.timezone)
    if end > now:
        raise InvalidField("period", "has not ended yet; an award is granted for a whole period")
    with uow:
        held = uow.awards.find(award_result_id(award, period, community_id))
        if held is None:
            result = AwardResult.grant(
                tenant_id=uow.tenant,
                rule=rule,
                period=period,
                community_id=community_id,
                snapshot_at=end,
                rule_version=rules.version,
                candidates=figures(uow, rules, period, community_id, end),
            )
            uow.awards.add(result)
            try:
                uow.commit()
            except AlreadyStored:
                result = uow.awards.get(result.id)
        else:
            result = held
    _grant_points(uow, rules, result, now)
    return result


def _grant_points(uow: PointsUnitOfWork, rules: Rules, result: AwardResult, now: datetime) -> None:
    """The winners' points (idempotent: the transfer ids follow from the result)."""
    for w in result.winners:
        if not w.points or not w.transfer_id or not rules.points.enabled:
            continue
        transfer = Transfer(
            id=w.transfer_id,
            debit_account_id=books.ISSUER_ID,
            credit_account_id=books.person_id(w.subject),
            amount=w.points,
            ledger=books.LEDGER,
            code=f"award.{result.award}"[:64],
            cause=f"points.award.v1/{result.id}"[:256],
            user_data={
                "description": f"{result.award_name}（{result.period}）第{w.rank}名"[:500],
                "community_id": result.community_id,
                "rule_version": str(result.rule_version),
            },
        )
        event = credited_event(uow.tenant, transfer, rules, w.name, result.snapshot_at)
        submit(uow, [transfer], [event], [books.person(w.subject)])


def read_award(uow: PointsUnitOfWork, award: str, period: str, community_id: str = "") -> AwardResult:
    with uow:
        found = uow.awards.find(award_result_id(award, period, community_id))
    if found is None:
        raise NotFound(f"award {award} for {period} not granted yet")
    return found


def leaderboard(
    uow: PointsUnitOfWork, caller: Principal, community_id: str, period: str, by: str = "hours", top: int = 20
) -> list[Standing]:
    """Volunteers by confirmed hours (or points) in the period; names only where they opted in."""
    by = by or "hours"
    if by not in ("hours", "points"):
        raise InvalidField("by", "hours or points")
    now = datetime.now(UTC)
    rules = rules_at(uow, now)
    with uow:
        candidates = figures(uow, rules, period, community_id, now)
        profiles = uow.volunteers.named([c.subject for c in candidates])
    key = (
        (lambda c: (-c.minutes, -c.points, c.subject))
        if by == "hours"
        else (lambda c: (-c.points, -c.minutes, c.subject))
    )
    ranked = sorted((c for c in candidates if (c.minutes if by == "hours" else c.points) > 0), key=key)[
        : top or 20
    ]
    staff = caller.role in STAFF
    out = []
    for i, c in enumerate(ranked):
        profile = profiles.get(c.subject)
        name = profile.public_name() if profile else anonymous_name(c.subject)
        mine = c.subject == caller.subject
        out.append(Standing(i + 1, c.subject if (staff or mine) else "", name, c.minutes, c.points))
    return out


def sweep_awards(uow_factory, tenants: list[str], now: datetime | None = None) -> list[AwardResult]:
    """The worker's timer: every award rule of every district for its last whole period, per community
    (and the district as a whole); what was granted already is answered from storage, nothing again."""
    now = now or datetime.now(UTC)
    results = []
    for tenant in tenants:
        uow = uow_factory(tenant)
        rules = rules_at(uow, now)
        if not rules.points.enabled:
            continue
        communities = sorted({p.id for p in uow.places.all("community")})
        for rule in rules.points.awards:
            period = previous_period(rule.period, now, rules.timezone)
            for community in communities or [""]:
                results.append(run_award(uow_factory(tenant), None, rule.award, period, community, now))
    return results


def _community(uow: PointsUnitOfWork, rules: Rules, compound_id: str) -> str:
    community = rules.community(compound_id)
    if community:
        return community
    place = uow.places.get("compound", compound_id)
    return place.parent if place else ""
