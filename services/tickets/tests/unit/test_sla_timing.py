"""SLA deadlines and alarms, driven by a fake clock."""

from __future__ import annotations

from datetime import timedelta

from linli_governance.tickets import Category
from linli_tickets.adapters.clock import FakeClock
from linli_tickets.domain import sla

LIGHTING = Category(name="楼道照明", accept_within_minutes=30, complete_within_hours=4, warn_at=0.8)


def test_accept_deadline_and_warning_follow_the_category():
    clock = FakeClock()
    deadline = sla.accept_deadline(clock.now(), LIGHTING)
    assert deadline.due - clock.now() == timedelta(minutes=30)
    assert deadline.warn_at - clock.now() == timedelta(minutes=24)


def test_alarms_fire_exactly_at_their_time_and_once():
    clock = FakeClock()
    deadline = sla.accept_deadline(clock.now(), LIGHTING)
    fired: set[str] = set()
    clock.advance(minutes=23, seconds=59)
    assert sla.due_alarms(deadline, fired, clock.now()) == []
    clock.advance(seconds=1)
    [warning] = sla.due_alarms(deadline, fired, clock.now())
    assert warning.flag == "accept:warning"
    fired.add(warning.flag)
    assert sla.next_check(deadline, fired) == deadline.due
    clock.advance(minutes=5, seconds=59)
    assert sla.due_alarms(deadline, fired, clock.now()) == []
    clock.advance(seconds=1)
    [breach] = sla.due_alarms(deadline, fired, clock.now())
    assert breach.flag == "accept:breach"
    fired.add(breach.flag)
    assert sla.due_alarms(deadline, fired, clock.now() + timedelta(days=1)) == []
    assert sla.next_check(deadline, fired) is None


def test_a_late_sweep_fires_only_the_breach():
    clock = FakeClock()
    deadline = sla.complete_deadline(clock.now(), LIGHTING)
    alarms = sla.due_alarms(deadline, set(), clock.now() + timedelta(hours=5))
    assert [a.flag for a in alarms] == ["complete:breach"]


def test_a_menu_item_can_set_its_own_completion_time():
    clock = FakeClock()
    assert sla.complete_deadline(clock.now(), LIGHTING, hours_override=2).due == clock.now() + timedelta(
        hours=2
    )


def test_priority_from_care_tags_takes_the_highest():
    weights = {"red": 0, "yellow": 1, "blue": 2}
    assert sla.priority_for([], weights) == 0
    assert sla.priority_for(["red", "yellow"], weights) == 1
    assert sla.priority_for(["yellow", "blue"], weights) == 2
