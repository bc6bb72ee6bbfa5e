"""Prometheus metrics: the go-grpc-prometheus names for RPCs, the kit's event figures, and the helpers
every service defines its domain metrics with (docs/metrics.md is the catalogue).

A label's values must form a set the code or the district's configuration bounds: `counter`, `gauge`
and `histogram` accept only label names from `LABELS`, so an id used as a label fails at import.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from prometheus_client import Counter, Gauge, Histogram, start_http_server

# Label names a linli metric may carry; docs/metrics.md says why each is bounded.
DOMAIN_LABELS = frozenset(
    {
        "tenant",
        "category",
        "provider_kind",
        "compound",
        "action",
        "level",
        "deadline",
        "outcome",
        "channel",
        "source",
        "kind",
        "rule",
    }
)
KIT_LABELS = frozenset({"consumer", "topic", "partition", "collection"})
GRPC_LABELS = frozenset({"grpc_type", "grpc_service", "grpc_method", "grpc_code"})
HTTP_LABELS = frozenset({"area", "method", "code", "route"})
LABELS = DOMAIN_LABELS | KIT_LABELS | GRPC_LABELS | HTTP_LABELS
UNKNOWN_TENANT = "unknown"
OTHER = "other"


def _checked(name: str, labels: Iterable[str]) -> list[str]:
    labels = list(labels)
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        raise ValueError(f"metric {name}: label(s) {unknown} are not in linli_platform.metrics.LABELS")
    if not name.startswith(("linli_", "grpc_server_")):
        raise ValueError(f"metric {name}: linli metrics are named linli_<service>_<what>")
    return labels


def counter(name: str, documentation: str, labels: Iterable[str] = ()) -> Counter:
    return Counter(name, documentation, _checked(name, labels))


def gauge(name: str, documentation: str, labels: Iterable[str] = ()) -> Gauge:
    return Gauge(name, documentation, _checked(name, labels))


def histogram(name: str, documentation: str, labels: Iterable[str], buckets: Iterable[float]) -> Histogram:
    return Histogram(name, documentation, _checked(name, labels), buckets=tuple(buckets))


def minutes(*values: float) -> tuple[float, ...]:
    """Histogram buckets in seconds from durations in minutes (SLA minutes are the natural edges)."""
    return tuple(sorted({float(m * 60) for m in values}))


def tenant(value: str) -> str:
    return value or UNKNOWN_TENANT


def bounded(value: str, allowed: Collection[str]) -> str:
    """`value` if it is one of `allowed`, else "other": free input never becomes a label value."""
    return value if value in allowed else OTHER


GRPC_STARTED = counter(
    "grpc_server_started_total",
    "Total number of RPCs started on the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
)
GRPC_HANDLED = counter(
    "grpc_server_handled_total",
    "Total number of RPCs completed on the server, regardless of success or failure.",
    ["grpc_type", "grpc_service", "grpc_method", "grpc_code"],
)
GRPC_HANDLING_SECONDS = histogram(
    "grpc_server_handling_seconds",
    "Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
GRPC_MSG_RECEIVED = counter(
    "grpc_server_msg_received_total",
    "Total number of RPC stream messages received on the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
)
GRPC_MSG_SENT = counter(
    "grpc_server_msg_sent_total",
    "Total number of gRPC stream messages sent by the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
)

# -- events: the outbox relay and the consumer core ------------------------------------------------
EVENTS_PUBLISHED = counter(
    "linli_events_published_total",
    "Events the outbox relay published and the broker acknowledged.",
    ["tenant", "topic"],
)
EVENTS_CONSUMED = counter(
    "linli_events_consumed_total",
    "Events a consumer finished: handled (ok) or skipped as seen before (duplicate).",
    ["tenant", "consumer", "outcome"],
)
EVENTS_RETRIED = counter(
    "linli_events_retried_total",
    "Handler attempts repeated after a failure (one per extra attempt).",
    ["tenant", "consumer"],
)
EVENTS_DEAD_LETTERED = counter(
    "linli_events_dead_lettered_total",
    "Events that failed every attempt (or did not decode) and were parked in <topic>.dlq.",
    ["tenant", "consumer", "topic"],
)
OUTBOX_BACKLOG = gauge(
    "linli_outbox_backlog",
    "Events stored in an outbox and not yet acknowledged by the broker.",
    ["collection"],
)
OUTBOX_OLDEST_AGE = gauge(
    "linli_outbox_oldest_pending_age_seconds",
    "Age of the oldest event still pending in an outbox after the relay's last pass (0: none).",
    ["collection"],
)
CONSUMER_LAG = gauge(
    "linli_consumer_lag",
    "Messages behind the end of the partition, per consumer group.",
    ["consumer", "topic", "partition"],
)


def serve_metrics(port: int) -> int:
    """Expose /metrics (with process metrics) on `port`; 0 picks a free port. Returns the port."""
    if port < 0:
        return -1
    server, _thread = start_http_server(port, addr="127.0.0.1" if port == 0 else "0.0.0.0")
    return server.server_port
