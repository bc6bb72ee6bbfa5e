"""Against the real Mongo-wire server and broker: 50 concurrent grabs, an SLA breach on a fake clock."""

from __future__ import annotations

import threading

import grpc
import pytest
from kafka import KafkaConsumer, TopicPartition
from linli.communities.v1 import events_pb2 as ce
from linli.tickets.v1 import events_pb2
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.config import Settings
from linli_platform.events import decode, unpack
from linli_platform.grpc_server import build_server
from linli_platform.kafka import KafkaPublisher
from linli_platform.outbox import OutboxRelay
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until
from linli_tickets.adapters.outbox import OUTBOX_DOCUMENTS
from linli_tickets.adapters.tenants import known_tenants
from linli_tickets.adapters.unit_of_work import mongo_unit_of_work
from linli_tickets.entrypoints.grpc_api import specs
from linli_tickets.service_layer import dispatching, escalation, local_copies

from ..conftest import STAFF, TENANT, seed_district
from ..unit.test_loop import report

pytestmark = pytest.mark.integration
GRABBERS = 50


@pytest.fixture
def uows():
    return mongo_unit_of_work


@pytest.fixture
def district_db(mongo_db, uows):
    seed_district(uows)
    return TENANT


def test_fifty_providers_grab_one_ticket_and_exactly_one_wins(district_db, uows):
    for i in range(GRABBERS):
        local_copies.apply_contract_changed(
            uows,
            ce.PropertyContractChanged(
                tenant_id=TENANT, org_id=f"firm-{i:02d}", compound_id="jinjiang", active=True
            ),
            1,
        )
    ticket = report(uows, category="other")
    dispatching.dispatch_ticket(uows, STAFF, ticket.ticket_id, "open")
    settings = Settings(service="tickets", grpc_workers=GRABBERS + 4)
    running = build_server(settings, specs(settings), port=0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    stub = pb_grpc.TicketsServiceStub(channel)
    start = threading.Barrier(GRABBERS)
    outcomes: dict[str, object] = {}

    def grab(i: int) -> None:
        firm = f"firm-{i:02d}"
        metadata = bearer(make_token(TENANT, "property_firm", f"duty-{i}", firm))
        start.wait()
        try:
            outcomes[firm] = stub.GrabTicket(
                pb.TicketActionRequest(request_id=f"grab-{i}", ticket_id=ticket.ticket_id),
                metadata=metadata,
                timeout=60,
            )
        except grpc.RpcError as err:
            outcomes[firm] = err.code()

    threads = [threading.Thread(target=grab, args=(i,)) for i in range(GRABBERS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [firm for firm, result in outcomes.items() if isinstance(result, pb.Ticket)]
        losers = [result for result in outcomes.values() if not isinstance(result, pb.Ticket)]
        assert len(winners) == 1
        assert losers == [grpc.StatusCode.FAILED_PRECONDITION] * (GRABBERS - 1)
        final = stub.GetTicket(
            pb.GetTicketRequest(ticket_id=ticket.ticket_id),
            metadata=bearer(make_token(TENANT, "community_staff")),
        )
        assert final.status == pb.TICKET_STATUS_ACCEPTED and final.provider_id == winners[0]
        assert [e.action for e in final.timeline].count("grabbed") == 1
    finally:
        channel.close()
        running.drain(0)


def published_escalations(bootstrap: str, ticket_id: str, found: list) -> bool:
    """Read the whole topic without a consumer group (no join delay) and keep this ticket's escalations."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, consumer_timeout_ms=1000)
    try:
        partitions = consumer.partitions_for_topic("tickets.ticket.v1") or set()
        consumer.assign([TopicPartition("tickets.ticket.v1", p) for p in partitions])
        consumer.seek_to_beginning()
        found.clear()
        for record in consumer:
            envelope = decode(record.value)
            if envelope.aggregate_id == ticket_id and envelope.type.endswith("TicketEscalated"):
                found.append(unpack(envelope))
    finally:
        consumer.close()
    return len(found) >= 2


def test_an_sla_breach_fires_at_the_configured_time_and_reaches_the_broker(district_db, infra, clock, uows):
    ticket = report(uows)
    sent = dispatching.dispatch_ticket(
        uows, STAFF, ticket.ticket_id, clock=clock
    )  # lighting: accept within 30 min
    relay = OutboxRelay(OUTBOX_DOCUMENTS, KafkaPublisher(infra.bootstrap))
    clock.advance(minutes=29, seconds=59)
    assert escalation.sweep(uows, known_tenants, clock) == 1  # the warning (80 % of 30 min) only
    assert escalation.sweep(uows, known_tenants, clock) == 0
    clock.advance(seconds=1)
    assert escalation.sweep(uows, known_tenants, clock) == 1  # the breach, exactly at 30 min
    relay.run_once()
    found: list[events_pb2.TicketEscalated] = []
    wait_until(lambda: published_escalations(infra.bootstrap, ticket.ticket_id, found), 30, "TicketEscalated")
    assert sorted(e.kind for e in found) == ["breach", "warning"]
    breach = [e for e in found if e.kind == "breach"]
    assert len(breach) == 1 and breach[0].deadline == "accept"
    assert breach[0].due_at.ToDatetime().replace(tzinfo=clock.now().tzinfo) == sent.accept_by
    assert breach[0].ticket.provider_id == "shimao" and breach[0].action == "notify_supervisor"
