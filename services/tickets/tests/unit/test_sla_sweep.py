"""The worker's SLA sweep over stored tickets, driven by a fake clock: warning, breach, escalation."""

from __future__ import annotations

import json

from linli.communities.v1 import events_pb2 as ce
from linli.tickets.v1 import events_pb2
from linli_governance.model import District, GovernanceConfig
from linli_tickets.service_layer import actions, dispatching, escalation, local_copies, reporting
from prometheus_client import REGISTRY

from ..conftest import FIRM, RESIDENT, STAFF, TENANT, recorded
from .test_loop import report


def escalations(store, ticket_id: str) -> list[events_pb2.TicketEscalated]:
    found = []
    for envelope in recorded(store, ticket_id):
        if envelope.type.endswith("TicketEscalated"):
            event = events_pb2.TicketEscalated()
            envelope.payload.Unpack(event)
            found.append(event)
    return found


def set_lighting(uows, **category) -> None:
    doc = GovernanceConfig(district=District(name="汉阳区")).model_dump(mode="json")
    doc["tickets"]["categories"]["lighting"].update(category)
    local_copies.apply_config_changed(
        uows,
        ce.GovernanceConfigChanged(
            tenant_id=TENANT,
            version=2,
            document_json=json.dumps(doc),
            compound_communities={"jinjiang": "yangsi"},
        ),
    )


def breaches() -> float:
    return (
        REGISTRY.get_sample_value(
            "linli_tickets_sla_alarms_total",
            {"tenant": TENANT, "level": "breach", "deadline": "accept", "category": "lighting"},
        )
        or 0.0
    )


def test_accept_warning_and_breach_fire_at_their_configured_times(district, clock, store, uows):
    counted = breaches()
    t = report(
        uows,
    )
    dispatching.dispatch_ticket(
        uows, STAFF, t.ticket_id, clock=clock
    )  # lighting: accept within 30 min, warn at 80 %
    clock.advance(minutes=23, seconds=59)
    assert escalation.sweep(uows, store.tenants, clock) == 0
    clock.advance(seconds=1)
    assert escalation.sweep(uows, store.tenants, clock) == 1
    assert escalation.sweep(uows, store.tenants, clock) == 0  # fires once
    clock.advance(minutes=6)
    assert escalation.sweep(uows, store.tenants, clock) == 1
    kinds = [(e.kind, e.deadline, e.action) for e in escalations(store, t.ticket_id)]
    assert kinds == [("warning", "accept", "notify_supervisor"), ("breach", "accept", "notify_supervisor")]
    ticket = reporting.get_ticket(uows, STAFF, t.ticket_id)
    assert [e.note for e in ticket.timeline if e.action == "escalated"] == [
        "接单即将超时（已派单）",
        "接单已超时（已派单）",
    ]
    clock.advance(days=3)
    assert escalation.sweep(uows, store.tenants, clock) == 0
    assert breaches() == counted + 1  # operators see it in Prometheus


def test_completion_clock_starts_at_acceptance_and_stops_when_done(district, clock, store, uows):
    t = report(
        uows,
    )
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock)
    clock.advance(minutes=5)
    actions.accept_ticket(uows, FIRM, t.ticket_id, clock=clock)
    clock.advance(hours=4)
    assert escalation.sweep(uows, store.tenants, clock) == 1
    assert [(e.kind, e.deadline) for e in escalations(store, t.ticket_id)] == [("breach", "complete")]
    t2 = report(uows, request_id="r2")
    dispatching.dispatch_ticket(uows, STAFF, t2.ticket_id, clock=clock)
    actions.accept_ticket(uows, FIRM, t2.ticket_id, clock=clock)
    actions.complete_ticket(uows, FIRM, t2.ticket_id, clock=clock)
    clock.advance(days=1)
    escalation.sweep(uows, store.tenants, clock)
    assert escalations(store, t2.ticket_id) == []


def test_a_breach_configured_to_redispatch_moves_the_work_on(district, clock, store, uows):
    set_lighting(uows, escalation="redispatch", accept_within_minutes=10)
    t = report(
        uows,
    )
    first = dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock)
    assert first.provider_id == "shimao"
    clock.advance(minutes=10)
    escalation.sweep(uows, store.tenants, clock)
    moved = reporting.get_ticket(uows, STAFF, t.ticket_id)
    assert moved.status == "dispatched" and moved.provider_id != "shimao" and "shimao" in moved.rejected_by
    assert moved.accept_by > first.accept_by  # a fresh accept deadline for the new provider
    assert [e.action for e in escalations(store, t.ticket_id)] == ["redispatch"]


def test_the_config_from_events_decides_dispatch_mode_and_roles(district, clock, uows):
    set_lighting(uows, dispatch="open_grab")
    t = report(
        uows,
    )
    assert dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock).provider_kind == "open"
    won = dispatching.grab_ticket(uows, FIRM, t.ticket_id, clock=clock)
    assert (won.status, won.provider_id) == ("accepted", "shimao")


def test_rated_tickets_close_by_themselves_after_the_configured_days(district, clock, store, uows):
    t = report(
        uows,
    )
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock)
    actions.accept_ticket(uows, FIRM, t.ticket_id, clock=clock)
    actions.complete_ticket(uows, FIRM, t.ticket_id, clock=clock)
    actions.verify_ticket(uows, STAFF, t.ticket_id, True, clock=clock)
    actions.confirm_ticket(uows, RESIDENT, t.ticket_id, 4, clock=clock)
    clock.advance(days=6, hours=23)
    assert escalation.close_rated(uows, store.tenants, clock) == 0
    assert reporting.get_ticket(uows, STAFF, t.ticket_id).status == "confirmed"
    clock.advance(hours=1)
    assert escalation.close_rated(uows, store.tenants, clock) == 1
    closed = reporting.get_ticket(uows, STAFF, t.ticket_id)
    assert closed.status == "closed" and closed.timeline[-1].note == "评价后7天自动关闭"


def test_local_copies_ignore_older_and_replayed_events(district, uows, store):
    def tags() -> list[str]:
        with uows(TENANT) as uow:
            return uow.households.care_tags("jinjiang", "h-301")

    newer = ce.HouseholdUpserted(
        tenant_id=TENANT, compound_id="jinjiang", household_id="h-301", care_tags=["yellow"]
    )
    local_copies.apply_household_upserted(uows, newer, 3)
    older = ce.HouseholdUpserted(tenant_id=TENANT, compound_id="jinjiang", household_id="h-301")
    local_copies.apply_household_upserted(uows, older, 2)
    assert tags() == ["yellow"]
    local_copies.apply_household_upserted(uows, newer, 3)
    copies = [key for tenant, key in store.tables["households"] if tenant == TENANT and key.endswith("h-301")]
    assert tags() == ["yellow"] and len(copies) == 1


def test_the_same_household_number_in_another_compound_has_its_own_care_tags(district, uows):
    other = ce.HouseholdUpserted(tenant_id=TENANT, compound_id="heyue", household_id="h-301", care_tags=[])
    local_copies.apply_household_upserted(uows, other, 5)
    with uows(TENANT) as uow:
        assert uow.households.care_tags("jinjiang", "h-301") == ["blue"]
        assert uow.households.care_tags("heyue", "h-301") == []
