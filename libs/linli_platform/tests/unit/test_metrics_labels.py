"""Metric labels stay bounded: the kit's helpers accept only allow-listed label names, free input maps
to "other", and every metric registered in this process uses allowed labels (docs/metrics.md)."""

from __future__ import annotations

import pytest
from linli_platform import kafka, metrics, outbox  # noqa: F401 - registers the kit's metrics
from prometheus_client import REGISTRY
from prometheus_client.metrics import MetricWrapperBase


def test_a_metric_with_an_id_label_is_refused_at_definition():
    with pytest.raises(ValueError, match="household_id"):
        metrics.counter("linli_probe_refused_total", "refused", ["tenant", "household_id"])
    with pytest.raises(ValueError, match="named linli_"):
        metrics.counter("probe_total", "refused", ["tenant"])


def test_free_input_becomes_other_and_an_empty_tenant_unknown():
    assert metrics.bounded("wechat", {"app", "wechat"}) == "wechat"
    assert metrics.bounded("13812345678", {"app", "wechat"}) == "other"
    assert metrics.tenant("") == "unknown" and metrics.tenant("hanyang") == "hanyang"


def test_minutes_make_sorted_second_buckets():
    assert metrics.minutes(30, 5, 30, 60) == (300.0, 1800.0, 3600.0)


def registered() -> list[MetricWrapperBase]:
    return [c for c in REGISTRY._collector_to_names if isinstance(c, MetricWrapperBase)]


def test_every_registered_linli_metric_uses_allowed_labels_and_event_counters_carry_the_tenant():
    found = {c._name: c._labelnames for c in registered() if c._name.startswith(("linli_", "grpc_server_"))}
    assert {"linli_events_published", "linli_events_consumed", "linli_consumer_lag"} <= set(found)
    for name, labels in found.items():
        assert set(labels) <= metrics.LABELS, (name, labels)
    for name in (
        "linli_events_published",
        "linli_events_consumed",
        "linli_events_retried",
        "linli_events_dead_lettered",
    ):
        assert found[name][0] == "tenant", name
