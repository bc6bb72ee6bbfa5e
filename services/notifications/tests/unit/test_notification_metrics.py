"""Notifications' figures per district: inbox entries by the event that made them, webhook POSTs by
outcome (delivered, failed, dead-lettered) with their latency — never a recipient or subscription."""

from __future__ import annotations

from dataclasses import dataclass

from linli_notifications.domain.schedule import Backoff
from linli_notifications.service_layer import intake, webhooks
from prometheus_client import REGISTRY

A, B = "t-jinjiang", "t-other"


def value(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@dataclass
class Answer:
    status_code: int
    error: str = ""


class Sender:
    def __init__(self, status_code: int):
        self.status_code = status_code

    def post(self, url, secret, body, **_headers):
        return Answer(self.status_code, "" if self.status_code == 200 else "refused")


def test_inbox_entries_are_counted_for_the_district_by_the_event_type(uows, ev, shimao_hook):
    created = value("linli_notifications_created_total", tenant=A, source="TicketDispatched")
    elsewhere = value("linli_notifications_created_total", tenant=B, source="TicketDispatched")
    event = ev.envelope(ev.dispatched(A), A, "tk1")
    intake.handle(event, uows)
    intake.handle(event, uows)  # redelivered: no new entries, nothing counted
    assert value("linli_notifications_created_total", tenant=A, source="TicketDispatched") == created + 2
    assert value("linli_notifications_created_total", tenant=B, source="TicketDispatched") == elsewhere


def test_a_webhook_post_is_counted_delivered_with_its_latency(uows, ev, shimao_hook, clock):
    delivered = value("linli_notifications_webhook_deliveries_total", tenant=A, outcome="delivered")
    timed = value("linli_notifications_webhook_seconds_count", tenant=A)
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk2"), uows, clock())
    assert webhooks.deliver_due(uows, Sender(200), Backoff(), clock) == 1
    assert (
        value("linli_notifications_webhook_deliveries_total", tenant=A, outcome="delivered") == delivered + 1
    )
    assert value("linli_notifications_webhook_seconds_count", tenant=A) == timed + 1


def test_failed_posts_count_failed_until_the_last_which_counts_dead_lettered(uows, ev, shimao_hook, clock):
    failed = value("linli_notifications_webhook_deliveries_total", tenant=A, outcome="failed")
    dead = value("linli_notifications_webhook_deliveries_total", tenant=A, outcome="dead_lettered")
    backoff = Backoff(initial=1, maximum=1, jitter=0, max_attempts=3)
    intake.handle(ev.envelope(ev.dispatched(A), A, "tk3"), uows, clock())
    for _ in range(3):
        assert webhooks.deliver_due(uows, Sender(500), backoff, clock) == 1
        clock.advance(5)
    assert value("linli_notifications_webhook_deliveries_total", tenant=A, outcome="failed") == failed + 2
    assert (
        value("linli_notifications_webhook_deliveries_total", tenant=A, outcome="dead_lettered") == dead + 1
    )


def test_every_metric_of_the_service_is_labelled_by_tenant_first_with_allowed_labels():
    from linli_notifications.adapters import metrics as service_metrics  # noqa: PLC0415
    from linli_platform.metrics import LABELS  # noqa: PLC0415
    from prometheus_client.metrics import MetricWrapperBase  # noqa: PLC0415

    defined = [m for m in vars(service_metrics).values() if isinstance(m, MetricWrapperBase)]
    assert defined
    for metric in defined:
        assert metric._labelnames[0] == "tenant" and set(metric._labelnames) <= LABELS, metric._name
