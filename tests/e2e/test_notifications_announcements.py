"""Seeds 000 and 004 end to end: the building leader (楼栋长) of 金江公寓 1栋 announces to the building
through real processes (the notifications worker learnt the building and its households from
communities' events), the household reads it in its shared inbox and marks it read; a property firm
cannot read a household's inbox and another district sees nothing. A resident's report produces the
Chinese acknowledgement in their own inbox.
"""

from __future__ import annotations

import uuid

import grpc
import pytest
from linli.notifications.v1 import notifications_pb2 as npb
from linli.notifications.v1 import notifications_pb2_grpc as npb_grpc
from linli.tickets.v1 import tickets_pb2 as tpb
from linli.tickets.v1 import tickets_pb2_grpc as tpb_grpc
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until

pytestmark = pytest.mark.e2e
TENANT = "hanyang"
LEADER = "resident@hanyang"  # 1栋 leader in deploy/demo/hanyang.yaml, owner of 1-1-101
HOUSEHOLD = "household:jinjiang/1-1-101"


def test_a_building_leader_announces_and_the_household_reads_it(system):
    notifications = npb_grpc.NotificationsServiceStub(grpc.insecure_channel(system.address("notifications")))
    leader = bearer(make_token(TENANT, "resident", LEADER))
    title = f"1栋便民服务日 {uuid.uuid4().hex[:4]}"
    sent: list[npb.AnnounceResponse] = []

    def announce() -> bool:
        try:
            reply = notifications.Announce(
                npb.AnnounceRequest(
                    request_id=uuid.uuid4().hex,
                    title=title,
                    body="周六上午9点在1栋楼下清洗纱窗地垫",
                    compound_id="jinjiang",
                    building_id="1",
                ),
                metadata=leader,
                timeout=10,
            )
        except grpc.RpcError as err:
            if err.code() != grpc.StatusCode.PERMISSION_DENIED:  # until the building's leader is known here
                raise
            return False
        sent.append(reply)
        return reply.households > 0

    wait_until(announce, 90, "the notifications worker to know 1栋 and its leader", interval=0.5)

    def household_inbox():
        return notifications.ListInbox(npb.ListInboxRequest(recipient=HOUSEHOLD), metadata=leader, timeout=10)

    wait_until(lambda: any(e.title == title for e in household_inbox().entries), 30, "the household entry")
    before = household_inbox()
    entry = next(e for e in before.entries if e.title == title)
    assert entry.body == "周六上午9点在1栋楼下清洗纱窗地垫"
    notifications.MarkRead(
        npb.MarkReadRequest(request_id=uuid.uuid4().hex, entry_ids=[entry.id], recipient=HOUSEHOLD),
        metadata=leader,
    )
    assert household_inbox().unread == before.unread - 1

    firm = bearer(make_token(TENANT, "property_firm", "shimao-duty", "shimao"))
    with pytest.raises(grpc.RpcError) as caught:
        notifications.ListInbox(npb.ListInboxRequest(recipient=HOUSEHOLD), metadata=firm)
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    elsewhere = notifications.ListInbox(
        npb.ListInboxRequest(), metadata=bearer(make_token("xingshan", "resident", LEADER))
    )
    assert not [e for e in elsewhere.entries if e.title == title]


def test_a_report_is_acknowledged_in_the_residents_inbox(system):
    notifications = npb_grpc.NotificationsServiceStub(grpc.insecure_channel(system.address("notifications")))
    tickets = tpb_grpc.TicketsServiceStub(grpc.insecure_channel(system.address("tickets")))
    me = bearer(make_token(TENANT, "resident", LEADER))
    request_id = f"ack-{uuid.uuid4().hex}"

    def report():
        try:
            return tickets.CreateTicket(
                tpb.CreateTicketRequest(
                    request_id=request_id,
                    compound_id="jinjiang",
                    category="lighting",
                    building_id="1",
                    description="1栋2楼楼道灯不亮",
                ),
                metadata=me,
                timeout=10,
            )
        except grpc.RpcError as err:
            if err.code() not in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION):
                raise
            return None

    box = []
    wait_until(
        lambda: box.append(report()) or box[-1] is not None, 90, "the tickets service to know 金江公寓"
    )
    ticket = box[-1]

    def acknowledged():
        entries = notifications.ListInbox(npb.ListInboxRequest(), metadata=me, timeout=10).entries
        return [e for e in entries if e.title == "报修已受理" and ticket.id in e.body]

    wait_until(acknowledged, 60, "the acknowledgement in the reporter's inbox")
