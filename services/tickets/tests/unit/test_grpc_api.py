"""The servicer in-process over real gRPC (the fakes behind): validation, error codes, idempotent replays."""

from __future__ import annotations

import grpc
import pytest
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.status import field_violations
from linli_platform.testing.fixtures import bearer, make_token
from linli_tickets.entrypoints.grpc_api import TicketsServicer, specs

from ..conftest import TENANT


@pytest.fixture
def stub(district, uows):
    settings = Settings(service="tickets", grpc_workers=4)
    servicer = TicketsServicer(uows, FakeIdempotencyStore())
    running = build_server(settings, specs(settings, servicer), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.TicketsServiceStub(channel)
    channel.close()
    running.drain(0)


def as_(role: str, subject: str = "", org: str = "", tenant: str = TENANT):
    return bearer(make_token(tenant, role, subject, org))


RESIDENT = as_("resident", "res-chen")
STAFF = as_("community_staff", "staff-yang")
FIRM = as_("property_firm", "shimao-duty", "shimao")


def create(stub, request_id="g1", **kw):
    fields = {"compound_id": "jinjiang", "category": "lighting", "description": "楼道灯坏了", **kw}
    return stub.CreateTicket(pb.CreateTicketRequest(request_id=request_id, **fields), metadata=RESIDENT)


def code_of(call) -> tuple[grpc.StatusCode, list]:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code(), field_violations(err.value)


def test_invalid_input_names_the_field(stub):
    code, violations = code_of(lambda: create(stub, description=""))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "description"
    code, violations = code_of(lambda: create(stub, description="x" * 2001))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "description"
    code, violations = code_of(lambda: create(stub, photo_urls=["javascript:alert(1)"]))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0].startswith("photo_urls")
    code, violations = code_of(lambda: create(stub, category="Bad Category"))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "category"
    code, _ = code_of(
        lambda: stub.ConfirmTicket(
            pb.ConfirmTicketRequest(request_id="c", ticket_id="t", rating=6), metadata=RESIDENT
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT


def test_chinese_text_round_trips_and_the_loop_answers_with_its_timeline(stub):
    t = create(
        stub, description="3栋2单元楼道灯不亮，老人晚上看不见😀", location={"lat": 30.55, "lon": 114.25}
    )
    assert t.description == "3栋2单元楼道灯不亮，老人晚上看不见😀"
    assert t.status == pb.TICKET_STATUS_REPORTED and t.location.lat == pytest.approx(30.55)
    sent = stub.DispatchTicket(pb.DispatchTicketRequest(request_id="d1", ticket_id=t.id), metadata=STAFF)
    assert sent.provider_kind == pb.PROVIDER_KIND_PROPERTY_FIRM and sent.provider_id == "shimao"
    assert sent.HasField("accept_by")
    accepted = stub.AcceptTicket(pb.TicketActionRequest(request_id="a1", ticket_id=t.id), metadata=FIRM)
    again = stub.AcceptTicket(pb.TicketActionRequest(request_id="a1", ticket_id=t.id), metadata=FIRM)
    assert again == accepted  # a retried request answers the first result
    done = stub.CompleteTicket(
        pb.CompleteTicketRequest(
            request_id="c1", ticket_id=t.id, photo_urls=["https://img.example/after.jpg"]
        ),
        metadata=FIRM,
    )
    assert list(done.completion_photo_urls) == ["https://img.example/after.jpg"]
    assert [e.to_status for e in accepted.timeline] == [
        pb.TICKET_STATUS_REPORTED,
        pb.TICKET_STATUS_DISPATCHED,
        pb.TICKET_STATUS_ACCEPTED,
    ]


def test_error_codes(stub):
    t = create(stub)
    code, _ = code_of(
        lambda: stub.AcceptTicket(pb.TicketActionRequest(request_id="x", ticket_id=t.id), metadata=FIRM)
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION
    code, _ = code_of(
        lambda: stub.GetTicket(
            pb.GetTicketRequest(ticket_id=t.id), metadata=as_("community_staff", tenant="xingshan")
        )
    )
    assert code == grpc.StatusCode.NOT_FOUND
    code, _ = code_of(
        lambda: stub.UpsertMenuItem(
            pb.UpsertMenuItemRequest(
                request_id="m",
                compound_id="jinjiang",
                item_id="a",
                name="n",
                category="plumbing",
                price_model=pb.PRICE_MODEL_FREE,
            ),
            metadata=RESIDENT,
        )
    )
    assert code == grpc.StatusCode.PERMISSION_DENIED
    code, _ = code_of(lambda: stub.GetTicket(pb.GetTicketRequest(ticket_id=t.id)))
    assert code == grpc.StatusCode.UNAUTHENTICATED
    code, violations = code_of(
        lambda: stub.ListTickets(pb.ListTicketsRequest(page={"page_token": "zz"}), metadata=STAFF)
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "page.page_token"
    code, violations = code_of(lambda: stub.ListTickets(pb.ListTicketsRequest(statuses=[0]), metadata=STAFF))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations[0][0] == "statuses"
    code, violations = code_of(lambda: stub.ListTickets(pb.ListTicketsRequest(statuses=[42]), metadata=STAFF))
    assert code == grpc.StatusCode.INVALID_ARGUMENT


def test_menu_board_and_lists_over_grpc(stub):
    item = stub.UpsertMenuItem(
        pb.UpsertMenuItemRequest(
            request_id="m1",
            compound_id="jinjiang",
            item_id="stair-clean",
            name="楼道保洁",
            category="cleaning",
            price_model=pb.PRICE_MODEL_FIXED,
            price_fen=2000,
            provider_kind=pb.PROVIDER_KIND_VOLUNTEER_TEAM,
            complete_within_hours=24,
            active=True,
        ),
        metadata=STAFF,
    )
    assert item.price_fen == 2000
    listed = stub.ListMenu(pb.ListMenuRequest(compound_id="jinjiang"), metadata=RESIDENT)
    assert [i.name for i in listed.items] == ["楼道保洁"]
    create(stub, "g2")
    create(stub, "g3")
    page = stub.ListTickets(pb.ListTicketsRequest(page={"page_size": 1}), metadata=STAFF)
    assert page.page.total == 2 and page.page.next_page_token and not page.tickets[0].timeline
    fast = stub.ListTickets(pb.ListTicketsRequest(page={"page_size": 1}, skip_total=True), metadata=STAFF)
    assert fast.page.next_page_token and fast.tickets[0].id == page.tickets[0].id
    last = stub.ListTickets(
        pb.ListTicketsRequest(
            page={"page_size": 1, "page_token": fast.page.next_page_token}, skip_total=True
        ),
        metadata=STAFF,
    )
    assert not last.page.next_page_token and last.page.total == 2
    board = stub.GetBoard(pb.GetBoardRequest(compound_id="jinjiang"), metadata=RESIDENT)
    assert board.open == 2 and board.periods[0].reported == 2
