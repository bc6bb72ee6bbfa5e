"""The seed-000 loop through the use cases (on the fakes): report → dispatch → accept → … → rated → closed."""

from __future__ import annotations

import pytest
from linli_platform.errors import FailedPrecondition, InvalidField, NotFound, PermissionDenied
from linli_tickets.entrypoints.mapping import ticket_pb
from linli_tickets.service_layer import actions, dispatching, reporting

from ..conftest import FIRM, OTHER_FIRM, RESIDENT, STAFF, TENANT, recorded, who


def report(uows, principal=RESIDENT, request_id="r1", **kw):
    fields = {
        "compound_id": "jinjiang",
        "category": "lighting",
        "description": "3栋2单元楼道灯坏了",
        "building_id": "b3",
        "household_id": "h-301",
        **kw,
    }
    return reporting.create_ticket(uows, principal, reporting.ReportTicket(request_id=request_id, **fields))


def outbox_types(store, ticket_id: str) -> list[str]:
    return [e.type.rsplit(".", 1)[1] for e in recorded(store, ticket_id)]


def test_the_whole_loop_is_in_the_timeline_and_every_step_records_its_event(district, clock, uows, store):
    t = report(uows)
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock)
    actions.accept_ticket(uows, FIRM, t.ticket_id, clock=clock)
    actions.start_work(uows, FIRM, t.ticket_id, clock=clock)
    actions.complete_ticket(
        uows, FIRM, t.ticket_id, "换了灯泡", ["https://img.example/after.jpg"], clock=clock
    )
    actions.verify_ticket(uows, STAFF, t.ticket_id, True, "已现场核验", clock=clock)
    actions.confirm_ticket(uows, RESIDENT, t.ticket_id, 5, "很快就修好了", clock=clock)
    done = actions.close_ticket(uows, STAFF, t.ticket_id, clock=clock)
    assert done.status == "closed" and done.rating == 5 and done.provider_id == "shimao"
    assert [e.action for e in done.timeline] == [
        "reported",
        "dispatched",
        "accepted",
        "started",
        "completed",
        "verified",
        "rated",
        "closed",
    ]
    assert [e.to_status for e in done.timeline] == [
        "reported",
        "dispatched",
        "accepted",
        "in_progress",
        "done",
        "verified",
        "confirmed",
        "closed",
    ]
    assert outbox_types(store, t.ticket_id) == [
        "TicketCreated",
        "TicketDispatched",
        "TicketAccepted",
        "TicketCompleted",
        "TicketVerified",
        "TicketRated",
        "TicketClosed",
    ]


def test_a_wrong_transition_names_the_current_state(district, uows):
    t = report(uows)
    with pytest.raises(FailedPrecondition, match="ticket is reported"):
        actions.accept_ticket(uows, FIRM, t.ticket_id)
    with pytest.raises(FailedPrecondition, match="ticket is reported"):
        actions.confirm_ticket(uows, RESIDENT, t.ticket_id, 5)


def test_roles_outside_the_config_are_denied(district, uows):
    t = report(uows)
    with pytest.raises(PermissionDenied):
        dispatching.dispatch_ticket(uows, who("council", "council-wu"), t.ticket_id)


def test_only_the_assigned_firm_may_accept(district, uows):
    t = report(uows)
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id)
    intruder = who("property_firm", "x", org="zhongjian")
    with pytest.raises(NotFound):  # no contract for 金江公寓: the ticket does not exist for it
        actions.accept_ticket(uows, intruder, t.ticket_id)


def test_reject_then_redispatch_skips_the_rejecting_firm(district, uows):
    t = report(uows, category="plumbing")
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id)
    rejected = actions.reject_ticket(uows, FIRM, t.ticket_id, "人手不足")
    assert rejected.status == "rejected"
    again = dispatching.dispatch_ticket(uows, STAFF, t.ticket_id)
    assert again.provider_kind == "volunteer_team" and "shimao" in again.rejected_by


def test_send_back_reopen_cancel_follow_up_and_urge(district, uows, store):
    t = report(uows)
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, "property_firm", "shimao")
    assert actions.urge_ticket(uows, RESIDENT, t.ticket_id, "快点").urge_count == 1
    actions.accept_ticket(uows, FIRM, t.ticket_id)
    actions.complete_ticket(uows, FIRM, t.ticket_id)
    assert actions.verify_ticket(uows, STAFF, t.ticket_id, False, "灯还是不亮").status == "in_progress"
    actions.complete_ticket(uows, FIRM, t.ticket_id)
    followed = actions.record_follow_up(uows, STAFF, t.ticket_id, False, "居民不满意")
    assert followed.status == "done" and followed.complaint
    reopened = actions.reopen_ticket(uows, RESIDENT, t.ticket_id, "又坏了")
    assert (reopened.status, reopened.provider_id) == ("reported", "")
    assert actions.cancel_ticket(uows, RESIDENT, t.ticket_id).status == "cancelled"
    assert "TicketEscalated" in outbox_types(store, t.ticket_id)
    assert "TicketReopened" in outbox_types(store, t.ticket_id)


def test_staff_report_on_behalf_and_residents_may_not(district, uows):
    t = report(uows, STAFF, on_behalf_of="res-chen", channel="phone")
    assert (t.reporter, t.recorded_by, t.channel) == ("res-chen", "staff-yang", "phone")
    assert reporting.get_ticket(uows, RESIDENT, t.ticket_id).ticket_id == t.ticket_id
    with pytest.raises(InvalidField) as err:
        report(uows, RESIDENT, request_id="r2", on_behalf_of="someone")
    assert err.value.violations[0][0] == "on_behalf_of"


def test_a_retried_report_is_the_same_ticket(district, uows, store):
    assert report(uows).ticket_id == report(uows).ticket_id
    assert len(store.tables["tickets"]) == 1


def test_unknown_category_and_compound(district, uows):
    with pytest.raises(InvalidField) as err:
        report(uows, category="teleport")
    assert err.value.violations[0][0] == "category"
    with pytest.raises(NotFound):
        report(uows, compound_id="nowhere")
    with pytest.raises(InvalidField) as err:
        report(uows, location=(91.0, 114.0))
    assert err.value.violations[0][0] == "location.lat"


def test_duplicates_link_to_an_open_ticket_at_the_same_place(district, uows):
    first = report(uows)
    second = report(uows, who("resident", "res-li"), request_id="r9")
    linked = reporting.link_duplicate(uows, STAFF, second.ticket_id, first.ticket_id)
    assert (linked.status, linked.duplicate_of) == ("cancelled", first.ticket_id)
    elsewhere = report(uows, request_id="r10", compound_id="heyue", building_id="", household_id="")
    with pytest.raises(FailedPrecondition):
        reporting.link_duplicate(uows, STAFF, elsewhere.ticket_id, first.ticket_id)


def test_care_tags_raise_priority_but_never_reach_the_ticket(district, uows, store):
    tagged = report(uows)
    plain = report(uows, request_id="r2", household_id="h-999")
    assert tagged.priority == 2 and plain.priority == 0
    dispatching.dispatch_ticket(uows, STAFF, tagged.ticket_id)
    assert "blue" not in str(ticket_pb(reporting.get_ticket(uows, FIRM, tagged.ticket_id)))
    stored = vars(store.tables["tickets"][(TENANT, tagged.ticket_id)])
    assert "blue" not in repr({k: v for k, v in stored.items() if k != "pending"})
    assert not any("care" in key for key in stored)


def test_firms_see_only_contracted_compounds(district, uows):
    t = report(uows)
    assert reporting.get_ticket(uows, FIRM, t.ticket_id)
    with pytest.raises(NotFound):
        reporting.get_ticket(uows, OTHER_FIRM, t.ticket_id)
    docs, total = reporting.list_tickets(uows, OTHER_FIRM, reporting.TicketFilter(), 0, 50, False)
    assert (docs, total) == ([], 0)
    docs, total = reporting.list_tickets(uows, FIRM, reporting.TicketFilter(), 0, 50, False)
    assert [d.ticket_id for d in docs] == [t.ticket_id]


def test_the_new_ticket_answers_with_its_timeline_and_location(district, clock, uows):
    t = report(uows, location=(30.55, 114.25), photo_urls=["https://img.example/1.jpg"])
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock)
    actions.accept_ticket(uows, FIRM, t.ticket_id, clock=clock)
    actions.complete_ticket(uows, FIRM, t.ticket_id, "好了", ["https://img.example/2.jpg"], clock=clock)
    assert ticket_pb(t).timeline[0].action == "reported" and ticket_pb(t).location.lat == 30.55


def test_events_after_completion_name_who_did_the_work_and_a_reopen_forgets_it(district, clock, uows, store):
    from linli_platform.events import unpack  # noqa: PLC0415

    volunteer = who("volunteer", "vol-li")
    t = report(uows, category="plumbing")
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, "volunteer_team", "red-repair", clock=clock)
    actions.accept_ticket(uows, volunteer, t.ticket_id, clock=clock)
    actions.complete_ticket(uows, volunteer, t.ticket_id, "换了阀门", clock=clock)
    actions.verify_ticket(uows, STAFF, t.ticket_id, True, clock=clock)
    actions.confirm_ticket(uows, RESIDENT, t.ticket_id, 4, clock=clock)
    refs = {e.type.rsplit(".", 1)[1]: unpack(e).ticket for e in recorded(store, t.ticket_id)[1:]}
    assert refs["TicketAccepted"].done_by == ""
    assert (refs["TicketRated"].done_by, refs["TicketRated"].actor) == ("vol-li", "res-chen")
    reopened = actions.reopen_ticket(uows, RESIDENT, t.ticket_id, "又漏了")
    assert reopened.done_by == ""
