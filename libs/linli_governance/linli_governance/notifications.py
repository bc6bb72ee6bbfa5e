"""Notifications section: routing rules (event → audience → template → channels), quiet hours."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from linli_governance.base import Key, Strict

Channel = Literal["inbox", "webhook", "sms", "wechat"]
Audience = Literal[
    "ticket_provider",
    "supervisor",
    "reporter",
    "compound_owners",
    "compound_residents",
    "building_residents",
    "volunteer",
    "subject",
    "district_admins",
]


class Route(Strict):
    event: str = Field(description="event type, e.g. linli.tickets.v1.TicketDispatched")
    audience: Audience
    template: Key
    channels: list[Channel] = ["inbox"]


class QuietHours(Strict):
    start: str = Field("22:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    end: str = Field("07:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")


class NotificationsConfig(Strict):
    language: str = "zh-CN"
    channels: list[Channel] = ["inbox", "webhook", "sms", "wechat"]
    quiet_hours: QuietHours = QuietHours()
    urgent_categories: list[Key] = ["electrical"]
    routes: list[Route] = Field(default_factory=lambda: list(DEFAULT_ROUTES))


DEFAULT_ROUTES = [
    Route(event="linli.tickets.v1.TicketCreated", audience="reporter", template="ticket_created"),
    Route(event="linli.tickets.v1.TicketCreated", audience="supervisor", template="ticket_to_dispatch"),
    Route(
        event="linli.tickets.v1.TicketDispatched",
        audience="ticket_provider",
        template="ticket_dispatched",
        channels=["inbox", "webhook"],
    ),
    Route(event="linli.tickets.v1.TicketAccepted", audience="reporter", template="ticket_accepted"),
    Route(event="linli.tickets.v1.TicketCompleted", audience="supervisor", template="ticket_completed"),
    Route(event="linli.tickets.v1.TicketVerified", audience="reporter", template="ticket_verified"),
    Route(
        event="linli.tickets.v1.TicketEscalated",
        audience="supervisor",
        template="ticket_escalated",
        channels=["inbox", "sms"],
    ),
    Route(
        event="linli.communities.v1.ProposalDecided", audience="compound_owners", template="proposal_decided"
    ),
]
