"""Seed 001: a grid message — "3号楼2单元灯不亮!" — and 15 minutes later the light is back on."""

from __future__ import annotations

import pytest
from linli_platform.errors import NotFound
from linli_tickets.service_layer import actions, board, dispatching, reporting

from ..conftest import STAFF, who

GRID = who("grid_worker", "grid-liu")
VOLUNTEER = who("volunteer", "vol-li")


def test_the_grid_worker_sends_the_red_repair_team_and_the_board_shows_fifteen_minutes(district, clock, uows):
    ticket = reporting.create_ticket(
        uows,
        GRID,
        reporting.ReportTicket(
            request_id="grid-1",
            compound_id="jinjiang",
            category="lighting",
            building_id="3",
            description="3号楼2单元灯不亮!",
            on_behalf_of="res-zhou",
            channel="wechat",
        ),
        clock,
    )
    sent = dispatching.dispatch_ticket(
        uows, GRID, ticket.ticket_id, "volunteer_team", "red-repair", clock=clock
    )
    assert (sent.provider_kind, sent.provider_id) == ("volunteer_team", "red-repair")
    clock.advance(minutes=2)
    actions.accept_ticket(uows, VOLUNTEER, ticket.ticket_id, "抓起工具包就往外跑", clock=clock)
    clock.advance(minutes=13)
    with pytest.raises(NotFound):  # 绿化志愿队 is not on this job
        actions.complete_ticket(uows, who("volunteer", "vol-zhao"), ticket.ticket_id, clock=clock)
    done = actions.complete_ticket(uows, VOLUNTEER, ticket.ticket_id, "楼道重新亮起灯光", clock=clock)
    assert (done.done_at - done.dispatched_at).total_seconds() == 15 * 60
    verified = actions.verify_ticket(uows, GRID, ticket.ticket_id, True, clock=clock)
    assert verified.status == "verified"
    figures = board.get_board(uows, STAFF, "jinjiang", None, None)
    assert figures.mean_minutes_to_accept == 2.0 and figures.mean_hours_to_finish == round(13 / 60, 2)
    assert [e.actor for e in verified.timeline] == ["grid-liu", "grid-liu", "vol-li", "vol-li", "grid-liu"]
