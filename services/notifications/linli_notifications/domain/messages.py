"""SMS and WeChat messages: a person's preferences, quiet hours, and the retried queue of a channel."""

from __future__ import annotations

from datetime import datetime, timedelta

from linli_platform.aggregate import Aggregate
from linli_platform.errors import InvalidField

from linli_notifications.domain.ids import stable_id
from linli_notifications.domain.schedule import send_after
from linli_notifications.domain.templates import Rendered

SOURCE = "notifications"
PENDING, SENT, FAILED = "pending", "sent", "failed"
MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(seconds=30)  # a gateway outage: 30 s, 60 s, 90 s … between attempts


class Preferences(Aggregate):
    """A person's channel opt-outs and personal quiet hours (id: the person's subject)."""

    SOURCE, NAME = SOURCE, "preferences"

    def __init__(
        self,
        tenant_id: str,
        id: str,
        opt_out: list[str] | None = None,
        quiet_start: str = "",
        quiet_end: str = "",
        version: int = 0,
    ):
        super().__init__(tenant_id, id, version)
        self.opt_out, self.quiet_start, self.quiet_end = list(opt_out or []), quiet_start, quiet_end

    def change(self, opt_out: list[str], quiet_start: str, quiet_end: str) -> None:
        if "inbox" in opt_out:
            raise InvalidField("opt_out", "the inbox cannot be turned off")
        if bool(quiet_start) != bool(quiet_end):
            raise InvalidField(
                "quiet_end" if quiet_start else "quiet_start", "set both ends of quiet hours or none"
            )
        self.opt_out, self.quiet_start, self.quiet_end = sorted(set(opt_out)), quiet_start, quiet_end
        self.touch()

    def opted_out(self, channel: str) -> bool:
        return channel in self.opt_out

    def quiet_hours(self, district_start: str, district_end: str) -> tuple[str, str]:
        """The person's own quiet hours, or the district's."""
        if self.quiet_start:
            return self.quiet_start, self.quiet_end
        return district_start, district_end


class QueuedMessage(Aggregate):
    """One SMS or WeChat message for one person and one event, waiting for its time and its gateway."""

    SOURCE, NAME = SOURCE, "message"

    def __init__(
        self,
        tenant_id: str,
        id: str,
        *,
        channel: str,
        recipient: str,
        title: str,
        body: str,
        not_before: datetime,
        event_id: str = "",
        status: str = PENDING,
        attempts: int = 0,
        last_error: str = "",
        sent_at: datetime | None = None,
        version: int = 0,
    ):
        super().__init__(tenant_id, id, version)
        self.channel, self.recipient, self.title, self.body = channel, recipient, title, body
        self.not_before, self.event_id, self.status, self.attempts = not_before, event_id, status, attempts
        self.last_error, self.sent_at = last_error, sent_at

    @classmethod
    def plan(
        cls,
        tenant_id: str,
        channel: str,
        recipient: str,
        rendered: Rendered,
        event_id: str,
        *,
        urgent: bool,
        preferences: Preferences,
        quiet_hours: tuple[str, str],
        timezone: str,
        now: datetime,
    ) -> QueuedMessage | None:
        """The message to queue, or None when the person opted out; quiet hours delay it (urgent:
        neither applies). Its id is stable per (channel, recipient, event): an event twice is one message."""
        if preferences.opted_out(channel) and not urgent:
            return None
        start, end = preferences.quiet_hours(*quiet_hours)
        message = cls(
            tenant_id,
            stable_id("m", tenant_id, channel, recipient, event_id),
            channel=channel,
            recipient=recipient,
            title=rendered.title,
            body=rendered.body,
            event_id=event_id,
            not_before=send_after(now, timezone, start, end, urgent),
        )
        message.touch()
        return message

    def sent(self, now: datetime) -> None:
        self.status, self.sent_at, self.attempts = SENT, now, self.attempts + 1
        self.touch()

    def failed(self, error: str, now: datetime) -> bool:
        """A gateway failure: retried later with a growing delay; True when it gave up."""
        self.not_before = now + RETRY_AFTER * (self.attempts + 1)
        self.attempts += 1
        self.last_error = error[:500]
        self.status = FAILED if self.attempts >= MAX_ATTEMPTS else PENDING
        self.touch()
        return self.status == FAILED
