"""金江之星 and the leaderboard on the fakes: decided by confirmed hours among well-rated volunteers,
from a dated snapshot, granted once per period; names shown only where volunteers opted in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from linli_platform.errors import InvalidField, PermissionDenied
from linli_platform.events import decode, unpack
from linli_points.service_layer import awards

from ..conftest import (
    RESIDENT,
    STAFF,
    T0,
    TENANT,
    VOLUNTEER,
    balance,
    config_event,
    document,
    rated_event,
    who,
)
from .test_volunteers_and_hours import served

AFTER = datetime(2026, 12, 3, tzinfo=UTC)


@pytest.fixture
def month(district, uows, consume, store):
    """November: 马建国 3 h rated 5 and 5; 孙志刚 5 h rated 4; 黄秀英 1 h, never rated."""
    served(uows, consume, store, hours=3, request_id="ma")
    served(uows, consume, store, who_=who("volunteer", "vol-sun"), hours=5, request_id="sun")
    served(
        uows,
        consume,
        store,
        who_=who("volunteer", "vol-huang"),
        hours=1,
        request_id="huang",
        confirm_by=STAFF,
    )
    consume(rated_event("t-1", rating=5), rated_event("t-2", rating=5, at=T0 + timedelta(hours=1)))
    consume(rated_event("t-3", rating=4, done_by="vol-sun"))
    store.take_events()


def test_the_star_goes_to_the_most_hours_among_those_rated_at_least_4_5(month, uows, store):
    result = awards.run_award(uows(TENANT), STAFF, "star", "2026-11", now=AFTER)
    assert [(w.rank, w.name, w.minutes, w.average_rating) for w in result.winners] == [
        (1, "马建国", 180, 5.0)
    ]
    assert any("孙志刚：平均评分 4.00 < 4.5" in e for e in result.excluded)
    assert any("黄秀英：平均评分 无评价" in e for e in result.excluded)
    assert result.snapshot_at == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)  # the month's end in Asia/Shanghai
    [granted] = [unpack(decode(e.value)) for e in store.take_events() if e.type.endswith("AwardGranted")]
    assert (
        granted.names == ["马建国"] and granted.award_name == "金江之星" and "服务 3 小时" in granted.summary
    )
    assert balance(uows, "vol-ma") == 15 + 15 + 15 + 50  # hours 3×5, two tickets 15 each, the award's 50


def test_running_an_award_again_changes_nothing(month, uows, store):
    first = awards.run_award(uows(TENANT), STAFF, "star", "2026-11", now=AFTER)
    store.take_events()
    writes = store.writes
    again = awards.run_award(uows(TENANT), None, "star", "2026-11", now=AFTER + timedelta(days=3))
    assert [w.subject for w in again.winners] == [w.subject for w in first.winners]
    assert store.writes == writes and store.take_events() == []
    assert balance(uows, "vol-ma") == 95


def test_an_award_for_a_period_not_over_or_unknown_is_refused(month, uows):
    with pytest.raises(InvalidField, match="not ended"):
        awards.run_award(uows(TENANT), STAFF, "star", "2026-12", now=AFTER)
    with pytest.raises(InvalidField) as refused:
        awards.run_award(uows(TENANT), STAFF, "nobel", "2026-11", now=AFTER)
    assert refused.value.violations[0][0] == "award"
    with pytest.raises(PermissionDenied):
        awards.run_award(uows(TENANT), VOLUNTEER, "star", "2026-11", now=AFTER)


def test_the_sweep_grants_last_months_award_per_community_once(month, uows):
    results = awards.sweep_awards(uows, [TENANT], now=AFTER)
    assert [(r.community_id, r.period) for r in results] == [("yangsi", "2026-11")]
    assert awards.sweep_awards(uows, [TENANT], now=AFTER)[0].winners == results[0].winners


def test_a_rule_with_a_lower_bar_and_points_by_points(uows, consume, store, district):
    consume(
        config_event(
            2,
            document(
                awards=[{"award": "red", "name": "红色之星", "by": "points", "min_rating": 0, "top": 2}]
            ),
            at=T0,
        )
    )
    served(uows, consume, store, hours=3, request_id="ma")
    consume(rated_event("t-1", rating=5, done_by="vol-sun"))
    result = awards.run_award(uows(TENANT), STAFF, "red", "2026-11", now=AFTER)
    assert [w.subject for w in result.winners] == ["vol-ma"]  # 孙志刚 has points but no hours


def test_the_leaderboard_shows_names_only_of_those_who_opted_in(month, uows):
    board = awards.leaderboard(uows(TENANT), RESIDENT, "yangsi", "2026-11")
    assert [s.display_name for s in board][0].startswith("志愿者")  # 孙志刚, 5 h, did not opt in
    assert board[1].display_name == "马建国" and board[1].minutes == 180
    assert all(s.subject == "" for s in board)  # a resident sees no subjects
    mine = awards.leaderboard(uows(TENANT), VOLUNTEER, "yangsi", "2026-11")
    assert [s.subject for s in mine] == ["", "vol-ma", ""]
    assert awards.leaderboard(uows(TENANT), STAFF, "xinwuli", "2026-11") == []
