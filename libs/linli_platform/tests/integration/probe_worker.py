"""A nameko worker built only from the chassis, run as a subprocess by test_nameko_worker.py.

- `@timer`: counts ticks in the database and runs the outbox relay of `parcels`.
- `@consume`: records each ProbeParcel event (PageResponse payload) it handles; total == 13 always fails.
Configuration comes from LINLI_* variables, like any worker.
"""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

from datetime import UTC, datetime  # noqa: E402

from linli.common.v1.common_pb2 import PageResponse  # noqa: E402
from linli_platform.config import Settings  # noqa: E402
from linli_platform.events import unpack  # noqa: E402
from linli_platform.outbox import OutboxMixin  # noqa: E402
from linli_platform.worker import RuntimeProvider, consume, run_worker, timer  # noqa: E402
from mongoengine import DateTimeField, Document, IntField, StringField  # noqa: E402

TOPIC = "probe.parcel.v1"
POISON = 13


class Parcel(OutboxMixin, Document):
    parcel_id = StringField(required=True)
    meta = {"collection": "parcels"}


class Tick(Document):
    name = StringField(primary_key=True)
    count = IntField(default=0)
    meta = {"collection": "ticks"}


class Seen(Document):
    event_id = StringField(required=True)
    total = IntField(required=True)
    correlation_id = StringField()
    at = DateTimeField(required=True)
    meta = {"collection": "seen"}


class ProbeWorker:
    name = "probe_worker"
    runtime = RuntimeProvider()

    @timer(interval=0.1)
    def tick(self):
        Tick.objects(name="tick").update_one(upsert=True, inc__count=1)
        self.runtime.relay_once()

    @consume(TOPIC, group="probe-consumer")
    def on_parcel(self, envelope):
        event = unpack(envelope)
        assert isinstance(event, PageResponse)
        if event.total == POISON:
            raise ValueError("poison parcel")
        Seen(
            event_id=envelope.event_id,
            total=event.total,
            correlation_id=envelope.correlation_id,
            at=datetime.now(UTC),
        ).save()


if __name__ == "__main__":
    run_worker(ProbeWorker, Settings(service="probe"), outbox_documents=(Parcel,))
