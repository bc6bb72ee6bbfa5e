"""楼栋长: a building leader reports for residents of their building and follows its tickets."""

from __future__ import annotations

import pytest
from linli_platform.errors import InvalidField, NotFound
from linli_tickets.service_layer import reporting

from ..conftest import who
from .test_loop import report

LEADER = who("resident", "leader-chen")


def test_a_leader_reports_on_behalf_of_a_resident_of_their_building(district, uows):
    t = report(uows, LEADER, request_id="l1", on_behalf_of="res-wu", building_id="b3")
    assert (t.reporter, t.recorded_by) == ("res-wu", "leader-chen")
    assert reporting.get_ticket(uows, who("resident", "res-wu"), t.ticket_id).ticket_id == t.ticket_id
    with pytest.raises(InvalidField) as err:
        report(uows, LEADER, request_id="l2", on_behalf_of="res-wu", building_id="b4")
    assert err.value.violations[0][0] == "on_behalf_of"


def test_a_leader_follows_the_tickets_of_their_building_only(district, uows):
    mine = report(uows, who("resident", "res-chen"), request_id="c1", building_id="b3")
    elsewhere = report(uows, who("resident", "res-he"), request_id="c2", building_id="b4", household_id="")
    assert reporting.get_ticket(uows, LEADER, mine.ticket_id).ticket_id == mine.ticket_id
    with pytest.raises(NotFound):
        reporting.get_ticket(uows, LEADER, elsewhere.ticket_id)
    docs, total = reporting.list_tickets(uows, LEADER, reporting.TicketFilter(), 0, 50, False)
    assert [d.ticket_id for d in docs] == [mine.ticket_id] and total == 1
