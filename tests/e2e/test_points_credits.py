"""Points through real processes: a ticket a volunteer did, verified (督单) and rated in the tickets
service, credits the volunteer by itself through the real broker — once, even when the broker
delivers the rating twice — with its rating's multiplier; a district with points off credits nothing.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import grpc
import pytest
from kafka import KafkaConsumer, TopicPartition
from linli.communities.v1 import governance_pb2 as gpb
from linli.communities.v1 import governance_pb2_grpc as gpb_grpc
from linli.points.v1 import points_pb2 as ppb
from linli.points.v1 import points_pb2_grpc as ppb_grpc
from linli.tickets.v1 import events_pb2 as _ticket_events  # noqa: F401 - unpack needs the types
from linli.tickets.v1 import tickets_pb2 as pb
from linli.tickets.v1 import tickets_pb2_grpc as pb_grpc
from linli_platform.events import decode, unpack
from linli_platform.kafka import KafkaPublisher
from linli_platform.testing.fixtures import bearer, make_token
from linli_platform.testing.launchers import wait_until

pytestmark = pytest.mark.e2e


def rid() -> str:
    return uuid.uuid4().hex


def as_(tenant: str, role: str, subject: str = ""):
    return bearer(make_token(tenant, role, subject or f"{role}@{tenant}"))


def call_until(fn, what: str, timeout: float = 300):
    box = []

    def attempt() -> bool:
        try:
            box.append(fn())
            return True
        except grpc.RpcError as err:
            if err.code() not in (
                grpc.StatusCode.NOT_FOUND,
                grpc.StatusCode.PERMISSION_DENIED,
                grpc.StatusCode.FAILED_PRECONDITION,
            ):
                raise
            return False

    wait_until(attempt, timeout, what, interval=0.3)
    return box[-1]


def volunteer_ticket(tickets, tenant, compound, category, team, volunteer, rating, before_rating=None):
    """Report → dispatch to the volunteer team → accept → complete → verify → rate."""
    staff, resident, worker = (
        as_(tenant, "community_staff"),
        as_(tenant, "resident"),
        as_(tenant, "volunteer", volunteer),
    )
    ticket = tickets.CreateTicket(
        pb.CreateTicketRequest(
            request_id=rid(), compound_id=compound, category=category, description="楼道需要清理"
        ),
        metadata=resident,
    )

    call_until(
        lambda: tickets.DispatchTicket(
            pb.DispatchTicketRequest(
                request_id=rid(),
                ticket_id=ticket.id,
                provider_kind=pb.PROVIDER_KIND_VOLUNTEER_TEAM,
                provider_id=team,
            ),
            metadata=staff,
        ),
        f"team {team} in the tickets service",
    )
    call_until(
        lambda: tickets.AcceptTicket(
            pb.TicketActionRequest(request_id=rid(), ticket_id=ticket.id), metadata=worker
        ),
        "the volunteer's team membership in the tickets service",
    )
    tickets.CompleteTicket(
        pb.CompleteTicketRequest(request_id=rid(), ticket_id=ticket.id, note="已清理"), metadata=worker
    )
    tickets.VerifyTicket(
        pb.VerifyTicketRequest(request_id=rid(), ticket_id=ticket.id, approved=True), metadata=staff
    )
    if before_rating is not None:
        before_rating(ticket.id)
    tickets.ConfirmTicket(
        pb.ConfirmTicketRequest(request_id=rid(), ticket_id=ticket.id, rating=rating), metadata=resident
    )
    return ticket.id


def rated_envelope(bootstrap: str, ticket_id: str) -> bytes:
    """The TicketRated event of a ticket, as the broker holds it."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, consumer_timeout_ms=2000)
    try:
        partitions = [
            TopicPartition("tickets.ticket.v1", p) for p in consumer.partitions_for_topic("tickets.ticket.v1")
        ]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        for record in consumer:
            envelope = decode(record.value)
            if envelope.type.endswith("TicketRated") and unpack(envelope).ticket.ticket_id == ticket_id:
                return record.value
    finally:
        consumer.close()
    raise AssertionError(f"no TicketRated of {ticket_id} on the broker")


def balance(points, tenant, subject) -> int:
    return points.GetAccount(
        ppb.GetAccountRequest(subject=subject), metadata=as_(tenant, "community_staff")
    ).balance


def test_a_rated_volunteer_ticket_credits_once_with_its_multiplier_through_the_broker(system):
    tickets = pb_grpc.TicketsServiceStub(grpc.insecure_channel(system.address("tickets")))
    points = ppb_grpc.PointsServiceStub(grpc.insecure_channel(system.address("points")))
    volunteer = "vol-3@hanyang"  # 黄秀英, 金江绿化志愿服务队
    start = balance(points, "hanyang", volunteer)
    first = volunteer_ticket(tickets, "hanyang", "jinjiang", "greening", "lvhua", volunteer, rating=4)
    wait_until(
        lambda: balance(points, "hanyang", volunteer) == start + 12,
        120,
        "the credit of a 4-star ticket (10 × 1.2)",
    )
    statement = points.GetStatement(
        ppb.GetStatementRequest(subject=volunteer), metadata=as_("hanyang", "volunteer", volunteer)
    )
    [line] = [m for m in statement.movements if m.transfer_id == f"ticket:{first}:volunteer"]
    assert (line.amount, line.code, line.rule_version > 0) == (12, "ticket.volunteer", True)
    assert line.cause.startswith("tickets.ticket.v1/") and "4 星" in line.description

    # The broker delivers the rating again, on the partition the next ticket's events take, before them.
    duplicate = rated_envelope(system.broker.bootstrap, first)
    publisher = KafkaPublisher(system.broker.bootstrap)

    def redeliver(next_ticket_id: str) -> None:
        publisher.publish("tickets.ticket.v1", f"hanyang:{next_ticket_id}", duplicate)

    try:
        volunteer_ticket(
            tickets, "hanyang", "jinjiang", "greening", "lvhua", volunteer, rating=5, before_rating=redeliver
        )
    finally:
        publisher.close()
    wait_until(
        lambda: balance(points, "hanyang", volunteer) >= start + 12 + 15, 120, "the second ticket's credit"
    )
    assert balance(points, "hanyang", volunteer) == start + 12 + 15  # the duplicate credited nothing


def test_a_district_with_points_off_credits_nothing(system):
    tickets = pb_grpc.TicketsServiceStub(grpc.insecure_channel(system.address("tickets")))
    points = ppb_grpc.PointsServiceStub(grpc.insecure_channel(system.address("points")))
    governance = gpb_grpc.GovernanceServiceStub(grpc.insecure_channel(system.address("communities")))
    admin, staff = as_("longtan", "district_admin"), as_("longtan", "community_staff")
    original = (Path(__file__).parents[2] / "deploy/demo/longtan/governance.yaml").read_text(encoding="utf-8")
    assert "points:\n  name: 服务积分" in original
    switched_off = original.replace(
        "points:\n  name: 服务积分", "points:\n  enabled: false\n  name: 积分暂停"
    )

    def in_force(name: str) -> None:
        wait_until(
            lambda: points.GetAccount(ppb.GetAccountRequest(subject="x"), metadata=staff).points_name == name,
            120,
            f"the points service holding the config naming {name}",
        )

    governance.ApplyConfig(
        gpb.ApplyConfigRequest(request_id=rid(), document=switched_off, comment="暂停积分"), metadata=admin
    )
    in_force("积分暂停")
    volunteer = "volunteer@longtan"
    start = balance(points, "longtan", volunteer)
    off = volunteer_ticket(
        tickets, "longtan", "zhanqian-1", "stair_cleaning", "zhanqian-volunteers", volunteer, rating=5
    )
    governance.ApplyConfig(
        gpb.ApplyConfigRequest(request_id=rid(), document=original, comment="恢复积分"), metadata=admin
    )
    in_force("服务积分")
    on = volunteer_ticket(
        tickets, "longtan", "zhanqian-1", "stair_cleaning", "zhanqian-volunteers", volunteer, rating=5
    )
    wait_until(
        lambda: balance(points, "longtan", volunteer) >= start + 15,
        120,
        "the credit after points are on again",
    )
    assert balance(points, "longtan", volunteer) == start + 15  # the ticket rated while off: nothing
    moved = points.GetStatement(ppb.GetStatementRequest(subject=volunteer), metadata=staff).movements
    assert f"ticket:{on}:volunteer" in [m.transfer_id for m in moved]
    assert f"ticket:{off}:volunteer" not in [m.transfer_id for m in moved]
