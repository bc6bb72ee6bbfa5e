"""Notifications section: routing rules (event → audience → template → channels), quiet hours.

Routing is data: an event type of a service built later (fees' bills, points' awards) needs a rule
here, not a release of the notifications service. Audiences are resolved from the event's fields
and the rosters the notifications service keeps from communities' events:

- ticket_provider: the firm (``org:<id>``) or the volunteer team's members of the ticket's provider
- supervisor: the community staff desk of the event's compound
- reporter: the person who reported (``reporter``)
- household: the household's shared inbox (``household_id``)
- compound_owners / compound_residents / building_residents / building_leader: from the rosters
  (compound_owners of an event naming `building_ids` — a vote of some buildings, the maintenance
  fund's application or disbursement — are those buildings' owners)
- volunteer: the event's ``volunteer`` / ``subject`` person, or the members of a volunteer-team provider
- subject: the event's ``subject`` field (whom a points credit or a bill concerns)
- org: the organisation named by the event's ``org_id``
- district_admins: the district's administrators
"""

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
    "household",
    "building_leader",
    "org",
]


class Route(Strict):
    event: str = Field(description="event type, e.g. linli.tickets.v1.TicketDispatched")
    audience: Audience
    template: Key
    channels: list[Channel] = ["inbox"]
    urgent: bool = Field(False, description="deliver through opt-outs and quiet hours (safety matters)")


class QuietHours(Strict):
    start: str = Field("22:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    end: str = Field("07:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")


class NotificationsConfig(Strict):
    language: str = "zh-CN"
    channels: list[Channel] = ["inbox", "webhook", "sms", "wechat"]
    quiet_hours: QuietHours = QuietHours()
    urgent_categories: list[Key] = ["electrical"]
    routes: list[Route] = Field(default_factory=lambda: list(DEFAULT_ROUTES))


_T = "linli.tickets.v1."
_C = "linli.communities.v1."
_P = "linli.points.v1."
_F = "linli.fees.v1."
DEFAULT_ROUTES = [
    Route(event=_T + "TicketCreated", audience="reporter", template="ticket_created"),
    Route(event=_T + "TicketCreated", audience="supervisor", template="ticket_to_dispatch"),
    Route(
        event=_T + "TicketDispatched",
        audience="ticket_provider",
        template="ticket_dispatched",
        channels=["inbox", "webhook"],
    ),
    Route(event=_T + "TicketDispatched", audience="reporter", template="ticket_dispatched_reporter"),
    Route(event=_T + "TicketAccepted", audience="reporter", template="ticket_accepted"),
    Route(event=_T + "TicketRejected", audience="supervisor", template="ticket_rejected"),
    Route(event=_T + "TicketCompleted", audience="supervisor", template="ticket_completed"),
    Route(event=_T + "TicketCompleted", audience="reporter", template="ticket_completed_reporter"),
    Route(event=_T + "TicketVerified", audience="reporter", template="ticket_verified"),
    Route(
        event=_T + "TicketRated",
        audience="ticket_provider",
        template="ticket_rated",
        channels=["inbox", "webhook"],
    ),
    Route(
        event=_T + "TicketEscalated",
        audience="supervisor",
        template="ticket_escalated",
        channels=["inbox", "sms"],
    ),
    Route(
        event=_T + "TicketEscalated",
        audience="ticket_provider",
        template="ticket_escalated_provider",
        channels=["inbox", "webhook"],
    ),
    Route(event=_T + "TicketClosed", audience="reporter", template="ticket_closed"),
    Route(
        event=_T + "TicketReopened",
        audience="ticket_provider",
        template="ticket_reopened",
        channels=["inbox", "webhook"],
    ),
    Route(event=_C + "ProposalDecided", audience="compound_owners", template="proposal_decided"),
    Route(event=_C + "ProposalWithdrawn", audience="compound_owners", template="proposal_withdrawn"),
    Route(
        event=_C + "PropertyContractChanged",
        audience="org",
        template="contract_changed",
        channels=["inbox", "webhook"],
    ),
    Route(event=_C + "GovernanceConfigChanged", audience="district_admins", template="config_changed"),
    Route(event=_C + "TenantCreated", audience="district_admins", template="tenant_created"),
    # fees: the public ledger (收支公示) and the maintenance fund (维修资金)
    Route(
        event="linli.fees.v1.StatementPublished",
        audience="compound_residents",
        template="statement_published",
    ),
    Route(
        event="linli.fees.v1.FundApplicationApproved",
        audience="compound_owners",
        template="fund_application_approved",
    ),
    Route(event="linli.fees.v1.FundDisbursed", audience="compound_owners", template="fund_disbursed"),
    # fees: bills, payments, refunds and reversals, reminders (催缴) — to the household's inbox
    Route(event=_F + "BillIssued", audience="household", template="fee_bill_issued"),
    Route(event=_F + "PaymentReceived", audience="household", template="fee_payment_received"),
    Route(event=_F + "EntryReversed", audience="household", template="fee_entry_reversed"),
    Route(event=_F + "PaymentReminder", audience="household", template="fee_reminder"),
    Route(event=_P + "PointsCredited", audience="subject", template="points_credited"),
    Route(event=_P + "PointsTransferred", audience="subject", template="points_transferred"),
    Route(event=_P + "ActivityCheckedOut", audience="supervisor", template="activity_to_confirm"),
    Route(event=_P + "ActivityConfirmed", audience="volunteer", template="activity_confirmed"),
    Route(event=_P + "ActivityRejected", audience="volunteer", template="activity_rejected"),
    Route(event=_P + "AwardGranted", audience="district_admins", template="award_granted"),
    # points: the catalog (a coupon's firm hears of it too) and the tool library
    Route(event=_P + "OrderPlaced", audience="subject", template="points_order_placed"),
    Route(event=_P + "OrderPlaced", audience="org", template="points_coupon_issued"),
    Route(event=_P + "OrderFulfilled", audience="subject", template="points_order_fulfilled"),
    Route(event=_P + "OrderCancelled", audience="subject", template="points_order_cancelled"),
    Route(event=_P + "ToolAccepted", audience="subject", template="tool_accepted"),
    Route(event=_P + "ToolBorrowed", audience="subject", template="tool_borrowed"),
    Route(event=_P + "ToolReturned", audience="subject", template="tool_returned"),
    Route(event=_P + "ToolOverdue", audience="subject", template="tool_overdue"),
    Route(event=_P + "ToolOverdue", audience="volunteer", template="tool_overdue_keeper"),
]
