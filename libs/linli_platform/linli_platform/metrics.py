"""Prometheus metrics with the go-grpc-prometheus names, so existing dashboards work."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram, start_http_server

GRPC_STARTED = Counter(
    "grpc_server_started_total",
    "Total number of RPCs started on the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
)
GRPC_HANDLED = Counter(
    "grpc_server_handled_total",
    "Total number of RPCs completed on the server, regardless of success or failure.",
    ["grpc_type", "grpc_service", "grpc_method", "grpc_code"],
)
GRPC_HANDLING_SECONDS = Histogram(
    "grpc_server_handling_seconds",
    "Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
GRPC_MSG_RECEIVED = Counter(
    "grpc_server_msg_received_total",
    "Total number of RPC stream messages received on the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
)
GRPC_MSG_SENT = Counter(
    "grpc_server_msg_sent_total",
    "Total number of gRPC stream messages sent by the server.",
    ["grpc_type", "grpc_service", "grpc_method"],
)
OUTBOX_BACKLOG = Gauge(
    "linli_outbox_backlog",
    "Events stored in an outbox and not yet acknowledged by the broker.",
    ["collection"],
)
OUTBOX_PUBLISHED = Counter("linli_outbox_published_total", "Events the relay published.", ["topic"])
CONSUMER_LAG = Gauge(
    "linli_consumer_lag",
    "Messages behind the end of the partition, per consumer.",
    ["consumer", "topic", "partition"],
)
EVENTS_HANDLED = Counter(
    "linli_events_handled_total",
    "Events handled by consumers, by outcome (ok, duplicate, dead_lettered).",
    ["consumer", "outcome"],
)


def serve_metrics(port: int) -> int:
    """Expose /metrics (with process metrics) on `port`; 0 picks a free port. Returns the port."""
    if port < 0:
        return -1
    server, _thread = start_http_server(port, addr="127.0.0.1" if port == 0 else "0.0.0.0")
    return server.server_port
