"""What a person reads for an event (Simplified Chinese by default)."""

from __future__ import annotations

from dataclasses import dataclass

from linli.tickets.v1 import events_pb2 as tickets_events


@dataclass(frozen=True)
class Message:
    recipient: str
    title: str
    body: str


def for_ticket_created(event: tickets_events.TicketCreated) -> list[Message]:
    return [Message(recipient=event.reporter, title="报修已受理",
                    body=f"您的报修（{event.description[:60]}）已提交，社区将尽快派单。工单号：{event.ticket_id}")]
