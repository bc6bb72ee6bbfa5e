"""Quiet hours in the district's zone and the webhook retry schedule."""

from datetime import UTC, datetime, time

from linli_notifications.domain.schedule import Backoff, in_quiet_hours, send_after


def test_quiet_hours_spanning_midnight():
    assert in_quiet_hours(time(23, 0), "22:00", "07:00")
    assert in_quiet_hours(time(6, 59), "22:00", "07:00")
    assert not in_quiet_hours(time(7, 0), "22:00", "07:00")
    assert not in_quiet_hours(time(12, 0), "22:00", "07:00")


def test_quiet_hours_within_a_day():
    assert in_quiet_hours(time(13, 0), "12:00", "14:00")
    assert not in_quiet_hours(time(14, 0), "12:00", "14:00")


def test_a_message_at_23_shanghai_waits_until_7_next_morning():
    now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # 23:00 Asia/Shanghai
    assert send_after(now, "Asia/Shanghai", "22:00", "07:00", urgent=False) == datetime(
        2026, 3, 2, 23, 0, tzinfo=UTC
    )


def test_urgent_and_daytime_messages_go_now():
    night = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    day = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    assert send_after(night, "Asia/Shanghai", "22:00", "07:00", urgent=True) == night
    assert send_after(day, "Asia/Shanghai", "22:00", "07:00", urgent=False) == day


def test_backoff_grows_exponentially_with_bounded_jitter_and_a_cap():
    backoff = Backoff(initial=1.0, maximum=10.0, jitter=0.5, max_attempts=4)
    delays = [backoff.delay(n) for n in range(1, 7)]
    for n, delay in enumerate(delays[:4], start=1):
        assert 2 ** (n - 1) <= delay <= 2 ** (n - 1) + 0.5
    assert delays[-1] == 10.0
    assert not backoff.exhausted(3) and backoff.exhausted(4)
