"""The tickets service's figures per district: reports, moves, time to accept and complete, ratings,
SLA alarms — counted once per committed move, labelled by tenant and bounded values only."""

from __future__ import annotations

from linli_tickets.adapters import metrics
from linli_tickets.service_layer import actions, dispatching, escalation
from prometheus_client import REGISTRY

from ..conftest import FIRM, OTHER_TENANT, RESIDENT, STAFF, TENANT
from .test_loop import report


def value(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def move(action: str, tenant: str = TENANT, kind: str = "property_firm") -> float:
    return value("linli_tickets_transitions_total", tenant=tenant, action=action, provider_kind=kind)


def test_the_seed_000_loop_counts_each_step_for_its_district(district, clock, uows, store):
    firm = {"tenant": TENANT, "provider_kind": "property_firm"}
    actions_counted = ["dispatched", "accepted", "completed", "verified", "rated", "closed"]
    before = {a: move(a) for a in actions_counted}
    before_other = move("dispatched", tenant=OTHER_TENANT)
    reported = value("linli_tickets_reported_total", tenant=TENANT, category="lighting", channel="app")
    accepted_within_15 = value("linli_tickets_time_to_accept_seconds_bucket", le="900.0", **firm)
    accepted_within_5 = value("linli_tickets_time_to_accept_seconds_bucket", le="300.0", **firm)
    completed_within_1h = value("linli_tickets_time_to_complete_seconds_bucket", le="3600.0", **firm)
    completed_within_15 = value("linli_tickets_time_to_complete_seconds_bucket", le="900.0", **firm)
    rating_sum = value("linli_tickets_ratings_sum", **firm)
    ratings = value("linli_tickets_ratings_count", **firm)

    t = report(uows)
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock)
    clock.advance(minutes=10)
    actions.accept_ticket(uows, FIRM, t.ticket_id, clock=clock)
    clock.advance(minutes=40)
    actions.complete_ticket(uows, FIRM, t.ticket_id, "换了灯泡", [], clock=clock)
    actions.verify_ticket(uows, STAFF, t.ticket_id, True, "已现场核验", clock=clock)
    actions.confirm_ticket(uows, RESIDENT, t.ticket_id, 4, "", clock=clock)
    clock.advance(days=8)  # the district closes rated tickets after 7 days
    assert escalation.close_rated(uows, store.tenants, clock) == 1

    assert (
        value("linli_tickets_reported_total", tenant=TENANT, category="lighting", channel="app")
        == reported + 1
    )
    assert {a: move(a) - before[a] for a in actions_counted} == dict.fromkeys(actions_counted, 1)
    assert move("dispatched", tenant=OTHER_TENANT) == before_other
    # 10 minutes to accept: within the 15-minute bucket, not the 5-minute one
    assert value("linli_tickets_time_to_accept_seconds_bucket", le="900.0", **firm) == accepted_within_15 + 1
    assert value("linli_tickets_time_to_accept_seconds_bucket", le="300.0", **firm) == accepted_within_5
    # 40 minutes to complete: within the hour, not within 15 minutes
    assert (
        value("linli_tickets_time_to_complete_seconds_bucket", le="3600.0", **firm) == completed_within_1h + 1
    )
    assert value("linli_tickets_time_to_complete_seconds_bucket", le="900.0", **firm) == completed_within_15
    assert value("linli_tickets_ratings_sum", **firm) == rating_sum + 4
    assert value("linli_tickets_ratings_count", **firm) == ratings + 1


def test_a_refused_move_counts_nothing(district, clock, uows):
    t = report(uows)
    before = move("accepted", kind="none")
    try:
        actions.accept_ticket(uows, FIRM, t.ticket_id, clock=clock)
    except Exception:  # noqa: BLE001 - the move is refused (not dispatched yet); what matters is the count
        pass
    assert move("accepted", kind="none") == before


def test_an_sla_breach_is_counted_for_the_district_and_category(district, clock, uows, store):
    labels = {"tenant": TENANT, "level": "breach", "deadline": "accept", "category": "lighting"}
    warnings = {**labels, "level": "warning"}
    before, warned = (
        value("linli_tickets_sla_alarms_total", **labels),
        value("linli_tickets_sla_alarms_total", **warnings),
    )
    t = report(uows)
    dispatching.dispatch_ticket(uows, STAFF, t.ticket_id, clock=clock)
    clock.advance(minutes=25)  # lighting: accept within 30 minutes, warn at 80 %
    escalation.sweep(uows, store.tenants, clock)
    clock.advance(minutes=6)
    escalation.sweep(uows, store.tenants, clock)
    escalation.sweep(uows, store.tenants, clock)  # each fires once
    assert value("linli_tickets_sla_alarms_total", **labels) == before + 1
    assert value("linli_tickets_sla_alarms_total", **warnings) == warned + 1


def test_free_channels_and_unknown_provider_kinds_become_bounded_values():
    class Ticket:
        provider_kind = "someone-new"
        channel = "fax2000"

    assert metrics.provider_kind(Ticket()) == "other"
    assert metrics.bounded(Ticket.channel, metrics.CHANNELS) == "other"
    Ticket.provider_kind = ""
    assert metrics.provider_kind(Ticket()) == "none"


def test_time_to_accept_buckets_include_every_default_accept_sla():
    from linli_governance.tickets import DEFAULT_CATEGORIES  # noqa: PLC0415

    edges = set(metrics.ACCEPT_BUCKETS)
    assert {c.accept_within_minutes * 60.0 for c in DEFAULT_CATEGORIES.values()} <= edges
    assert {c.complete_within_hours * 3600.0 for c in DEFAULT_CATEGORIES.values()} <= set(
        metrics.COMPLETE_BUCKETS
    )


def test_every_metric_of_the_service_is_labelled_by_tenant_first_with_allowed_labels():
    from linli_platform.metrics import LABELS  # noqa: PLC0415
    from linli_tickets.adapters import metrics as service_metrics  # noqa: PLC0415
    from prometheus_client.metrics import MetricWrapperBase  # noqa: PLC0415

    defined = [m for m in vars(service_metrics).values() if isinstance(m, MetricWrapperBase)]
    assert defined
    for metric in defined:
        assert metric._labelnames[0] == "tenant" and set(metric._labelnames) <= LABELS, metric._name


def test_a_districts_alarm_series_exist_at_zero_before_its_first_alarm(district, clock, uows, store):
    escalation.sweep(uows, store.tenants, clock)  # nothing is due: no alarm fires
    for level in ("warning", "breach"):
        for deadline in ("accept", "complete"):
            labels = {"tenant": TENANT, "level": level, "deadline": deadline, "category": "plumbing"}
            assert REGISTRY.get_sample_value("linli_tickets_sla_alarms_total", labels) is not None
