"""Time rules: quiet hours in the district's zone, and the webhook retry schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from tenacity import wait_exponential_jitter


def _hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def in_quiet_hours(local: time, start: str, end: str) -> bool:
    begin, finish = _hhmm(start), _hhmm(end)
    if begin == finish:
        return False
    if begin < finish:
        return begin <= local < finish
    return local >= begin or local < finish  # spans midnight, e.g. 22:00–07:00


def send_after(now: datetime, timezone: str, start: str, end: str, urgent: bool) -> datetime:
    """When a message to a person may go out: now, or the end of their quiet hours (urgent: now)."""
    if urgent:
        return now
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    if not in_quiet_hours(local.time(), start, end):
        return now
    finish = _hhmm(end)
    candidate = local.replace(hour=finish.hour, minute=finish.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate.astimezone(now.tzinfo)


@dataclass(frozen=True)
class Backoff:
    """Webhook retries: exponential with jitter (tenacity's), capped, then the dead-letter list."""

    initial: float = 1.0
    maximum: float = 600.0
    jitter: float = 1.0
    max_attempts: int = 8

    def delay(self, attempts_made: int) -> float:
        wait = wait_exponential_jitter(initial=self.initial, max=self.maximum, jitter=self.jitter)
        return float(wait(SimpleNamespace(attempt_number=attempts_made)))

    def exhausted(self, attempts_made: int) -> bool:
        return attempts_made >= self.max_attempts
