"""Settings of the notifications service (LINLI_* environment variables, on top of the chassis')."""

from __future__ import annotations

from linli_platform.config import Settings

from linli_notifications.domain.schedule import Backoff

COMMUNITIES_TOPICS = [
    f"communities.{aggregate}.v1"
    for aggregate in (
        "tenant",
        "community",
        "compound",
        "building",
        "organisation",
        "config",
        "proposal",
    )
]
# Households apart: a district onboarding 10 000 of them must not hold up a governance change
# (linli config apply --wait) or a new compound behind that backlog.
HOUSEHOLDS_TOPICS = ["communities.household.v1"]
TICKETS_TOPICS = ["tickets.ticket.v1"]
FEES_LEDGER_TOPICS = ["fees.statement.v1", "fees.fund.v1"]  # the public ledger and the fund
FEES_TOPICS = ["fees.bill.v1", "fees.account.v1"]  # bills, payments, reversals, reminders
POINTS_TOPICS = [
    "points.account.v1",
    "points.activity.v1",
    "points.award.v1",
    "points.order.v1",
    "points.tool.v1",
]


class NotificationsSettings(Settings):
    service: str = "notifications"
    # Webhook retries: exponential backoff with jitter, then the dead-letter list.
    webhook_backoff_initial: float = 1.0
    webhook_backoff_max: float = 600.0
    webhook_backoff_jitter: float = 1.0
    webhook_max_attempts: int = 8
    webhook_timeout_seconds: float = 10.0
    # Webhook URLs must resolve to public addresses only (SSRF guard, domain/egress.py). True lets
    # them reach loopback and private networks: `linli dev` and the tests, whose receivers are local.
    webhook_allow_private: bool = False
    delivery_interval_seconds: float = 0.2
    # SMS / WeChat gateways; empty = the recording adapter (dev and tests).
    sms_gateway_url: str = ""
    wechat_gateway_url: str = ""
    # Topics of services built later whose events the routing rules may name (comma-separated).
    extra_topics: str = ""

    @property
    def backoff(self) -> Backoff:
        return Backoff(
            self.webhook_backoff_initial,
            self.webhook_backoff_max,
            self.webhook_backoff_jitter,
            self.webhook_max_attempts,
        )

    @property
    def extra_topic_list(self) -> list[str]:
        return [t.strip() for t in self.extra_topics.split(",") if t.strip()]
