"""request_id on every mutating RPC: the same id and content answer the first result; the same id
with other content is ALREADY_EXISTS naming request_id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import grpc
import pytest
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.config import Settings
from linli_platform.grpc_server import build_server
from linli_platform.idempotency import FakeIdempotencyStore
from linli_platform.testing.fixtures import bearer, make_token
from linli_tickets.entrypoints.grpc_api import TicketsServicer, specs
from linli_tickets.service_layer import actions, dispatching

from ..conftest import FIRM, STAFF, TENANT, who
from .test_loop import report

AS_RESIDENT = bearer(make_token(TENANT, "resident", "res-chen"))
AS_STAFF = bearer(make_token(TENANT, "community_staff", "staff-yang"))
AS_FIRM = bearer(make_token(TENANT, "property_firm", "shimao-duty", "shimao"))


@pytest.fixture
def stub(district, uows):
    settings = Settings(service="tickets", grpc_workers=2)
    running = build_server(settings, specs(settings, TicketsServicer(uows, FakeIdempotencyStore())), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield pb_grpc.TicketsServiceStub(channel)
    channel.close()
    running.drain(0)


# -- where each RPC can succeed: a ticket brought to its state through the use cases ------------
def reported(uows) -> dict:
    return {"ticket_id": report(uows, request_id="setup").ticket_id}


def dispatched(uows) -> dict:
    fields = reported(uows)
    dispatching.dispatch_ticket(uows, STAFF, fields["ticket_id"], "property_firm", "shimao")
    return fields


def open_for_grabs(uows) -> dict:
    fields = reported(uows)
    dispatching.dispatch_ticket(uows, STAFF, fields["ticket_id"], "open")
    return fields


def accepted(uows) -> dict:
    fields = dispatched(uows)
    actions.accept_ticket(uows, FIRM, fields["ticket_id"])
    return fields


def done(uows) -> dict:
    fields = accepted(uows)
    actions.complete_ticket(uows, FIRM, fields["ticket_id"])
    return fields


def verified(uows) -> dict:
    fields = done(uows)
    actions.verify_ticket(uows, STAFF, fields["ticket_id"], True)
    return fields


def a_duplicate(uows) -> dict:
    original = report(uows, who("resident", "res-li"), request_id="first").ticket_id
    return {**reported(uows), "duplicate_of": original}


def nothing(uows) -> dict:
    return {}


NOTE = {"note": "第一次"}
OTHER_NOTE = {"note": "另一回事"}


@dataclass
class Case:
    rpc: str
    message: type
    setup: Callable[..., dict]
    metadata: list
    fields: dict  # besides the setup's
    other: dict  # what makes it another request

    def __repr__(self) -> str:
        return self.rpc

    def request(self, setup: dict, other: bool = False):
        return self.message(request_id="same", **{**setup, **self.fields, **(self.other if other else {})})


REPORT = {"compound_id": "jinjiang", "category": "lighting", "description": "楼道灯坏了"}
ITEM = {
    "compound_id": "jinjiang",
    "item_id": "stair-clean",
    "name": "楼道保洁",
    "category": "cleaning",
    "price_model": pb.PRICE_MODEL_FREE,
    "active": True,
}
ACTION = pb.TicketActionRequest
CASES = [
    Case("CreateTicket", pb.CreateTicketRequest, nothing, AS_RESIDENT, REPORT, {"description": "灯又坏了"}),
    Case("DispatchTicket", pb.DispatchTicketRequest, reported, AS_STAFF, NOTE, OTHER_NOTE),
    Case("GrabTicket", ACTION, open_for_grabs, AS_FIRM, NOTE, OTHER_NOTE),
    Case("AcceptTicket", ACTION, dispatched, AS_FIRM, NOTE, OTHER_NOTE),
    Case("RejectTicket", ACTION, dispatched, AS_FIRM, NOTE, OTHER_NOTE),
    Case("StartWork", ACTION, accepted, AS_FIRM, NOTE, OTHER_NOTE),
    Case("CompleteTicket", pb.CompleteTicketRequest, accepted, AS_FIRM, NOTE, OTHER_NOTE),
    Case("VerifyTicket", pb.VerifyTicketRequest, done, AS_STAFF, {"approved": True}, {"approved": False}),
    Case("ConfirmTicket", pb.ConfirmTicketRequest, verified, AS_RESIDENT, {"rating": 5}, {"rating": 4}),
    Case("ReopenTicket", ACTION, done, AS_RESIDENT, NOTE, OTHER_NOTE),
    Case("CancelTicket", ACTION, reported, AS_RESIDENT, NOTE, OTHER_NOTE),
    Case("CloseTicket", ACTION, verified, AS_STAFF, NOTE, OTHER_NOTE),
    Case(
        "RecordFollowUp", pb.RecordFollowUpRequest, done, AS_STAFF, {"satisfied": True}, {"satisfied": False}
    ),
    Case("UrgeTicket", ACTION, reported, AS_RESIDENT, NOTE, OTHER_NOTE),
    Case(
        "LinkDuplicate", pb.LinkDuplicateRequest, a_duplicate, AS_STAFF, {}, {"duplicate_of": "t-elsewhere"}
    ),
    Case("UpsertMenuItem", pb.UpsertMenuItemRequest, nothing, AS_STAFF, ITEM, {"name": "楼道清扫"}),
]


def test_every_mutating_rpc_is_covered_and_declares_its_request_id_semantics():
    service = pb.DESCRIPTOR.services_by_name["TicketsService"]
    mutating = {m.name for m in service.methods if "request_id" in m.input_type.fields_by_name}
    assert mutating == {case.rpc for case in CASES}
    for name in mutating:
        marked = getattr(getattr(TicketsServicer, name), "__linli_request_id__", None)
        assert marked in {"idempotent", "fingerprinted"}, name


@pytest.mark.parametrize("case", CASES, ids=repr)
def test_the_same_request_id_answers_the_first_result_and_other_content_is_already_exists(case, stub, uows):
    setup = case.setup(uows)
    call = getattr(stub, case.rpc)
    first = call(case.request(setup), metadata=case.metadata)
    assert call(case.request(setup), metadata=case.metadata) == first
    with pytest.raises(grpc.RpcError) as err:
        call(case.request(setup, other=True), metadata=case.metadata)
    assert err.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert "request_id" in err.value.details()
