"""The base of every aggregate: identity within a tenant, a version, and the events it recorded.

Pure Python (no driver, no grpc). An aggregate's methods check their rule, change the state and
`record()` the event; the unit of work then writes the new state and the pending events in one
document write, guarded by the version the aggregate was read at (`read_version`).
"""

from __future__ import annotations

from typing import ClassVar

from google.protobuf.message import Message

from linli_platform.events import OutgoingEvent, new_event


class Aggregate:
    """Subclasses name their events' topic: `SOURCE` (the service) and `NAME` (the aggregate)."""

    SOURCE: ClassVar[str]
    NAME: ClassVar[str]

    def __init__(self, tenant_id: str, id: str, version: int = 0):
        if not tenant_id:
            raise ValueError(f"{type(self).__name__}: an aggregate belongs to a tenant")
        self.tenant_id = tenant_id
        self.id = id
        self.version = version  # 0: not stored yet
        self.read_version = version
        self.pending: list[OutgoingEvent] = []

    @property
    def is_new(self) -> bool:
        return self.read_version == 0

    @property
    def changed(self) -> bool:
        return self.version != self.read_version

    def touch(self) -> int:
        """Mark a change: the version moves once per unit of work, however many steps it takes."""
        if self.version == self.read_version:
            self.version = self.read_version + 1
        return self.version

    def record(self, payload: Message, event_id: str | None = None) -> OutgoingEvent:
        """Record an event of this change (stored with it: the outbox)."""
        event = new_event(
            payload,
            source=self.SOURCE,
            aggregate=self.NAME,
            tenant_id=self.tenant_id,
            aggregate_id=self.id,
            aggregate_version=self.touch(),
            event_id=event_id,
        )
        self.pending.append(event)
        return event

    def stored(self) -> None:
        """Called by the repository after a successful write: the new state is the read state."""
        self.read_version = self.version
        self.pending = []
