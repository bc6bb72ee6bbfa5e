"""One contract, two stores: the public ledger's and the fund's fakes behave as the Mongo adapters do
(each test runs on the fakes and on SecantusDB)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from linli_fees.adapters.ledger_fakes import fake_ledger_unit_of_work
from linli_fees.domain.fund_application import ApplicationDraft, Decision, FundApplication, Quote
from linli_fees.domain.public_ledger import EntryDetails, Material
from linli_fees.domain.statement import compute
from linli_fees.domain.statement_record import PublishedStatement
from linli_fees.service_layer.ledger_ports import CompoundCopy
from linli_fees.service_layer.public_ledger import forget_opened
from linli_platform.persistence import AlreadyStored
from linli_platform.testing.fakes import FakeStore

NOW = datetime(2026, 2, 1, 4, 0, tzinfo=UTC)


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def uows(request):
    forget_opened()
    if request.param == "fake":
        yield fake_ledger_unit_of_work(FakeStore())
    else:
        request.getfixturevalue("mongo_db")
        from linli_fees.adapters.ledger_unit_of_work import mongo_ledger_unit_of_work

        yield mongo_ledger_unit_of_work


def tenant() -> str:
    return f"t{uuid.uuid4().hex[:8]}"


def application(t: str, id: str = "mfa-1", proposal: str = "p-1", at: datetime = NOW) -> FundApplication:
    draft = ApplicationDraft(
        compound_id="c1",
        title="电梯大修",
        description="",
        applicant_kind="community",
        applicant_name="社区居委会",
        contractor="甲公司",
        amount_fen=100_000,
        quotes=(Quote("甲公司", 100_000, "https://e.example/q.pdf"),),
        building_ids=("1", "2"),
        proposal_id=proposal,
    )
    return FundApplication.apply(t, id, draft, "staff", at, "fp")


def test_details_are_kept_once_and_read_in_bulk(uows):
    t = tenant()
    store = uows(t).details
    first = EntryDetails("e1", "c1", ("https://e.example/a.jpg",), (Material("公牛", "GN", 2000, "个", 10),))
    store.put(first)
    store.put(EntryDetails("e1", "c1", ("https://e.example/other.jpg",)))  # a retry keeps the first
    assert uows(t).details.get_many(["e1", "missing"]) == {"e1": first}
    assert uows(tenant()).details.get_many(["e1"]) == {}


def test_statements_chain_by_sequence_and_a_place_in_the_chain_is_taken_once(uows):
    t = tenant()
    jan = compute(t, "c1", "2026-01", [], 0, None)
    feb = compute(t, "c1", "2026-02", [], 0, jan)
    for content in (jan, feb):
        with uows(t) as uow:
            uow.statements.add(PublishedStatement.publish(content, "staff", NOW))
            uow.commit()
    chain = uows(t).statements.chain("c1")
    assert [s.period for s in chain] == ["2026-01", "2026-02"]
    assert chain[1].content == feb and chain[1].hash == feb.hash() and chain[1].published_at == NOW
    assert uows(t).statements.latest("c1").period == "2026-02"
    assert uows(t).statements.latest("c2") is None and uows(tenant()).statements.chain("c1") == []
    with pytest.raises(AlreadyStored), uows(t) as uow:
        uow.statements.add(PublishedStatement.publish(jan, "other", NOW))
        uow.commit()


def test_applications_by_proposal_and_page_newest_first(uows):
    t = tenant()
    with uows(t) as uow:
        uow.applications.add(application(t, "mfa-1", "p-1", NOW))
        uow.applications.add(application(t, "mfa-2", "p-2", NOW + timedelta(hours=1)))
        uow.commit()
    assert [a.id for a in uows(t).applications.of_proposal("p-1")] == ["mfa-1"]
    page, total = uows(t).applications.page("c1", 0, 1)
    assert [a.id for a in page] == ["mfa-2"] and total == 2
    loaded = uows(t).applications.get("mfa-1")
    assert (
        loaded.quotes == (Quote("甲公司", 100_000, "https://e.example/q.pdf"),) and loaded.created_at == NOW
    )
    assert uows(tenant()).applications.find("mfa-1") is None


def test_a_decision_is_kept_once_per_proposal(uows):
    t = tenant()
    d = Decision(
        "p-1", "c1", "maintenance_fund", True, True, 100, "通过", "three_party", "", "ev1", ("1", "2")
    )
    assert uows(t).decisions.keep(d)
    assert not uows(t).decisions.keep(Decision("p-1", "c1", "maintenance_fund", False, True, 1, "x"))
    assert uows(t).decisions.find("p-1") == d and uows(tenant()).decisions.find("p-1") is None
    whole = Decision("p-2", "c1", "maintenance_fund", True, True, 100, "通过")  # a compound-wide vote
    assert uows(t).decisions.keep(whole) and uows(t).decisions.find("p-2").building_ids == ()


def test_the_directory_keeps_the_newest_copy_and_answers_residents_per_compound(uows):
    t = tenant()
    directory = uows(t).directory
    directory.keep_compound(CompoundCopy("c1", "育英一小区", "yuying"), 2)
    directory.keep_compound(CompoundCopy("c1", "旧名", "yuying"), 1)  # late: ignored
    directory.keep_building("c1", "1", "1栋", False, 1)
    directory.keep_building("c1", "2", "2栋", True, 1)
    directory.keep_household("c1", "h1", ["res-chen"], False, 1)
    directory.keep_household("c1", "h2", ["res-gone"], False, 1)
    directory.keep_household("c1", "h2", ["res-gone"], True, 2)
    directory.keep_household("c1", "h3", ["res-moved"], False, 1)
    directory.keep_household("c1", "h3", [], False, 2)  # moved out: the copy loses its people
    directory.keep_household("c1", "h3", ["res-moved"], False, 1)  # a late copy of the old fact
    directory.keep_household("c1", "h4", [], False, 1)  # nobody named: nothing kept
    assert uows(t).directory.compound("c1") == CompoundCopy("c1", "育英一小区", "yuying")
    assert uows(t).directory.buildings("c1") == {"1": "1栋"}
    assert uows(t).directory.is_resident("res-chen", "c1")
    assert not uows(t).directory.is_resident("res-chen", "c2")
    assert not uows(t).directory.is_resident("res-gone", "c1")
    assert not uows(t).directory.is_resident("res-moved", "c1")
    assert uows(t).directory.timezone() == "Asia/Shanghai"
    directory.keep_timezone("Asia/Urumqi", 3)
    assert uows(t).directory.timezone() == "Asia/Urumqi"
    assert uows(t).directory.config() is None
    directory.keep_config(3, '{"district": {"name": "x"}}', {"c1": "yuying"})
    directory.keep_config(2, "{}", {})  # late: ignored
    assert uows(t).directory.config() == ('{"district": {"name": "x"}}', {"c1": "yuying"})
    other = uows(tenant()).directory
    assert other.compound("c1") is None and not other.is_resident("res-chen", "c1")


def test_the_directory_keeps_firms_contracts_and_answers_who_serves_a_compound_on_a_day(uows):
    t = tenant()
    directory = uows(t).directory
    directory.keep_contract("haolinju", "好邻居物业", "c1", (True, "2026-01-01", "2026-12-31"), 2)
    directory.keep_contract("haolinju", "旧名", "c1", (False, "", ""), 1)  # late: ignored
    directory.keep_contract("other", "别家物业", "c2", (True, "", ""), 1)
    assert uows(t).directory.serving_firm("haolinju", "c1", "2026-06-01") == "好邻居物业"
    assert uows(t).directory.serving_firm("haolinju", "c1", "2027-01-01") is None  # ended
    assert uows(t).directory.serving_firm("haolinju", "c1", "2025-12-31") is None  # not begun
    assert uows(t).directory.serving_firm("haolinju", "c2", "2026-06-01") is None  # not its compound
    assert uows(tenant()).directory.serving_firm("haolinju", "c1", "2026-06-01") is None
    directory.keep_contract("haolinju", "好邻居物业", "c1", (False, "2026-01-01", "2026-12-31"), 3)
    assert uows(t).directory.serving_firm("haolinju", "c1", "2026-06-01") is None  # ended early
