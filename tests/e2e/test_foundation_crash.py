"""Crashes and redelivery through real processes: the tickets worker is SIGKILLed after the ticket is
written and before its relay could publish — after a restart the event is delivered; the same event
delivered twice makes one inbox entry. The broker and the database are SIGKILLed on a system of their
own (a restarted memory-only broker starts empty, which the shared system's other tests must not see)
and brought back by what `linli dev` runs every 2 s: an event recorded meanwhile is delivered once;
calls meanwhile answer UNAVAILABLE, acknowledged writes are kept and every ticket is announced."""

from __future__ import annotations

import uuid
from pathlib import Path

import grpc
import pytest
from linli.common.v1.events_pb2 import EventEnvelope
from linli.communities.v1 import communities_pb2 as cpb
from linli.communities.v1 import communities_pb2_grpc as cpb_grpc
from linli.tickets.v1 import tickets_pb2 as tpb
from linli.tickets.v1 import tickets_pb2_grpc as tpb_grpc
from linli_platform.config import DEV_JWT_SECRET
from linli_platform.kafka import KafkaPublisher
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until
from linli_platform.testing.system import System
from pymongo import MongoClient

pytestmark = pytest.mark.e2e
TICKET_CREATED = "linli.tickets.v1.TicketCreated"


def rid() -> str:
    return uuid.uuid4().hex


@pytest.fixture(scope="module")
def district(system):
    yield from fresh_district(system)


@pytest.fixture(scope="module")
def own_system(tmp_path_factory):
    running = System(
        workdir=Path(tmp_path_factory.mktemp("crash-system")),
        jwt_secret=DEV_JWT_SECRET,
        services=("communities", "tickets", "notifications"),
        gateway=False,
    )
    running.start(timeout=120)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def own_district(own_system):
    yield from fresh_district(own_system)


def fresh_district(system):
    """A fresh district with a compound tickets already knows; yields (tenant, compound, tickets stub, db)."""
    tenant = f"fc-{uuid.uuid4().hex[:8]}"
    with (
        grpc.insecure_channel(system.address("communities")) as cch,
        grpc.insecure_channel(system.address("tickets")) as tch,
        MongoClient(system.database.uri) as mongo,
    ):
        communities = cpb_grpc.CommunitiesServiceStub(cch)
        communities.CreateTenant(
            cpb.CreateTenantRequest(request_id=rid(), tenant_id=tenant, name="崩溃测试区"),
            metadata=bearer(make_token("platform", "platform_admin")),
            timeout=10,
        )
        communities.CreateCompound(
            cpb.CreateCompoundRequest(request_id=rid(), compound_id="zhanqian-1", name="站前小区"),
            metadata=bearer(make_token(tenant, "district_admin")),
            timeout=10,
        )
        tickets = tpb_grpc.TicketsServiceStub(tch)
        wait_until(
            lambda: (
                mongo["linli_tickets"].known_compounds.count_documents(
                    {"tenant_id": tenant, "compound_id": "zhanqian-1"}
                )
                == 1
            ),
            60,
            "tickets to learn the compound",
        )
        yield tenant, "zhanqian-1", tickets, mongo


def report(tickets, tenant: str, compound: str):
    return tickets.CreateTicket(
        tpb.CreateTicketRequest(
            request_id=rid(), compound_id=compound, category="plumbing", description="水管漏水"
        ),
        metadata=bearer(make_token(tenant, "resident", "resident-9")),
        timeout=10,
    )


def inbox_count(mongo, event_id: str) -> int:
    return mongo["linli_notifications"].inbox.count_documents({"event_id": event_id})


def marker_after(event: dict) -> tuple[bytes, str]:
    """A copy of the event under a new event id: published after the duplicate with the same key, it
    lands on the same partition and is handled after it, so its inbox entry says the duplicate was
    handled too (notifications' effects are keyed by the event: a duplicate leaves no trace itself)."""
    envelope = EventEnvelope.FromString(bytes(event["value"]))
    envelope.event_id = uuid.uuid4().hex
    return envelope.SerializeToString(), envelope.event_id


def test_a_killed_worker_is_restarted_and_delivers_the_stored_event_and_a_duplicate_adds_nothing(
    system, district
):
    tenant, compound, tickets, mongo = district
    system.processes["tickets-worker"].kill()  # SIGKILL: no chance to relay anything
    try:
        ticket = report(tickets, tenant, compound)
        stored = mongo["linli_tickets"].tickets.find_one({"tenant_id": tenant, "ticket_id": ticket.id})
        pending = [e for e in stored["outbox"] if e["type"] == TICKET_CREATED]
        assert len(pending) == 1, "the event is written with the ticket, in the same document"
        event = pending[0]
        assert inbox_count(mongo, event["event_id"]) == 0
    finally:
        assert system.restart_exited() == ["tickets-worker"]  # what `linli dev` does every 2 s
    wait_until(lambda: system.worker_ready("tickets"), 90, "the tickets worker to restart")
    wait_until(
        lambda: inbox_count(mongo, event["event_id"]) > 0, 60, "the event to reach the inbox", interval=0.2
    )
    wait_until(
        lambda: not mongo["linli_tickets"].tickets.find_one({"ticket_id": ticket.id})["outbox"],
        30,
        "the relay to clear the outbox",
    )
    delivered = inbox_count(mongo, event["event_id"])

    marker, marker_id = marker_after(event)
    headers = [("event_type", event["type"].encode())]
    publisher = KafkaPublisher(system.broker.bootstrap)
    try:
        publisher.publish(event["topic"], event["key"], bytes(event["value"]), headers)
        publisher.publish(event["topic"], event["key"], marker, headers)
    finally:
        publisher.close()
    wait_until(lambda: inbox_count(mongo, marker_id) > 0, 60, "notifications to handle the duplicate")
    assert inbox_count(mongo, event["event_id"]) == delivered


def test_after_a_broker_crash_the_broker_is_restarted_and_events_recorded_meanwhile_arrive(
    own_system, own_district
):
    tenant, compound, tickets, mongo = own_district
    own_system.broker.process.kill()  # SIGKILL: the memory-only broker loses topics, groups and offsets
    ticket = report(tickets, tenant, compound)  # the API needs no broker: the event waits in the outbox
    stored = mongo["linli_tickets"].tickets.find_one({"tenant_id": tenant, "ticket_id": ticket.id})
    event_id = next(e["event_id"] for e in stored["outbox"] if e["type"] == TICKET_CREATED)
    restarted = own_system.restart_exited()  # what `linli dev` does every 2 s
    assert restarted[0] == "tansu"

    def arrived() -> bool:
        own_system.restart_exited()  # a worker that gave up on the broker meanwhile comes back too
        return inbox_count(mongo, event_id) > 0

    wait_until(arrived, 120, "the event recorded during the outage to reach the inbox", interval=0.5)
    recipients = mongo["linli_notifications"].inbox.distinct("recipient", {"event_id": event_id})
    assert inbox_count(mongo, event_id) == len(recipients)  # one entry per recipient, however often sent


def test_while_the_database_is_down_calls_are_unavailable_and_once_it_is_back_nothing_was_lost(
    own_system, own_district
):
    tenant, compound, tickets, mongo = own_district
    before = report(tickets, tenant, compound)  # written, its event possibly still in the outbox
    own_system.database.process.kill()  # SIGKILL: the server syncs each commit (--sync-on-commit)
    with pytest.raises(grpc.RpcError) as refused:
        tickets.GetTicket(
            tpb.GetTicketRequest(ticket_id=before.id),
            metadata=bearer(make_token(tenant, "community_staff", "staff-9")),
            timeout=30,
        )
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE  # retry later, not a bug (INTERNAL)
    assert own_system.restart_exited()[0] == "secantusd"

    def served() -> bool:
        own_system.restart_exited()  # a worker that gave up on the database comes back too
        try:
            return report(tickets, tenant, compound) is not None
        except grpc.RpcError as err:
            # UNAVAILABLE, or the deadline when the server is found just as the client gives up
            assert err.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED), err
            return False

    wait_until(served, 120, "tickets to serve again after the database came back", interval=0.5)
    stored = mongo["linli_tickets"].tickets.find_one({"tenant_id": tenant, "ticket_id": before.id})
    assert stored is not None, "a write acknowledged before the crash survives it"

    def every_ticket_announced() -> bool:
        own_system.restart_exited()
        created = mongo["linli_tickets"].tickets.count_documents({"tenant_id": tenant})
        announced = mongo["linli_notifications"].inbox.distinct(
            "event_id", {"tenant_id": tenant, "event_type": TICKET_CREATED}
        )
        return len(announced) == created

    wait_until(every_ticket_announced, 120, "every ticket of the district to reach an inbox", interval=0.5)
