"""Use cases on activities (hours): check in, check out, confirm or reject, correct, read, list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from linli_platform.auth import Principal
from linli_platform.errors import InvalidField, NotFound, PermissionDenied
from linli_platform.idempotency import check_same

from linli_points.domain.activity import STATUSES, Activity, activity_id_for
from linli_points.domain.periods import local_text
from linli_points.service_layer.rules_in_force import rules_at
from linli_points.service_layer.unit_of_work import PointsUnitOfWork
from linli_points.service_layer.volunteers import STAFF

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def check_in(
    uow: PointsUnitOfWork,
    caller: Principal,
    request_id: str,
    kind: str,
    compound_id: str,
    team_id: str = "",
    subject: str = "",
    note: str = "",
    fingerprint: str = "",
    clock: Clock = _now,
    at: datetime | None = None,
) -> Activity:
    subject = subject or caller.subject
    if subject != caller.subject and caller.role not in STAFF:
        raise PermissionDenied("only staff check someone else in")
    activity_id = activity_id_for(uow.tenant, caller.subject, request_id)
    with uow:
        held = uow.activities.find(activity_id)
        if held is not None:
            check_same(held.request_fingerprint, fingerprint, request_id)
            return held
        now = _when(caller, at, clock())
        rules = rules_at(uow, now, compound_id)
        rule = rules.points.activities.get(kind)
        if rule is None:
            known = "、".join(f"{k}（{a.name}）" for k, a in rules.points.activities.items())
            raise InvalidField("kind", f"is not an activity kind of this district: {known or '无'}")
        volunteer = uow.volunteers.find(subject)
        if volunteer is None or not volunteer.profile.active:
            raise InvalidField(
                "subject", f"{subject} is not an active volunteer of this district; register first"
            )
        if team_id and team_id not in volunteer.profile.team_ids:
            raise InvalidField(
                "team_id", f"{volunteer.profile.display_name} does not serve in team {team_id}"
            )
        activity = Activity.check_in(
            tenant_id=uow.tenant,
            id=activity_id,
            subject=subject,
            kind=kind,
            kind_name=rule.name,
            compound_id=compound_id,
            team_id=team_id,
            now=now,
            recorded_by=caller.subject,
            subject_name=volunteer.profile.display_name,
            note=note,
            fingerprint=fingerprint,
        )
        uow.activities.add(activity)
        uow.commit()
        return activity


def check_out(
    uow: PointsUnitOfWork,
    caller: Principal,
    activity_id: str,
    note: str = "",
    clock: Clock = _now,
    at: datetime | None = None,
) -> Activity:
    with uow:
        activity = _visible(uow, caller, activity_id)
        now = _when(caller, at, clock())
        if now < activity.started_at:
            raise InvalidField("at", "must not be before the check-in")
        rules = rules_at(uow, now, activity.compound_id)
        rule = rules.points.activities.get(activity.kind)
        max_hours = rule.max_hours if rule else 12
        activity.check_out(
            caller.subject, caller.role in STAFF, now, max_hours, local_text(now, rules.timezone), note
        )
        uow.commit()
        return activity


def confirm_activity(
    uow: PointsUnitOfWork,
    caller: Principal,
    activity_id: str,
    approved: bool,
    note: str = "",
    clock: Clock = _now,
) -> Activity:
    with uow:
        activity = _visible(uow, caller, activity_id)
        now = clock()
        rules = rules_at(uow, now, activity.compound_id)
        _check_confirmer(uow, caller, activity, rules.points.confirmers)
        activity.confirm(caller.subject, approved, now, local_text(now, rules.timezone), note)
        uow.commit()
        return activity


def correct_activity(
    uow: PointsUnitOfWork,
    caller: Principal,
    request_id: str,
    activity_id: str,
    started_at: datetime,
    ended_at: datetime,
    reason: str,
    fingerprint: str = "",
    clock: Clock = _now,
) -> Activity:
    """A new confirmed entry with the right times, superseding the wrong one (which is kept)."""
    correction_id = activity_id_for(uow.tenant, caller.subject, request_id)
    with uow:
        original = _visible(uow, caller, activity_id)
        now = clock()
        rules = rules_at(uow, now, original.compound_id)
        _check_confirmer(uow, caller, original, rules.points.confirmers)
        fixed = uow.activities.find(correction_id)
        if fixed is not None:
            check_same(fixed.request_fingerprint, fingerprint, request_id)
        else:
            rule = rules.points.activities.get(original.kind)
            fixed = original.correction(
                id=correction_id,
                by=caller.subject,
                started_at=started_at,
                ended_at=ended_at,
                max_hours=rule.max_hours if rule else 12,
                reason=reason,
                now=now,
                local_time=local_text(now, rules.timezone),
                fingerprint=fingerprint,
            )
            uow.activities.add(fixed)
        # The correction is written first: a retry with the same request_id finds it and completes
        # the supersede, so a crash between the two writes leaves nothing half-done for long.
        uow.activities.save(fixed)
        original.supersede(fixed, reason)
        uow.commit()
        return fixed


def read_activity(uow: PointsUnitOfWork, caller: Principal, activity_id: str) -> Activity:
    with uow:
        return _visible(uow, caller, activity_id)


def list_activities(
    uow: PointsUnitOfWork,
    caller: Principal,
    subject: str = "",
    status: str = "",
    team_id: str = "",
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[Activity], int]:
    if caller.role not in STAFF:
        if subject and subject != caller.subject:
            raise PermissionDenied("only staff list another person's activities")
        subject = caller.subject
    if status and status not in STATUSES:
        raise InvalidField("status", f"one of {', '.join(STATUSES)}")
    with uow:
        return uow.activities.page(subject, status, team_id, offset, limit)


def _when(caller: Principal, at: datetime | None, now: datetime) -> datetime:
    """The time of a check-in or -out: now, or for staff a past time they record (补录)."""
    if at is None:
        return now
    if caller.role not in STAFF:
        raise PermissionDenied("only staff record a past time (补录)")
    if at > now:
        raise InvalidField("at", "must not be in the future")
    return at


def _visible(uow: PointsUnitOfWork, caller: Principal, activity_id: str) -> Activity:
    """Staff see every entry; a volunteer their own and those of the teams they lead."""
    activity = uow.activities.get(activity_id)
    if caller.role in STAFF or activity.subject == caller.subject:
        return activity
    me = uow.volunteers.find(caller.subject)
    if me is not None and me.leads(activity.team_id):
        return activity
    raise NotFound(f"activity {activity_id} not found")


def _check_confirmer(uow: PointsUnitOfWork, caller: Principal, activity: Activity, confirmers) -> None:
    if caller.role in confirmers:
        return
    if "team_leader" in confirmers:
        me = uow.volunteers.find(caller.subject)
        if me is not None and me.leads(activity.team_id) and caller.subject != activity.subject:
            return
    allowed = "、".join(confirmers)
    raise PermissionDenied(f"hours are confirmed by {allowed} (governance config points.confirmers)")
