"""Tenants never see each other; open grab has one winner; the menu and the board."""

from __future__ import annotations

import pytest
from linli.communities.v1 import events_pb2 as ce
from linli_platform.errors import FailedPrecondition, InvalidField, NotFound
from linli_tickets.service_layer import actions, board, dispatching, local_copies, menu, reporting

from ..conftest import FIRM, OTHER_TENANT, RESIDENT, STAFF, seed_district, who
from .test_loop import report

OTHER_STAFF = who("community_staff", "staff-x", tenant=OTHER_TENANT)


def test_another_tenants_ticket_is_not_found(district, uows):
    seed_district(uows, OTHER_TENANT)
    t = report(
        uows,
    )
    with pytest.raises(NotFound):
        reporting.get_ticket(uows, OTHER_STAFF, t.ticket_id)
    with pytest.raises(NotFound):
        dispatching.dispatch_ticket(uows, OTHER_STAFF, t.ticket_id)
    assert reporting.list_tickets(uows, OTHER_STAFF, reporting.TicketFilter(), 0, 50, True) == ([], 0)
    with pytest.raises(NotFound):
        reporting.get_ticket(uows, who("property_firm", "s", org="shimao", tenant=OTHER_TENANT), t.ticket_id)


def test_residents_see_only_their_own_tickets(district, uows):
    t = report(
        uows,
    )
    with pytest.raises(NotFound):
        reporting.get_ticket(uows, who("resident", "res-li"), t.ticket_id)
    with pytest.raises(NotFound):
        actions.urge_ticket(uows, who("resident", "res-li"), t.ticket_id)


def test_a_second_grab_finds_the_ticket_taken(district, uows):
    t = report(uows, category="other")
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, "open")
    assert dispatching.grab_ticket(uows, who("volunteer", "vol-li"), t.ticket_id).provider_id == "red-repair"
    with pytest.raises(FailedPrecondition, match="ticket is accepted"):
        dispatching.grab_ticket(uows, FIRM, t.ticket_id)


def test_grab_is_refused_while_dispatched_to_someone(district, uows):
    t = report(
        uows,
    )
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, "volunteer_team", "red-repair")
    with pytest.raises(FailedPrecondition, match="not open for grabbing"):
        dispatching.grab_ticket(uows, FIRM, t.ticket_id)


def test_lists_filter_and_page(district, uows):
    ids = [
        report(uows, request_id=f"r{i}", category="plumbing" if i % 2 else "lighting").ticket_id
        for i in range(5)
    ]
    dispatching.dispatch_ticket(uows, STAFF, ids[0])
    docs, total = reporting.list_tickets(
        uows, STAFF, reporting.TicketFilter(category="plumbing"), 0, 50, False
    )
    assert total == 2 and all(d.category == "plumbing" for d in docs)
    docs, total = reporting.list_tickets(
        uows, STAFF, reporting.TicketFilter(statuses=["dispatched"]), 0, 50, False
    )
    assert [d.ticket_id for d in docs] == [ids[0]]
    docs, total = reporting.list_tickets(
        uows, STAFF, reporting.TicketFilter(provider_id="shimao"), 0, 50, False
    )
    assert total == 1
    page1, total = reporting.list_tickets(uows, STAFF, reporting.TicketFilter(), 0, 3, False)
    page2, _ = reporting.list_tickets(uows, STAFF, reporting.TicketFilter(), 3, 3, False)
    assert total == 5 and len(page1) == 3 and len(page2) == 2
    assert {d.ticket_id for d in page1 + page2} == set(ids)
    fast1, bound1 = reporting.list_tickets(
        uows, STAFF, reporting.TicketFilter(), 0, 3, False, skip_total=True
    )
    fast2, bound2 = reporting.list_tickets(
        uows, STAFF, reporting.TicketFilter(), 3, 3, False, skip_total=True
    )
    assert [d.ticket_id for d in fast1 + fast2] == [d.ticket_id for d in page1 + page2]
    assert (bound1, bound2) == (4, 5)  # a next page exists after the first; the second is the last


def test_residents_order_from_the_service_menu(district, clock, uows):
    item = menu.upsert_menu_item(
        uows,
        STAFF,
        menu.MenuItem(
            compound_id="jinjiang",
            item_id="pipe-unclog",
            name="管道疏通",
            category="plumbing",
            price_model="materials_by_resident",
            provider_kind="volunteer_team",
            complete_within_hours=2,
        ),
    )
    assert item.name == "管道疏通"
    items, total = menu.list_menu(uows, RESIDENT, "jinjiang", False, 0, 50)
    assert total == 1 and items[0].item_id == "pipe-unclog"
    t = reporting.create_ticket(
        uows,
        RESIDENT,
        reporting.ReportTicket(
            request_id="m1", compound_id="jinjiang", description="厨房下水堵了", menu_item_id="pipe-unclog"
        ),
    )
    assert t.category == "plumbing"
    sent = dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock)
    assert sent.provider_kind == "volunteer_team"  # the item's provider type decides
    member = {"red-repair": "vol-li", "green": "vol-zhao"}[sent.provider_id]
    accepted = actions.accept_ticket(uows, who("volunteer", member), t.ticket_id, clock=clock)
    assert (accepted.complete_by - accepted.accepted_at).total_seconds() == 2 * 3600
    with pytest.raises(InvalidField) as err:
        menu.upsert_menu_item(
            uows,
            STAFF,
            menu.MenuItem(
                compound_id="jinjiang", item_id="snow", name="扫雪", category="cleaning", price_model="fixed"
            ),
        )
    assert err.value.violations[0][0] == "price_fen"


def test_board_figures(district, clock, uows):
    for i, rating in enumerate((5, 4, 1)):
        t = report(uows, request_id=f"b{i}")
        dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock)
        clock.advance(minutes=10)
        actions.accept_ticket(uows, FIRM, t.ticket_id, clock=clock)
        clock.advance(hours=2)
        actions.complete_ticket(uows, FIRM, t.ticket_id, clock=clock)
        actions.verify_ticket(uows, STAFF, t.ticket_id, True, clock=clock)
        actions.confirm_ticket(uows, RESIDENT, t.ticket_id, rating, clock=clock)
    report(uows, request_id="open-one")
    figures = board.get_board(uows, STAFF, "jinjiang", None, None)
    assert (figures.open, figures.resolved, figures.rated) == (1, 3, 3)
    assert figures.mean_minutes_to_accept == 10.0 and figures.mean_hours_to_finish == 2.0
    assert figures.satisfaction == pytest.approx(3.33, abs=0.01)
    assert figures.satisfied_share == pytest.approx(2 / 3, abs=0.001)
    [period] = figures.periods
    assert (period.reported, period.resolved, period.praise, period.complaints) == (4, 3, 2, 1)


def test_the_dispatcher_may_choose_the_provider_type(district, uows):
    t = report(
        uows,
    )
    sent = dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, "volunteer_team")
    assert sent.provider_kind == "volunteer_team"
    with pytest.raises(InvalidField) as err:
        dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, "property_firm", "vanke")
    assert err.value.violations[0][0] == "provider_id"


def test_a_contract_out_of_its_dates_gives_no_access(district, uows):
    t = report(
        uows,
    )
    local_copies.apply_contract_changed(
        uows,
        ce.PropertyContractChanged(
            tenant_id="hanyang",
            org_id="shimao",
            compound_id="jinjiang",
            active=True,
            starts_on="2020-01-01",
            ends_on="2021-12-31",
        ),
        2,
    )
    with pytest.raises(NotFound):
        reporting.get_ticket(uows, FIRM, t.ticket_id)
    local_copies.apply_contract_changed(
        uows,
        ce.PropertyContractChanged(
            tenant_id="hanyang", org_id="shimao", compound_id="jinjiang", active=False
        ),
        3,
    )
    with pytest.raises(NotFound):
        reporting.get_ticket(uows, FIRM, t.ticket_id)
    local_copies.apply_contract_changed(
        uows,
        ce.PropertyContractChanged(
            tenant_id="hanyang", org_id="shimao", compound_id="jinjiang", active=True, starts_on="2025-08-01"
        ),
        4,
    )
    assert reporting.get_ticket(uows, FIRM, t.ticket_id).ticket_id == t.ticket_id
