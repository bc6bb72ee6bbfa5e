"""The fee schedules' repository: the in-memory fake behaves as the MongoDB one does.

Every test runs on the fake and on the real Mongo-wire server (SecantusDB, integration). The
kit's save path is proven once in libs/linli_platform/tests/contract; this proves the fees
mapping and the `all()` finder.
"""

from __future__ import annotations

import pytest
from linli_fees.adapters.fakes import fake_unit_of_work
from linli_fees.adapters.unit_of_work import mongo_unit_of_work
from linli_fees.domain.schedule import FeeSchedule
from linli_fees.service_layer.unit_of_work import UnitOfWorkFactory
from linli_platform.errors import Aborted, NotFound
from linli_platform.persistence import AlreadyStored
from linli_platform.testing.fakes import FakeStore


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def uow(request) -> UnitOfWorkFactory:
    if request.param == "fake":
        return fake_unit_of_work(FakeStore())
    request.getfixturevalue("mongo_db")
    return mongo_unit_of_work


def priced(uow: UnitOfWorkFactory, tenant: str, compound: str, fen: int, config_version: int = 1) -> None:
    with uow(tenant) as work:
        schedule = FeeSchedule(tenant, compound)
        schedule.price(fen, config_version)
        work.schedules.add(schedule)
        work.commit()


def test_a_schedule_comes_back_as_stored(uow):
    priced(uow, "hanyang", "jinjiang", 40, config_version=3)
    got = uow("hanyang").schedules.get("jinjiang")
    assert (got.tenant_id, got.compound_id, got.fen_per_m2_month, got.config_version, got.version) == (
        "hanyang",
        "jinjiang",
        40,
        3,
        1,
    )


def test_an_unknown_compound_is_not_found_and_other_districts_see_none(uow):
    priced(uow, "hanyang", "jinjiang", 40)
    with pytest.raises(NotFound, match="fee schedule of compound nope not found"):
        uow("hanyang").schedules.get("nope")
    assert uow("xingshan").schedules.find("jinjiang") is None
    assert uow("xingshan").schedules.all() == []


def test_one_schedule_per_compound(uow):
    priced(uow, "hanyang", "jinjiang", 40)
    with pytest.raises(AlreadyStored):
        priced(uow, "hanyang", "jinjiang", 10)
    assert uow("hanyang").schedules.get("jinjiang").fen_per_m2_month == 40


def test_all_returns_the_tenants_schedules_and_commit_saves_the_changed_ones(uow):
    for compound, fen in (("jinjiang", 40), ("wanjun", 35)):
        priced(uow, "hanyang", compound, fen)
    priced(uow, "xingshan", "yuying-1", 30)
    with uow("hanyang") as work:
        found = sorted(work.schedules.all(), key=lambda s: s.compound_id)
        assert [(s.compound_id, s.fen_per_m2_month) for s in found] == [("jinjiang", 40), ("wanjun", 35)]
        found[0].price(45, 2)
        work.commit()
    assert [uow("hanyang").schedules.get(c).version for c in ("jinjiang", "wanjun")] == [2, 1]
    assert uow("hanyang").schedules.get("jinjiang").fen_per_m2_month == 45


def test_a_lost_race_is_aborted(uow):
    priced(uow, "hanyang", "jinjiang", 40)
    first, second = uow("hanyang"), uow("hanyang")
    mine, theirs = first.schedules.get("jinjiang"), second.schedules.get("jinjiang")
    mine.price(45, 2)
    first.commit()
    theirs.price(50, 3)
    with pytest.raises(Aborted):
        second.commit()
    assert uow("hanyang").schedules.get("jinjiang").fen_per_m2_month == 45
