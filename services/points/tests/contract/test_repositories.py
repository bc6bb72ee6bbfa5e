"""The points repositories: the in-memory fakes behave as the MongoDB ones (SecantusDB, integration).

Every test runs on both. The ledger's own store is proven by libs/linli_ledger's contract test; this
proves the points mapping (profiles, activities, allotments, awards, governance versions, copies)
and, through the worker's handlers, that credits stay exactly once on the real database.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from linli_platform.errors import Aborted
from linli_platform.persistence import AlreadyStored
from linli_platform.testing.fakes import FakeStore
from linli_points.adapters.documents import EarningsDoc
from linli_points.adapters.fakes import fake_unit_of_work
from linli_points.adapters.unit_of_work import mongo_unit_of_work
from linli_points.domain.activity import Activity
from linli_points.domain.earnings import Earnings
from linli_points.entrypoints.consumers import handlers
from linli_points.service_layer.unit_of_work import Place, Rating

from ..conftest import OTHER, T0, TENANT, balance, config_event, document, rated_event, register


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def uows(request):
    if request.param == "fake":
        return fake_unit_of_work(FakeStore())
    request.getfixturevalue("mongo_db")
    return mongo_unit_of_work


def entry(tenant, id, subject="vol-ma", status="confirmed", hours=2, start=T0, team="shuidian") -> Activity:
    return Activity(
        tenant_id=tenant,
        id=id,
        subject=subject,
        kind="patrol",
        kind_name="安全巡逻",
        compound_id="jinjiang",
        team_id=team,
        started_at=start,
        ended_at=start + timedelta(hours=hours),
        minutes=hours * 60,
        status=status,
        confirmed_by="staff",
        confirmed_at=start + timedelta(hours=hours),
        request_fingerprint="fp",
    )


def test_volunteers_come_back_as_stored_and_are_found_by_specialty_and_team(uows):
    handlers(uows).handle(config_event(1, document()))
    register(uows, "vol-ma", "马建国", ("水电",), teams=("shuidian",), show_name=True)
    register(
        uows, "vol-sun", "孙志刚", ("水电", "绿化"), teams=("lvhua",), availability=("weekend", "on_call")
    )
    register(uows, "vol-ma", "马建国", ("水电",), teams=("shuidian",), tenant=OTHER)
    got = uows(TENANT).volunteers.get("vol-ma")
    assert (got.profile.display_name, got.profile.specialties, got.profile.show_name, got.version) == (
        "马建国",
        ("水电",),
        True,
        1,
    )
    found, total = uows(TENANT).volunteers.search("绿化", "", "", "", 0, 10)
    assert ([v.subject for v in found], total) == (["vol-sun"], 1)
    found, total = uows(TENANT).volunteers.search("水电", "", "", "jinjiang", 0, 1)
    assert ([v.subject for v in found], total) == (["vol-ma"], 2)
    assert [v.subject for v in uows(TENANT).volunteers.search("", "on_call", "", "", 0, 9)[0]] == ["vol-sun"]
    assert sorted(uows(TENANT).volunteers.named(["vol-sun", "nobody"])) == ["vol-sun"]


def test_activities_page_newest_first_and_count_only_confirmed_hours_in_the_period(uows):
    with uows(TENANT) as uow:
        for i, status in enumerate(["confirmed", "corrected", "checked_out", "confirmed"]):
            uow.activities.add(entry(TENANT, f"a{i}", status=status, start=T0 + timedelta(days=i)))
        uow.commit()
    with uows(OTHER) as uow:
        uow.activities.add(entry(OTHER, "a9"))
        uow.commit()
    page, total = uows(TENANT).activities.page("vol-ma", "", "", 0, 2)
    assert ([a.id for a in page], total) == (["a3", "a2"], 4)
    assert [a.id for a in uows(TENANT).activities.page("", "confirmed", "shuidian", 0, 9)[0]] == ["a3", "a0"]
    counted = uows(TENANT).activities.counted(T0, T0 + timedelta(days=3))
    assert [(a.id, a.minutes, a.ended_at) for a in counted] == [("a0", 120, T0 + timedelta(hours=2))]
    with pytest.raises(AlreadyStored), uows(TENANT) as uow:
        uow.activities.add(entry(TENANT, "a0"))
        uow.commit()


def test_allotments_and_award_results_round_trip(uows):
    with uows(TENANT) as uow:
        earnings = Earnings(tenant_id=TENANT, id="vol-ma:2026-11")
        earnings.allot("ticket:t-1:volunteer", "2026-11-02", 15, 20, 100)
        earnings.allot("ticket:t-2:volunteer", "2026-11-02", 15, 20, 100)
        uow.earnings.add(earnings)
        uow.commit()
    kept = uows(TENANT).earnings.get("vol-ma:2026-11")
    assert {k: a.amount for k, a in kept.allotments.items()} == {
        "ticket:t-1:volunteer": 15,
        "ticket:t-2:volunteer": 5,
    }
    assert uows(OTHER).earnings.find("vol-ma:2026-11") is None


def test_governance_versions_in_force_by_time_and_copies_by_version(uows):
    first, second = (
        config_event(1, document(), at=T0),
        config_event(2, document(enabled=False), at=T0 + timedelta(days=1)),
    )
    handlers(uows).handle(second)
    handlers(uows).handle(first)
    handlers(uows).handle(first)  # again: nothing
    governance = uows(TENANT).governance
    assert governance.in_force(T0 + timedelta(hours=1)).version == 1
    assert governance.in_force(T0 + timedelta(days=2)).version == 2
    assert governance.in_force(T0 - timedelta(days=9)).version == 1  # before any: the oldest
    assert uows(OTHER).governance.in_force(T0) is None
    places = uows(TENANT).places
    assert places.keep("compound", Place("jinjiang", "金江公寓", "yangsi"), 2)
    assert not places.keep("compound", Place("jinjiang", "旧名", "yangsi"), 1)
    assert places.get("compound", "jinjiang").name == "金江公寓"
    assert [p.id for p in places.all("compound")] == ["jinjiang"] and uows(OTHER).places.all("compound") == []
    ratings = uows(TENANT).ratings
    assert ratings.keep(Rating("t-1", "vol-ma", 5, T0), 7)
    assert not ratings.keep(Rating("t-1", "vol-ma", 5, T0), 7)
    assert [r.rating for r in ratings.between(T0, T0 + timedelta(seconds=1))] == [5]
    assert ratings.keep(Rating("t-1", "vol-ma", 2, T0), 9)  # re-rated after a reopen: the latest counts
    assert [r.rating for r in ratings.between(T0, T0 + timedelta(seconds=1))] == [2]


def test_credits_are_exactly_once_on_the_database_too(uows):
    deliver = handlers(uows).handle
    deliver(config_event(1, document()))
    events = [rated_event(f"t-{i}", rating=5, at=T0 + timedelta(minutes=i)) for i in range(3)]
    for event in events + events[::-1]:
        deliver(event)
    assert balance(uows, "vol-ma") == 45
    assert uows(TENANT).ledger.check() == []


def test_an_allotment_written_elsewhere_meanwhile_aborts_and_the_retry_sees_it(uows):
    def allot(transfer_id: str, wanted: int) -> int:
        with uows(TENANT) as uow:
            earnings = uow.earnings.find("vol-ma:2026-11")
            if earnings is None:
                earnings = Earnings(tenant_id=TENANT, id="vol-ma:2026-11")
                uow.earnings.add(earnings)
            amount = earnings.allot(transfer_id, "2026-11-02", wanted, 20, None)
            uow.commit()
            return amount

    assert allot("t-1", 15) == 15
    if uows is mongo_unit_of_work:  # another worker process (its own memory) credits the person meanwhile
        EarningsDoc._get_collection().update_one(
            {"tenant_id": TENANT, "earnings_id": "vol-ma:2026-11"},
            {"$push": {"entries": ["t-2", "2026-11-02", 3]}, "$inc": {"version": 1}},
        )
        with pytest.raises(Aborted):  # this process's copy is stale: its guarded write loses
            allot("t-3", 15)
    else:
        with uows(TENANT) as other:
            other.earnings.get("vol-ma:2026-11").allot("t-2", "2026-11-02", 3, 20, None)
            other.commit()
    assert allot("t-3", 15) == 2  # the retry reads 15 + 3 held: the cap leaves 2
