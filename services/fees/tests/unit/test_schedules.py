"""Fee schedules on the in-memory fakes: what a configuration prices, what is not known, replays."""

from __future__ import annotations

import pytest
from linli.communities.v1.events_pb2 import GovernanceConfigChanged
from linli_fees.adapters.fakes import fake_unit_of_work
from linli_fees.domain.pricing import prices
from linli_fees.domain.schedule import FeeSchedule
from linli_fees.entrypoints.consumers import handlers
from linli_fees.service_layer.schedules import apply_prices, read_schedule
from linli_governance import parse_document
from linli_governance.document import to_json
from linli_platform.errors import InvalidField, NotFound
from linli_platform.events import decode, new_event
from linli_platform.testing.fakes import FakeStore

CONFIG = parse_document(
    {
        "district": {"name": "汉阳区"},
        "fees": {"price_fen_per_m2_month": 40},
        "overrides": {
            "communities": {"yangsi": {"fees": {"price_fen_per_m2_month": 35}}},
            "compounds": {"yuying-1": {"fees": {"price_fen_per_m2_month": 30}}},
        },
    }
)
COMPOUNDS = {"jinjiang": "zhongxin", "wanjun": "yangsi", "yuying-1": "yangsi"}


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


def price_of(store: FakeStore, compound: str, tenant: str = "hanyang") -> int:
    return read_schedule(fake_unit_of_work(store)(tenant), compound).fen_per_m2_month


def test_the_district_price_then_community_then_compound_overrides():
    assert prices(CONFIG, COMPOUNDS) == {"jinjiang": 40, "wanjun": 35, "yuying-1": 30}


def test_a_compound_no_configuration_priced_is_not_found(store):
    with pytest.raises(NotFound, match="fee schedule of compound jinjiang not found"):
        read_schedule(fake_unit_of_work(store)("hanyang"), "jinjiang")


def test_a_configuration_prices_every_compound_it_names(store):
    apply_prices(fake_unit_of_work(store)("hanyang"), 1, {"jinjiang": 40, "wanjun": 35})
    assert (price_of(store, "jinjiang"), price_of(store, "wanjun")) == (40, 35)
    with pytest.raises(NotFound):
        price_of(store, "jinjiang", tenant="xingshan")  # another district knows nothing of it


def test_a_newer_configuration_reprices_and_an_older_or_repeated_one_changes_nothing(store):
    apply_prices(fake_unit_of_work(store)("hanyang"), 2, {"jinjiang": 40})
    apply_prices(fake_unit_of_work(store)("hanyang"), 3, {"jinjiang": 45})
    writes = store.writes
    apply_prices(fake_unit_of_work(store)("hanyang"), 3, {"jinjiang": 45})  # the same event again
    apply_prices(fake_unit_of_work(store)("hanyang"), 2, {"jinjiang": 40})  # a late one
    assert store.writes == writes
    assert price_of(store, "jinjiang") == 45


def test_a_negative_price_is_refused():
    schedule = FeeSchedule("hanyang", "jinjiang")
    with pytest.raises(InvalidField):
        schedule.price(-1, 1)
    assert (schedule.fen_per_m2_month, schedule.changed) == (0, False)


def test_the_worker_prices_compounds_from_governance_config_changed(store):
    event = GovernanceConfigChanged(
        tenant_id="hanyang", version=4, document_json=to_json(CONFIG), compound_communities=COMPOUNDS
    )
    envelope = decode(
        new_event(
            event, source="communities", aggregate="config", tenant_id="hanyang", aggregate_id="hanyang"
        ).value
    )
    assert handlers(fake_unit_of_work(store)).handle(envelope)
    assert [price_of(store, c) for c in ("jinjiang", "wanjun", "yuying-1")] == [40, 35, 30]
    assert read_schedule(fake_unit_of_work(store)("hanyang"), "jinjiang").config_version == 4
