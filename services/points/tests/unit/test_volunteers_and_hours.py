"""Volunteers and their hours on the fakes: the pool by specialty, check-in/out, who confirms,
corrections that supersede, credits per confirmed hour, reports by team, person and community."""

from __future__ import annotations

from datetime import timedelta

import pytest
from linli_platform.errors import FailedPrecondition, InvalidField, NotFound, PermissionDenied
from linli_points.domain.volunteer import Profile
from linli_points.service_layer import activities, reports, volunteers

from ..conftest import LEADER, RESIDENT, STAFF, T0, TENANT, VOLUNTEER, balance, register, who


class Clock:
    def __init__(self, at):
        self.at = at

    def __call__(self):
        return self.at


def served(
    uows, consume, store, who_=VOLUNTEER, hours=2.0, kind="patrol", confirm_by=STAFF, request_id="in-1"
):
    clock = Clock(T0)
    entry = activities.check_in(uows(TENANT), who_, request_id, kind, "jinjiang", "shuidian", clock=clock)
    clock.at = T0 + timedelta(hours=hours)
    activities.check_out(uows(TENANT), who_, entry.id, clock=clock)
    done = activities.confirm_activity(uows(TENANT), confirm_by, entry.id, True, clock=clock)
    deliver(consume, store)
    return done


def deliver(consume, store):
    """The worker consumes the activity events the relay published."""
    from linli_platform.events import decode  # noqa: PLC0415

    consume(*[decode(e.value) for e in store.take_events() if e.topic == "points.activity.v1"])


def test_staff_find_volunteers_by_specialty_and_availability(district, uows):
    found, total = volunteers.search_volunteers(uows(TENANT), STAFF, specialty="水电")
    assert [v.subject for v in found] == ["vol-ma", "vol-sun"] and total == 2
    found, _ = volunteers.search_volunteers(
        uows(TENANT), STAFF, specialty="水电", availability="weekday_evening"
    )
    assert found == []
    with pytest.raises(PermissionDenied):
        volunteers.search_volunteers(uows(TENANT), RESIDENT, specialty="水电")


def test_a_specialty_outside_the_districts_vocabulary_is_refused_naming_it(district, uows, store):
    writes = store.writes
    with pytest.raises(InvalidField) as refused:
        register(uows, "vol-x", "李", ("烹饪",))
    assert refused.value.violations[0][0] == "specialties[0]"
    assert store.writes == writes


def test_a_person_registers_themself_but_only_staff_set_leaders_or_register_others(district, uows):
    me = who("resident", "res-li")
    profile = Profile(display_name="李红", compound_id="jinjiang", specialties=("绿化",))
    assert volunteers.register_volunteer(uows(TENANT), me, "", profile).subject == "res-li"
    with pytest.raises(PermissionDenied):
        volunteers.register_volunteer(uows(TENANT), me, "res-zhao", profile)
    leader = Profile(
        display_name="李红", compound_id="jinjiang", team_ids=("shuidian",), leads_team_ids=("shuidian",)
    )
    with pytest.raises(PermissionDenied):
        volunteers.register_volunteer(uows(TENANT), me, "", leader)


def test_confirmed_hours_earn_points_per_hour_once(district, uows, consume, store):
    done = served(uows, consume, store, hours=2.5)
    assert (done.status, done.minutes, done.confirmed_by) == ("confirmed", 150, "staff-yang")
    assert balance(uows, "vol-ma") == 13  # 安全巡逻 5 per hour × 2.5, rounded half up
    transfer = uows(TENANT).ledger.transfer(f"activity:{done.id}")
    assert transfer.code == "activity.patrol" and "安全巡逻 2.5 小时" in transfer.user_data["description"]


def test_a_session_counts_at_most_the_kinds_max_hours(district, uows, consume, store):
    done = served(uows, consume, store, hours=20)
    assert done.minutes == 8 * 60 and balance(uows, "vol-ma") == 40


def test_the_team_leader_confirms_but_not_their_own_hours_and_residents_never(district, uows, consume, store):
    assert served(uows, consume, store, confirm_by=LEADER).confirmed_by == "vol-huang"
    clock = Clock(T0)
    own = activities.check_in(uows(TENANT), LEADER, "own", "patrol", "jinjiang", "shuidian", clock=clock)
    activities.check_out(uows(TENANT), LEADER, own.id, clock=clock)
    with pytest.raises(PermissionDenied):
        activities.confirm_activity(uows(TENANT), LEADER, own.id, True, clock=clock)
    with pytest.raises(NotFound):  # a resident does not see others' entries at all
        activities.confirm_activity(uows(TENANT), RESIDENT, own.id, True, clock=clock)


def test_confirmation_before_check_out_names_the_state(district, uows):
    entry = activities.check_in(
        uows(TENANT), VOLUNTEER, "in", "patrol", "jinjiang", "shuidian", clock=Clock(T0)
    )
    with pytest.raises(FailedPrecondition, match="checked_in"):
        activities.confirm_activity(uows(TENANT), STAFF, entry.id, True, clock=Clock(T0))


def test_a_correction_supersedes_the_wrong_entry_and_moves_its_credit(district, uows, consume, store):
    wrong = served(uows, consume, store, hours=8)  # forgot to check out: 8 hours counted
    assert balance(uows, "vol-ma") == 40
    fixed = activities.correct_activity(
        uows(TENANT),
        STAFF,
        "fix-1",
        wrong.id,
        T0,
        T0 + timedelta(hours=2),
        "忘记签退，实际 2 小时",
        clock=Clock(T0 + timedelta(days=1)),
    )
    deliver(consume, store)
    assert (fixed.minutes, fixed.corrects) == (120, wrong.id)
    kept = activities.read_activity(uows(TENANT), STAFF, wrong.id)
    assert (kept.status, kept.corrected_by, kept.minutes) == (
        "corrected",
        fixed.id,
        480,
    )  # kept, never edited
    assert balance(uows, "vol-ma") == 10
    reversal = uows(TENANT).ledger.transfer(f"reversal:activity:{wrong.id}")
    assert reversal.reverses == f"activity:{wrong.id}" and reversal.amount == 40
    assert uows(TENANT).ledger.check() == []
    with pytest.raises(FailedPrecondition, match="corrected"):
        activities.correct_activity(
            uows(TENANT),
            STAFF,
            "fix-2",
            wrong.id,
            T0,
            T0 + timedelta(hours=1),
            "x",
            clock=Clock(T0 + timedelta(days=1)),
        )


def test_a_correction_in_the_future_or_backwards_is_refused(district, uows, consume, store):
    entry = served(uows, consume, store)
    with pytest.raises(InvalidField) as refused:
        activities.correct_activity(
            uows(TENANT), STAFF, "f", entry.id, T0, T0 - timedelta(hours=1), "x", clock=Clock(T0)
        )
    assert refused.value.violations[0][0] == "ended_at"


def test_hours_per_team_person_and_community_with_names(district, uows, consume, store):
    served(uows, consume, store, hours=2)
    served(uows, consume, store, who_=who("volunteer", "vol-sun"), hours=1, request_id="in-2")
    teams = reports.hours_report(uows(TENANT), STAFF, "2026-11", "team")
    assert [(r.name, r.minutes, r.activities) for r in teams] == [("金江水电志愿服务队", 180, 2)]
    people = reports.hours_report(uows(TENANT), STAFF, "2026-11", "person")
    assert [(r.name, r.minutes) for r in people] == [("马建国", 120), ("孙志刚", 60)]
    communities = reports.hours_report(uows(TENANT), STAFF, "2026-Q4", "community")
    assert [(r.name, r.minutes) for r in communities] == [("杨泗社区", 180)]
    assert reports.hours_report(uows(TENANT), STAFF, "2026-10", "team") == []
    with pytest.raises(PermissionDenied):
        reports.hours_report(uows(TENANT), VOLUNTEER, "2026-11", "team")


def test_points_issued_redeemed_and_outstanding_per_community(district, uows, consume, store):
    served(uows, consume, store, hours=2)
    [row] = reports.points_report(uows(TENANT), STAFF, "2026-11")
    assert (row.community_name, row.issued, row.redeemed, row.outstanding) == ("杨泗社区", 10, 0, 10)
    [before] = reports.points_report(uows(TENANT), STAFF, "2026-12")
    assert (before.issued, before.outstanding) == (0, 10)


def test_staff_record_a_past_session_from_a_paper_sheet_and_volunteers_may_not(district, uows):
    now = Clock(T0 + timedelta(days=1))
    entry = activities.check_in(
        uows(TENANT), STAFF, "sheet-1", "service_day", "jinjiang", subject="vol-ma", clock=now, at=T0
    )
    out = activities.check_out(uows(TENANT), STAFF, entry.id, clock=now, at=T0 + timedelta(hours=3))
    assert (out.started_at, out.minutes, out.recorded_by) == (T0, 180, "staff-yang")
    with pytest.raises(PermissionDenied):
        activities.check_in(uows(TENANT), VOLUNTEER, "sheet-2", "patrol", "jinjiang", clock=now, at=T0)
    with pytest.raises(InvalidField) as refused:
        activities.check_in(
            uows(TENANT),
            STAFF,
            "sheet-3",
            "patrol",
            "jinjiang",
            subject="vol-ma",
            clock=now,
            at=now.at + timedelta(hours=1),
        )
    assert refused.value.violations[0][0] == "at"
    early = activities.check_in(
        uows(TENANT), STAFF, "sheet-4", "patrol", "jinjiang", subject="vol-ma", clock=now, at=T0
    )
    with pytest.raises(InvalidField):
        activities.check_out(uows(TENANT), STAFF, early.id, clock=now, at=T0 - timedelta(hours=1))
