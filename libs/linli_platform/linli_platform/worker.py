"""Workers on nameko: the chassis' own Kafka consumer entrypoint, timers and the runtime.

A worker process calls `eventlet.monkey_patch()` first, never starts a grpcio server, and runs
one nameko service through `run_worker()`. Handlers receive the decoded EventEnvelope; the
consumer core (kafka.EventConsumer) dedupes, retries and dead-letters around them.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterable

import eventlet
from eventlet.event import Event as GreenEvent
from nameko.containers import ServiceContainer
from nameko.extensions import DependencyProvider, Entrypoint
from nameko.timer import timer as _nameko_timer

from linli_platform import mongo
from linli_platform.config import Settings
from linli_platform.kafka import ConsumerLoop, EventConsumer, KafkaPublisher, ensure_topics
from linli_platform.logs import setup_logging
from linli_platform.metrics import serve_metrics
from linli_platform.outbox import OutboxRelay

log = logging.getLogger("linli.worker")
timer = _nameko_timer


class Runtime:
    """What the worker's entrypoints share: settings, the publisher and the outbox relay."""

    def __init__(self, settings: Settings, outbox_documents: Iterable[type]):
        self.settings = settings
        self.publisher = KafkaPublisher(settings.kafka_bootstrap)
        self.relay = OutboxRelay(
            outbox_documents, self.publisher, idle_backoff=settings.relay_idle_backoff_seconds
        )
        self._relay_lock = threading.Lock()

    def relay_once(self) -> int:
        if not self._relay_lock.acquire(blocking=False):
            return 0
        try:
            return self.relay.run_once()
        finally:
            self._relay_lock.release()


_runtime: Runtime | None = None


class RuntimeProvider(DependencyProvider):
    """Injects the process' Runtime into service methods (`self.runtime`)."""

    def get_dependency(self, worker_ctx):
        if _runtime is None:
            raise RuntimeError("run_worker() sets up the runtime before the container starts")
        return _runtime


class KafkaConsumerEntrypoint(Entrypoint):
    """`@consume("tickets.ticket.v1", group="notifications-tickets")` on a nameko service method;
    `effects_keyed=True` when the handler's effects are keyed by the event (see kafka.EventConsumer)."""

    def __init__(self, *topics: str, group: str, effects_keyed: bool = False, **kwargs):
        self.topics = list(topics)
        self.group = group
        self.effects_keyed = effects_keyed  # see kafka.EventConsumer
        self.loop: ConsumerLoop | None = None
        super().__init__(**kwargs)

    def start(self) -> None:
        assert _runtime is not None
        settings = _runtime.settings
        ensure_topics(settings.kafka_bootstrap, self.topics)
        core = EventConsumer(
            self.group,
            self._call_service,
            _runtime.publisher,
            max_attempts=settings.consumer_max_attempts,
            effects_keyed=self.effects_keyed,
        )
        self.loop = ConsumerLoop(core, self.topics, settings.kafka_bootstrap)
        self.container.spawn_managed_thread(self.loop.run, identifier=f"kafka:{self.group}")

    def stop(self) -> None:
        if self.loop is not None:
            self.loop.stop()

    def kill(self) -> None:
        self.stop()

    def _call_service(self, envelope) -> None:
        done = GreenEvent()

        def handle_result(worker_ctx, result, exc_info):
            done.send((result, exc_info))
            return result, exc_info

        self.container.spawn_worker(self, (envelope,), {}, handle_result=handle_result)
        _result, exc_info = done.wait()
        if exc_info is not None:
            raise exc_info[1].with_traceback(exc_info[2])


consume = KafkaConsumerEntrypoint.decorator


def run_worker(service_cls: type, settings: Settings, outbox_documents: Iterable[type] = ()) -> None:
    """Run one nameko service until SIGTERM/SIGINT. Call eventlet.monkey_patch() before importing."""
    global _runtime
    setup_logging(f"{settings.service}-worker", settings.log_level, settings.log_json)
    # Signals first: a SIGTERM during start-up still stops the worker cleanly.
    stopping = GreenEvent()
    signal.signal(signal.SIGTERM, lambda *_: stopping.ready() or stopping.send(True))
    signal.signal(signal.SIGINT, lambda *_: stopping.ready() or stopping.send(True))
    mongo.connect(settings)
    _runtime = Runtime(settings, outbox_documents)
    container = ServiceContainer(service_cls, config={})
    container.start()
    # The metrics port opening is the readiness signal (System.worker_ready): entrypoints have started.
    serve_metrics(settings.metrics_port)
    log.info("worker started", extra={"fields": {"service": service_cls.name}})
    watcher = eventlet.spawn(_watch, container, stopping)
    if stopping.wait() is False:
        # The container died (an extension such as a consumer loop failed): exit non-zero so the
        # supervisor restarts the process instead of keeping a worker that consumes nothing.
        log.error("worker container died; exiting")
        _runtime.publisher.close()
        raise SystemExit(70)
    watcher.kill()
    container.stop()
    _runtime.publisher.close()
    log.info("worker stopped")


def _watch(container: ServiceContainer, stopping: GreenEvent) -> None:
    """Turn the container's death into `stopping` with False (a signal sends True)."""
    try:
        container.wait()
    except Exception:
        log.exception("worker container died")
    if not stopping.ready():
        stopping.send(False)
