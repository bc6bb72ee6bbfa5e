"""Credits by the earn rules from events, on the fakes: exactly once, in any order, under the rules in
force when the cause happened, never in a district with points off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from linli_platform.events import decode, unpack
from linli_points.domain import books

from ..conftest import OTHER, T0, TENANT, balance, config_event, document, rated_event


def credited(store) -> list:
    return [unpack(decode(e.value)) for e in store.take_events() if e.type.endswith("PointsCredited")]


def test_a_rated_ticket_credits_the_volunteer_with_the_ratings_multiplier_naming_rule_and_cause(
    district, consume, uows, store
):
    store.take_events()
    event = rated_event(rating=5)
    consume(event)
    assert balance(uows, "vol-ma") == 15  # 10 points × 1.5 for five stars
    transfer = uows(TENANT).ledger.transfer("ticket:t-1:volunteer")
    assert (transfer.code, transfer.cause) == ("ticket.volunteer", f"tickets.ticket.v1/{event.event_id}")
    assert transfer.user_data["rule_version"] == "1"
    assert transfer.debit_account_id == books.ISSUER_ID
    [published] = credited(store)
    assert (published.subject, published.amount, published.subject_name) == ("vol-ma", 15, "马建国")
    assert published.local_time == "2026-11-02 10:00" and "5 星" in published.reason


@pytest.mark.parametrize(("rating", "points"), [(1, 5), (3, 10), (4, 12)])
def test_each_rating_has_its_multiplier(district, consume, uows, rating, points):
    consume(rated_event(rating=rating))
    assert balance(uows, "vol-ma") == points


def test_every_event_delivered_twice_and_out_of_order_gives_the_same_balances(district, consume, uows, store):
    events = [
        rated_event(
            f"t-{i}", rating=1 + i % 5, done_by=("vol-ma", "vol-sun")[i % 2], at=T0 + timedelta(minutes=i)
        )
        for i in range(8)
    ]
    consume(*events)
    forward = {s: balance(uows, s) for s in ("vol-ma", "vol-sun", "res-chen")}
    writes = store.writes
    consume(*reversed(events), *events)  # again, backwards and forwards
    assert {s: balance(uows, s) for s in ("vol-ma", "vol-sun", "res-chen")} == forward
    assert store.writes == writes  # a redelivery writes nothing
    assert uows(TENANT).ledger.check() == []


def test_the_same_totals_whatever_the_order_when_caps_cut(consume, uows):
    consume(config_event(1, document(daily_cap=20)))
    events = [rated_event(f"t-{i}", rating=5, at=T0 + timedelta(minutes=i)) for i in range(4)]  # 15 each
    consume(*reversed(events))
    assert balance(uows, "vol-ma") == 20  # the daily cap


def test_another_days_credits_have_their_own_daily_cap_and_the_month_its_cap(consume, uows):
    consume(config_event(1, document(daily_cap=20, monthly_cap=50)))
    consume(*[rated_event(f"t-{i}", rating=5, at=T0 + timedelta(days=i)) for i in range(5)])
    assert balance(uows, "vol-ma") == 50


def test_a_ticket_earns_each_role_once_even_if_reopened_and_rated_again(district, consume, uows):
    consume(rated_event("t-9", rating=5))
    consume(rated_event("t-9", rating=2, at=T0 + timedelta(hours=3)))  # another event of the same ticket
    assert balance(uows, "vol-ma") == 15


def test_the_building_leader_who_reported_earns_the_leaders_points(district, consume, uows):
    consume(rated_event("t-2", rating=5, reporter="leader-wang", building_id="b1"))
    consume(rated_event("t-3", rating=5, reporter="res-chen", building_id="b1"))
    assert balance(uows, "leader-wang") == 2  # building_leader: 2 (not multiplied)
    assert balance(uows, "res-chen") == 0  # a resident reporting earns 0 by default


def test_a_firms_ticket_credits_no_volunteer(district, consume, uows):
    consume(rated_event("t-4", provider_kind="property_firm", done_by="shimao-duty"))
    assert balance(uows, "shimao-duty") == 0


def test_a_district_with_points_off_credits_nothing(consume, uows, store):
    consume(config_event(1, document(enabled=False)))
    consume(rated_event(rating=5))
    assert balance(uows, "vol-ma") == 0
    assert uows(TENANT).ledger.accounts([books.person_id("vol-ma")]) == {}


def test_a_rule_change_applies_from_its_version_on_never_to_earlier_causes(consume, uows):
    consume(config_event(1, document(), at=T0 - timedelta(days=1)))
    consume(config_event(2, document(tickets={"volunteer": 40}), at=T0 + timedelta(hours=1)))
    consume(rated_event("t-before", rating=3, at=T0))  # rated under version 1, delivered after version 2
    consume(rated_event("t-after", rating=3, at=T0 + timedelta(hours=2)))
    ledger = uows(TENANT).ledger
    assert ledger.transfer("ticket:t-before:volunteer").amount == 10
    assert ledger.transfer("ticket:t-after:volunteer").user_data["rule_version"] == "2"
    assert ledger.transfer("ticket:t-after:volunteer").amount == 40


def test_a_compound_override_changes_its_points_only(consume, uows):
    consume(
        config_event(
            1,
            {**document(), "overrides": {"compounds": {"heyue": {"points": {"tickets": {"volunteer": 30}}}}}},
        )
    )
    consume(
        rated_event("t-a", rating=3, compound_id="heyue"), rated_event("t-b", rating=3, done_by="vol-sun")
    )
    assert (balance(uows, "vol-ma"), balance(uows, "vol-sun")) == (30, 10)


def test_credits_stay_in_their_district(district, consume, uows):
    consume(rated_event(rating=5, tenant=OTHER))
    assert balance(uows, "vol-ma") == 0 and balance(uows, "vol-ma", OTHER) == 15


def test_credits_are_counted_once_by_rule_and_outstanding_follows_the_books(district, consume, uows):
    from linli_points.adapters import metrics  # noqa: PLC0415
    from linli_points.service_layer.reports import outstanding_points  # noqa: PLC0415

    sample = metrics.CREDITED.labels(TENANT, "volunteer")
    before = sample._value.get()
    consume(rated_event("t-m", rating=5), rated_event("t-m", rating=5))
    assert sample._value.get() - before == 15
    assert outstanding_points(uows(TENANT)) == 15
