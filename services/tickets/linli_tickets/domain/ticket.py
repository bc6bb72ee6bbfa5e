"""The ticket aggregate: every change of a ticket is a method that checks the rule, moves the status
by the lifecycle table, adds the timeline step and records the event (pure Python).

What a move needs from outside the ticket — the district's transitions config, the category's SLA,
the provider chosen, the caller's teams — is passed in by the service layer, which reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from google.protobuf.message import Message
from linli.tickets.v1 import events_pb2
from linli_platform.aggregate import Aggregate
from linli_platform.auth import Role
from linli_platform.errors import FailedPrecondition, PermissionDenied
from linli_platform.protos import timestamp

from linli_tickets.domain import sla
from linli_tickets.domain.lifecycle import STATUS_NAMES, check_role, next_status
from linli_tickets.domain.model import (
    DISPATCHED,
    OPEN,
    OPEN_STATUSES,
    PROPERTY_FIRM,
    REPORTED,
    SYSTEM_ROLE,
    SYSTEM_SUBJECT,
    VOLUNTEER_TEAM,
    Actor,
    Provider,
    TimelineStep,
)

NOTES = {
    ("accept", "warning"): "接单即将超时",
    ("accept", "breach"): "接单已超时",
    ("complete", "warning"): "完工即将超时",
    ("complete", "breach"): "完工已超时",
}


@dataclass(eq=False, kw_only=True)
class Ticket(Aggregate):
    """A report (报修) and its way through dispatch, work, supervision and rating."""

    SOURCE: ClassVar[str] = "tickets"
    NAME: ClassVar[str] = "ticket"

    tenant_id: str
    id: str
    compound_id: str
    category: str
    description: str
    reporter: str
    created_at: datetime
    status: str = REPORTED
    version: int = 0
    community_id: str = ""
    building_id: str = ""
    household_id: str = ""
    recorded_by: str = ""
    channel: str = "app"
    photo_urls: list[str] = field(default_factory=list)
    completion_photo_urls: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    menu_item_id: str = ""
    duplicate_of: str = ""
    priority: int = 0
    provider_kind: str = ""
    provider_id: str = ""
    rejected_by: list[str] = field(default_factory=list)
    dispatched_at: datetime | None = None
    accepted_at: datetime | None = None
    done_at: datetime | None = None
    confirmed_at: datetime | None = None
    accept_by: datetime | None = None
    complete_by: datetime | None = None
    sla_warn_at: datetime | None = None
    sla_fired: list[str] = field(default_factory=list)
    next_sla_at: datetime | None = None
    rating: int = 0
    rating_comment: str = ""
    complaint: bool = False
    urge_count: int = 0
    timeline: list[TimelineStep] = field(default_factory=list)
    updated_at: datetime | None = None
    request_fingerprint: str = ""  # of the report; a retried request_id with other content is refused

    def __post_init__(self) -> None:
        Aggregate.__init__(self, self.tenant_id, self.id, self.version)

    @property
    def ticket_id(self) -> str:
        return self.id

    # -- 报修 ------------------------------------------------------------------------------------
    @classmethod
    def report(
        cls,
        *,
        tenant_id: str,
        id: str,
        actor: Actor,
        reporter: str,
        compound_id: str,
        community_id: str,
        category: str,
        description: str,
        now: datetime,
        building_id: str = "",
        household_id: str = "",
        photo_urls: Collection[str] = (),
        location: tuple[float, float] | None = None,
        menu_item_id: str = "",
        channel: str = "",
        priority: int = 0,
        fingerprint: str = "",
    ) -> Ticket:
        recorded_by = actor.subject if reporter != actor.subject else ""
        ticket = cls(
            tenant_id=tenant_id,
            id=id,
            compound_id=compound_id,
            community_id=community_id,
            category=category,
            description=description,
            reporter=reporter,
            recorded_by=recorded_by,
            channel=channel or "app",
            building_id=building_id,
            household_id=household_id,
            photo_urls=list(photo_urls),
            lat=location[0] if location else None,
            lon=location[1] if location else None,
            menu_item_id=menu_item_id,
            priority=priority,
            created_at=now,
            updated_at=now,
            request_fingerprint=fingerprint,
        )
        ticket._step(now, "reported", actor, "", REPORTED, f"代{reporter}报修" if recorded_by else "")
        ticket.record(
            events_pb2.TicketCreated(
                ticket_id=id,
                tenant_id=tenant_id,
                compound_id=compound_id,
                category=category,
                description=description,
                reporter=reporter,
                building_id=building_id,
                household_id=household_id,
                priority=priority,
                channel=ticket.channel,
            )
        )
        return ticket

    # -- rules every move applies ----------------------------------------------------------------
    def check(self, action: str, actor: Actor | None, transitions) -> str:
        """The caller's role may take `action` here and the table allows it now: the status after."""
        if actor is not None:
            check_role(transitions, action, actor.role)
        return next_status(action, self.status)

    def check_assigned(self, actor: Actor, teams: Collection[str]) -> None:
        """Providers act only on work dispatched to them; staff the config allows may act for them."""
        firm, team = (self.provider_kind == PROPERTY_FIRM), (self.provider_kind == VOLUNTEER_TEAM)
        if actor.role == Role.PROPERTY_FIRM and not (firm and self.provider_id == actor.org):
            raise PermissionDenied("this ticket is not dispatched to your organisation")
        if actor.role == Role.VOLUNTEER and not (team and self.provider_id in teams):
            raise PermissionDenied("this ticket is not dispatched to your team")

    def open_for_grabbing(self, category) -> None:
        open_now = (self.status == DISPATCHED and self.provider_kind == OPEN) or (
            self.status != DISPATCHED and category.dispatch == "open_grab"
        )
        if not open_now:
            raise FailedPrecondition(f"ticket is {self.status} and not open for grabbing")

    # -- 派单 · 抢单 -------------------------------------------------------------------------------
    def dispatch(
        self, actor: Actor, transitions, provider: Provider, category, now: datetime, note: str = ""
    ) -> None:
        after = self.check("dispatch", actor, transitions)
        event = self._assign(provider, category, now, actor)
        self._moved(now, "dispatched", actor, after, note, event)

    def grab(
        self,
        actor: Actor,
        transitions,
        provider: Provider,
        category,
        menu_hours: int,
        now: datetime,
        note: str = "",
    ) -> None:
        """抢单: the first conditional write wins; later grabs see the ticket accepted."""
        after = self.check("grab", actor, transitions)
        self.open_for_grabbing(category)
        self.provider_kind, self.provider_id = provider.kind, provider.id
        self.dispatched_at = self.dispatched_at or now
        self.accepted_at = now
        self._arm(sla.complete_deadline(now, category, menu_hours))
        event = events_pb2.TicketAccepted(ticket=self._ref(actor), complete_by=timestamp(self.complete_by))
        self._moved(now, "grabbed", actor, after, note, event)

    # -- the provider's work ---------------------------------------------------------------------
    def accept(
        self,
        actor: Actor,
        transitions,
        teams: Collection[str],
        category,
        menu_hours: int,
        now: datetime,
        note: str = "",
    ) -> None:
        after = self.check("accept", actor, transitions)
        self.check_assigned(actor, teams)
        self.accepted_at = now
        self._arm(sla.complete_deadline(now, category, menu_hours))
        event = events_pb2.TicketAccepted(ticket=self._ref(actor), complete_by=timestamp(self.complete_by))
        self._moved(now, "accepted", actor, after, note, event)

    def reject(
        self, actor: Actor, transitions, teams: Collection[str], now: datetime, note: str = ""
    ) -> None:
        after = self.check("reject", actor, transitions)
        self.check_assigned(actor, teams)
        event = events_pb2.TicketRejected(ticket=self._ref(actor), reason=note)
        self._skip_provider()
        self._arm(None)
        self._moved(now, "rejected", actor, after, note, event)

    def start(self, actor: Actor, transitions, teams: Collection[str], now: datetime, note: str = "") -> None:
        after = self.check("start", actor, transitions)
        self.check_assigned(actor, teams)
        self._moved(now, "started", actor, after, note)

    def complete(
        self,
        actor: Actor,
        transitions,
        teams: Collection[str],
        now: datetime,
        note: str = "",
        photo_urls: Collection[str] = (),
    ) -> None:
        after = self.check("complete", actor, transitions)
        self.check_assigned(actor, teams)
        self.done_at = now
        self.completion_photo_urls = list(photo_urls)
        self._arm(None)
        event = events_pb2.TicketCompleted(ticket=self._ref(actor), note=note)
        self._moved(now, "completed", actor, after, note, event)

    # -- 督单 · 评价 · the end -----------------------------------------------------------------------
    def verify(
        self,
        actor: Actor,
        transitions,
        approved: bool,
        category,
        menu_hours: int,
        now: datetime,
        note: str = "",
    ) -> None:
        """督单: approve the work, or send it back to the provider (the completion clock restarts)."""
        after = self.check("verify" if approved else "send_back", actor, transitions)
        if not approved:
            self._arm(sla.complete_deadline(now, category, menu_hours))
        event = events_pb2.TicketVerified(ticket=self._ref(actor), approved=approved, note=note)
        self._moved(now, "verified" if approved else "sent_back", actor, after, note, event)

    def confirm(self, actor: Actor, transitions, rating: int, comment: str, now: datetime) -> None:
        after = self.check("confirm", actor, transitions)
        self.rating, self.rating_comment, self.confirmed_at = rating, comment, now
        event = events_pb2.TicketRated(ticket=self._ref(actor), rating=rating, comment=comment)
        note = f"评分 {rating}" + (f"：{comment}" if comment else "")
        self._moved(now, "rated", actor, after, note, event)

    def close(self, actor: Actor, transitions, now: datetime, note: str = "") -> None:
        after = self.check("close", actor, transitions)
        self._arm(None)
        event = events_pb2.TicketClosed(ticket=self._ref(actor), outcome="closed")
        self._moved(now, "closed", actor, after, note, event)

    def auto_close(self, now: datetime, wait_days: int) -> None:
        """A rated ticket closes by itself after the config's days."""
        after = self.check("auto_close", None, None)
        self._arm(None)
        event = events_pb2.TicketClosed(ticket=self._ref(None), outcome="closed")
        self._moved(now, "closed", None, after, f"评价后{wait_days}天自动关闭", event)

    def cancel(self, actor: Actor, transitions, now: datetime, note: str = "") -> None:
        after = self.check("cancel", actor, transitions)
        self._arm(None)
        event = events_pb2.TicketClosed(ticket=self._ref(actor), outcome="cancelled")
        self._moved(now, "cancelled", actor, after, note, event)

    def reopen(self, actor: Actor, transitions, now: datetime, note: str = "") -> None:
        """Back to reported: the work was not right; it goes through dispatch again."""
        after = self.check("reopen", actor, transitions)
        event = events_pb2.TicketReopened(ticket=self._ref(actor), reason=note)
        self.rating, self.rating_comment, self.confirmed_at, self.done_at = 0, "", None, None
        self.provider_kind, self.provider_id = "", ""
        self._arm(None)
        self._moved(now, "reopened", actor, after, note, event)

    def link_duplicate(self, actor: Actor, transitions, original, now: datetime) -> None:
        """Close a report as a duplicate of an open ticket at the same place (`original`: that ticket)."""
        check_role(transitions, "link_duplicate", actor.role)
        if original.status not in OPEN_STATUSES:
            raise FailedPrecondition(
                f"ticket {original.ticket_id} is {original.status} ({STATUS_NAMES[original.status]}); "
                "only open tickets take duplicates"
            )
        if original.compound_id != self.compound_id or (
            self.building_id and original.building_id and self.building_id != original.building_id
        ):
            raise FailedPrecondition(f"ticket {original.ticket_id} is not at the same place")
        after = self.check("link_duplicate", None, None)
        self.duplicate_of, self.next_sla_at = original.ticket_id, None
        event = events_pb2.TicketClosed(ticket=self._ref(actor), outcome="duplicate")
        self._moved(now, "duplicate_linked", actor, after, f"与工单 {original.ticket_id} 重复", event)

    # -- 回访 · 催单: the status stays -----------------------------------------------------------------
    def follow_up(self, actor: Actor, transitions, satisfied: bool, now: datetime, note: str = "") -> None:
        """回访: an unsatisfied visit counts as a complaint on the board."""
        after = self.check("follow_up", actor, transitions)
        self.complaint = self.complaint or not satisfied
        text = ("回访：满意" if satisfied else "回访：不满意") + (f"（{note}）" if note else "")
        self._moved(now, "follow_up", actor, after, text)

    def urge(self, actor: Actor, transitions, now: datetime, note: str = "") -> None:
        """催单: counted, in the timeline, and an escalation event the supervisor is notified by."""
        after = self.check("urge", actor, transitions)
        self.urge_count += 1
        running = sla.running(self.status)
        due = self.accept_by if running == "accept" else self.complete_by if running == "complete" else None
        event = events_pb2.TicketEscalated(
            ticket=self._ref(actor),
            kind="urge",
            deadline=running or "",
            due_at=timestamp(due),
            action="notify_supervisor",
        )
        self._moved(now, "urged", actor, after, note, event)

    # -- SLAs (the worker's sweep) ---------------------------------------------------------------
    def running_deadline(self) -> sla.Deadline | None:
        return sla.running_deadline(
            self.status,
            self.dispatched_at,
            self.accept_by,
            self.accepted_at,
            self.complete_by,
            self.sla_warn_at,
        )

    def escalate(
        self, category, now: datetime, next_provider: Callable[[Ticket], Provider]
    ) -> list[sla.Alarm]:
        """Fire the alarms due now, once each (TicketEscalated); an accept breach configured to
        redispatch moves the work to `next_provider(ticket)` (the late provider skipped from now on)."""
        deadline = self.running_deadline()
        self.updated_at = now
        self.touch()  # the sweep's look is written even when nothing fires: the next check moves on
        if deadline is None:
            self.next_sla_at = None  # no clock runs in this status
            return []
        self.check("escalate", None, None)
        alarms = sla.due_alarms(deadline, set(self.sla_fired), now)
        rearmed = False
        for alarm in alarms:
            breach = alarm.deadline == "accept" and alarm.level == "breach"
            action = category.escalation if breach else "notify_supervisor"
            self.sla_fired.append(alarm.flag)
            note = f"{NOTES[(alarm.deadline, alarm.level)]}（{STATUS_NAMES[self.status]}）"
            self._step(now, "escalated", None, self.status, self.status, note)
            self.record(
                events_pb2.TicketEscalated(
                    ticket=self._ref(None),
                    kind=alarm.level,
                    deadline=alarm.deadline,
                    due_at=timestamp(alarm.due),
                    action=action,
                )
            )
            if action == "redispatch":
                self._redispatch(category, now, next_provider)
                rearmed = True
        if not rearmed:
            self.next_sla_at = sla.next_check(deadline, set(self.sla_fired))
        return alarms

    def _redispatch(self, category, now: datetime, next_provider: Callable[[Ticket], Provider]) -> None:
        after = self.check("redispatch", None, None)
        self._skip_provider()
        before = self.provider_id
        provider = next_provider(self)
        event = self._assign(provider, category, now, None)
        note = f"超时改派：{before or '抢单池'} → {provider.id or '抢单池'}"
        self._moved(now, "redispatched", None, after, note, event)

    # -- the mechanics of a step -----------------------------------------------------------------
    def _assign(self, provider: Provider, category, now: datetime, actor: Actor | None) -> Message:
        """Point the ticket at a provider and start the accept clock; returns TicketDispatched."""
        self.provider_kind, self.provider_id, self.dispatched_at = provider.kind, provider.id, now
        self._arm(sla.accept_deadline(now, category))
        return events_pb2.TicketDispatched(
            ticket=self._ref(actor),
            description=self.description,
            accept_by=timestamp(self.accept_by),
            priority=self.priority,
        )

    def _skip_provider(self) -> None:
        if self.provider_id and self.provider_id not in self.rejected_by:
            self.rejected_by.append(self.provider_id)

    def _arm(self, deadline: sla.Deadline | None) -> None:
        """Start the running SLA deadline (or stop the clock when none runs in the new status)."""
        if deadline is None:
            self.next_sla_at = None
            return
        if deadline.kind == "accept":
            self.accept_by = deadline.due
        else:
            self.complete_by = deadline.due
        self.sla_warn_at = deadline.warn_at
        self.sla_fired = [f for f in self.sla_fired if not f.startswith(deadline.kind + ":")]
        self.next_sla_at = deadline.warn_at

    def _moved(
        self,
        now: datetime,
        label: str,
        actor: Actor | None,
        after: str,
        note: str,
        event: Message | None = None,
    ) -> None:
        before = self.status
        self.status, self.updated_at = after, now
        self._step(now, label, actor, before, after, note)
        if event is not None:
            self.record(event)
        else:
            self.touch()

    def _step(
        self, at: datetime, action: str, actor: Actor | None, from_status: str, to_status: str, note: str
    ) -> None:
        self.timeline.append(
            TimelineStep(
                at=at,
                action=action,
                actor=actor.subject if actor else SYSTEM_SUBJECT,
                actor_role=actor.role if actor else SYSTEM_ROLE,
                from_status=from_status,
                to_status=to_status,
                note=note,
            )
        )

    def _ref(self, actor: Actor | None) -> events_pb2.TicketRef:
        return events_pb2.TicketRef(
            ticket_id=self.id,
            tenant_id=self.tenant_id,
            compound_id=self.compound_id,
            building_id=self.building_id,
            household_id=self.household_id,
            category=self.category,
            reporter=self.reporter,
            provider_kind=self.provider_kind or "",
            provider_id=self.provider_id or "",
            actor=actor.subject if actor else SYSTEM_SUBJECT,
            actor_role=actor.role if actor else SYSTEM_ROLE,
            done_by=self.done_by,
        )

    @property
    def done_by(self) -> str:
        """Who did the work: the actor of the latest completion since the ticket was last reported."""
        for step in reversed(self.timeline):
            if step.action == "completed":
                return step.actor
            if step.action == "reopened":
                return ""
        return ""
