"""Seed 000 end to end through real processes: 金江派单、世茂接单、社区督单, the resident rates 5.

The district admin contracts 世茂 for 金江公寓 and records a blue-tagged household (communities);
the tickets worker picks both up from the broker; the firm subscribes a webhook (notifications).
A resident reports the broken stairwell light, the community dispatches to 世茂, the firm accepts
and finishes with its own token, the community verifies, the resident rates 5 — every step in the
timeline — and the firm's receiver gets the dispatch, correctly signed. A firm never sees tickets of
a compound it has no contract for, nor any care tag.
"""

from __future__ import annotations

import http.server
import json
import threading
import uuid

import grpc
import pytest
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli.notifications.v1 import notifications_pb2 as npb
from linli.notifications.v1 import notifications_pb2_grpc as npb_grpc
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.auth import Principal, issue_token
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until
from linli_webhooks import EVENT_TYPE_HEADER, SIGNATURE_HEADER, verify

pytestmark = pytest.mark.e2e
TENANT = "hanyang"


class Receiver(http.server.BaseHTTPRequestHandler):
    received: list[tuple[dict, bytes]] = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/linli"
    server.shutdown()


def rid() -> str:
    return uuid.uuid4().hex


def call_until(fn, what: str, timeout: float = 60):
    """Retry a call while the worker catches up with events (NOT_FOUND until then)."""
    box = []

    def attempt() -> bool:
        try:
            box.append(fn())
            return True
        except grpc.RpcError as err:
            if isinstance(err, grpc.Call) and err.code() not in (grpc.StatusCode.NOT_FOUND,):
                raise
            return False

    wait_until(attempt, timeout, what, interval=0.2)
    return box[-1]


def test_seed_000_loop_end_to_end(system, receiver):
    admin = bearer(make_token(TENANT, "district_admin", "admin@hanyang"))
    staff = bearer(make_token(TENANT, "community_staff", "staff-yang"))
    resident = bearer(make_token(TENANT, "resident", "res-chen"))
    firm = bearer(make_token(TENANT, "property_firm", "shimao-duty", "shimao"))
    platform = bearer(issue_token(system.jwt_secret, Principal("platform", "platform_admin", "ops"), 600))
    communities = cpb_grpc.CommunitiesServiceStub(grpc.insecure_channel(system.address("communities")))
    tickets = pb_grpc.TicketsServiceStub(grpc.insecure_channel(system.address("tickets")))
    notifications = npb_grpc.NotificationsServiceStub(grpc.insecure_channel(system.address("notifications")))

    try:  # the demo district may have registered 世茂 already
        communities.RegisterPropertyFirm(
            cpb.RegisterPropertyFirmRequest(
                request_id=rid(), org_id="shimao", name="世茂物业", contact="027-8888"
            ),
            metadata=platform,
        )
    except grpc.RpcError as err:
        assert err.code() == grpc.StatusCode.ALREADY_EXISTS
    communities.UpsertPropertyContract(
        cpb.UpsertPropertyContractRequest(
            request_id=rid(), org_id="shimao", compound_id="jinjiang", starts_on="2026-01-01", active=True
        ),
        metadata=admin,
    )
    communities.UpsertBuilding(
        cpb.UpsertBuildingRequest(request_id=rid(), compound_id="jinjiang", building_id="3", name="3栋"),
        metadata=admin,
    )
    communities.UpsertHousehold(
        cpb.UpsertHouseholdRequest(
            request_id=rid(),
            compound_id="jinjiang",
            building_id="3",
            household_id="3-2-301",
            label="3栋2单元301",
            area_centi_m2=8500,
            residents=[cpb.Resident(subject="res-chen", name="陈阿姨")],
        ),
        metadata=admin,
    )
    communities.SetCareFile(
        cpb.SetCareFileRequest(
            request_id=rid(), compound_id="jinjiang", household_id="3-2-301", tags=[cpb.CARE_TAG_BLUE]
        ),
        metadata=staff,
    )
    hook = notifications.CreateWebhookSubscription(
        npb.CreateWebhookSubscriptionRequest(
            request_id=rid(), event_types=["linli.tickets.v1.TicketDispatched"], url=receiver
        ),
        metadata=firm,
    )

    # 报修: the resident reports the broken stairwell light. Copies of the compound and the household
    # travel as events; until the care tag has arrived a report would carry no priority, so earlier
    # attempts are cancelled and the report is made again.
    attempts = iter(range(1000))

    def report_with_priority():
        ticket = tickets.CreateTicket(
            pb.CreateTicketRequest(
                request_id=f"seed000-{next(attempts)}",
                compound_id="jinjiang",
                category="lighting",
                building_id="3",
                household_id="3-2-301",
                description="3栋2单元楼道灯坏了，晚上看不见路",
            ),
            metadata=resident,
        )
        if ticket.priority == 0:
            tickets.CancelTicket(
                pb.TicketActionRequest(request_id=rid(), ticket_id=ticket.id), metadata=resident
            )
            raise grpc.RpcError()
        return ticket

    # the demo districts' ~11 000 households travel the same topic first: allow the worker to catch up
    ticket = call_until(report_with_priority, "金江公寓 and the care tag in the tickets service", timeout=300)
    # the contract has reached the tickets worker when the firm can see the ticket
    call_until(
        lambda: tickets.GetTicket(pb.GetTicketRequest(ticket_id=ticket.id), metadata=firm),
        "世茂's contract in the tickets service",
    )

    sent = tickets.DispatchTicket(
        pb.DispatchTicketRequest(request_id=rid(), ticket_id=ticket.id), metadata=staff
    )
    assert (sent.provider_kind, sent.provider_id) == (pb.PROVIDER_KIND_PROPERTY_FIRM, "shimao")
    mine = tickets.ListTickets(pb.ListTicketsRequest(statuses=[pb.TICKET_STATUS_DISPATCHED]), metadata=firm)
    assert ticket.id in [t.id for t in mine.tickets]
    tickets.AcceptTicket(
        pb.TicketActionRequest(request_id=rid(), ticket_id=ticket.id, note="马上派电工"), metadata=firm
    )
    tickets.StartWork(pb.TicketActionRequest(request_id=rid(), ticket_id=ticket.id), metadata=firm)
    tickets.CompleteTicket(
        pb.CompleteTicketRequest(request_id=rid(), ticket_id=ticket.id, note="已更换灯泡"), metadata=firm
    )
    tickets.VerifyTicket(
        pb.VerifyTicketRequest(
            request_id=rid(), ticket_id=ticket.id, approved=True, note="社区督单：已现场核验"
        ),
        metadata=staff,
    )
    rated = tickets.ConfirmTicket(
        pb.ConfirmTicketRequest(request_id=rid(), ticket_id=ticket.id, rating=5, comment="修得很快，谢谢！"),
        metadata=resident,
    )
    assert rated.status == pb.TICKET_STATUS_CONFIRMED and rated.rating == 5
    assert [e.action for e in rated.timeline] == [
        "reported",
        "dispatched",
        "accepted",
        "started",
        "completed",
        "verified",
        "rated",
    ]
    assert [e.actor_role for e in rated.timeline] == [
        "resident",
        "community_staff",
        "property_firm",
        "property_firm",
        "property_firm",
        "community_staff",
        "resident",
    ]

    # the firm's receiver got the dispatch, signed with the subscription's secret
    def dispatched_delivery():
        return [
            (h, b)
            for h, b in Receiver.received
            if h.get(EVENT_TYPE_HEADER, "").endswith("TicketDispatched") and ticket.id.encode() in b
        ]

    wait_until(lambda: dispatched_delivery(), 60, "the dispatch webhook")
    headers, body = dispatched_delivery()[0]
    verify(hook.secret, body, headers[SIGNATURE_HEADER])
    assert "blue" not in body.decode() and "care" not in body.decode()

    # care tags: the blue household raises priority; nothing about the tag reaches the firm
    seen = tickets.GetTicket(pb.GetTicketRequest(ticket_id=ticket.id), metadata=firm)
    assert seen.priority > 0
    assert "blue" not in str(seen) and "care" not in str(seen)


def test_a_firm_cannot_see_tickets_of_compounds_without_a_contract(system):
    resident = bearer(make_token(TENANT, "resident", "res-he"))
    firm = bearer(make_token(TENANT, "property_firm", "shimao-duty", "shimao"))
    tickets = pb_grpc.TicketsServiceStub(grpc.insecure_channel(system.address("tickets")))
    other = call_until(
        lambda: tickets.CreateTicket(
            pb.CreateTicketRequest(
                request_id="heyue-1",
                compound_id="jiangshan-heyue",
                category="plumbing",
                description="水管漏水",
            ),
            metadata=resident,
        ),
        "招商江山和樾 in the tickets service",
    )
    with pytest.raises(grpc.RpcError) as err:
        tickets.GetTicket(pb.GetTicketRequest(ticket_id=other.id), metadata=firm)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    listed = tickets.ListTickets(pb.ListTicketsRequest(compound_id="jiangshan-heyue"), metadata=firm)
    assert list(listed.tickets) == [] and listed.page.total == 0
    assert (
        json.dumps(
            [t.compound_id for t in tickets.ListTickets(pb.ListTicketsRequest(), metadata=firm).tickets]
        ).count("jiangshan-heyue")
        == 0
    )
