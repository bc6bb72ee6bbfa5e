"""Onboarding a file's records on the in-memory fakes: judged whole before anything is written,
fields left out kept, removals refused unless allowed, and a run cut off after any write finished
by running it again to the very end state of an uninterrupted run."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass

import pytest
from linli_communities.adapters.fakes import fake_unit_of_work
from linli_communities.domain.model import TenantProfile
from linli_communities.domain.onboarding import Entry
from linli_communities.domain.organisations import Member
from linli_communities.service_layer import districts
from linli_communities.service_layer.onboarding import onboard
from linli_platform.auth import Principal
from linli_platform.errors import InvalidField, Unavailable
from linli_platform.testing.fakes import FakeStore

T = "hanyang"
ADMIN = Principal(T, "district_admin", "admin@hanyang")


def file(street: str | None = "鹦鹉街道", contract_compound: str = "jinjiang") -> list[Entry]:
    community = {"name": "杨泗社区"} | ({"street": street} if street is not None else {})
    return [
        Entry("community", ("yangsi",), community, "communities[0]"),
        Entry(
            "compound",
            ("jinjiang",),
            {"community_id": "yangsi", "name": "金江公寓", "address": "金江路1号"},
            "compounds[0]",
        ),
        *(
            Entry("building", ("jinjiang", str(n)), {"name": f"{n}栋"}, f"buildings[{n - 1}]")
            for n in (1, 2, 3)
        ),
        Entry(
            "building",
            ("jinjiang", "4"),
            {"name": "4栋", "leader_subject": "resident@hanyang", "leader_name": "王建华"},
            "buildings[3]",
        ),
        Entry("property_firm", ("shimao",), {"name": "世茂物业", "contact": "027-1"}, "property_firms[0]"),
        Entry(
            "contract",
            ("shimao", contract_compound),
            {"services": ["lighting"], "starts_on": "2025-08-01"},
            "contracts[0]",
        ),
        Entry(
            "organisation",
            ("shuidian",),
            {
                "kind": "volunteer_team",
                "name": "水电队",
                "community_id": "yangsi",
                "compound_ids": ["jinjiang"],
                "members": [Member("v1@hanyang", "马建国"), Member("v2@hanyang", "李红")],
            },
            "organisations[0]",
        ),
    ]


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    districts.create_tenant(fake_unit_of_work(store)(T), TenantProfile(T, "汉阳区"))
    return store


def state(store: FakeStore) -> dict:
    """Every table's rows as plain values (no timestamps), for comparing whole stores."""
    out = {}
    for table, rows in store.tables.items():
        if rows:
            out[table] = sorted((repr(key), repr(_plain(row))) for key, row in rows.items())
    out["outbox"] = sorted((e.topic, e.key, e.type) for e in store.outbox)
    return out


def _plain(row) -> dict:
    values = asdict(row) if is_dataclass(row) else vars(row)
    return {k: v for k, v in values.items() if not k.endswith("_at") and k != "pending"}


def run(store: FakeStore, entries: list[Entry], dry_run: bool = False, allow: bool = False):
    return onboard(fake_unit_of_work(store)(T), ADMIN, entries, dry_run, allow)


def test_a_new_file_is_judged_created_and_a_second_run_changes_nothing(store):
    first = run(store, file())
    assert {j.change for j in first} == {"created"}
    before, writes = state(store), store.writes
    second = run(store, file())
    assert {j.change for j in second} == {"unchanged"}
    assert state(store) == before and store.writes == writes


def test_a_dry_run_writes_nothing(store):
    before, writes = state(store), store.writes
    judged = run(store, file(), dry_run=True)
    assert len(judged) == 9 and state(store) == before and store.writes == writes


def test_a_reference_to_a_missing_compound_refuses_the_whole_file(store):
    before = state(store)
    with pytest.raises(InvalidField) as refused:
        run(store, file(contract_compound="nosuch"))
    assert [p for p, _ in refused.value.violations] == ["contracts[0].compound_id"]
    assert "nosuch" in refused.value.violations[0][1]
    assert state(store) == before  # the communities, compounds and buildings before it: not written either


def test_duplicates_are_named_with_the_first_place(store):
    entries = [*file(), Entry("building", ("jinjiang", "2"), {}, "buildings[9]")]
    with pytest.raises(InvalidField) as refused:
        run(store, entries)
    assert refused.value.violations == [("buildings[9]", "与 buildings[1] 重复（楼栋 jinjiang/2）")]


def test_a_field_left_out_keeps_its_stored_value_and_an_empty_one_clears_it(store):
    run(store, file())
    judged = run(store, file(street=None))
    assert {j.change for j in judged} == {"unchanged"}
    community = fake_unit_of_work(store)(T).communities.get_by("yangsi")
    assert community.street == "鹦鹉街道"
    changed = run(store, file(street=""))
    assert changed[0].change == "updated" and changed[0].fields == [("street", "鹦鹉街道", "（空）")]
    assert fake_unit_of_work(store)(T).communities.get_by("yangsi").street == ""


def test_new_records_need_their_names(store):
    entries = [Entry("community", ("xinwuli",), {}, "communities[0]")]
    with pytest.raises(InvalidField) as refused:
        run(store, entries)
    assert refused.value.violations[0][0] == "communities[0].name"


@pytest.mark.parametrize(
    ("entry", "removed"),
    [
        (Entry("building", ("jinjiang", "2"), {"archived": True}, "buildings[1]"), "归档楼栋 jinjiang/2"),
        (Entry("building", ("jinjiang", "4"), {"leader_subject": ""}, "buildings[3]"), "登录关联"),
        (Entry("contract", ("shimao", "jinjiang"), {"active": False}, "contracts[0]"), "终止物业合同"),
        (
            Entry(
                "organisation",
                ("shuidian",),
                {"kind": "volunteer_team", "members": [Member("v1@hanyang", "马建国")]},
                "organisations[0]",
            ),
            "成员 李红（v2@hanyang）",
        ),
    ],
)
def test_a_removal_is_refused_unless_allowed(store, entry, removed):
    run(store, file())
    before = state(store)
    with pytest.raises(InvalidField) as refused:
        run(store, [entry])
    assert removed in refused.value.violations[0][1] and "--allow-removals" in refused.value.violations[0][1]
    assert state(store) == before
    judged = run(store, [entry], allow=True)
    assert removed in judged[0].removes and state(store) != before


def test_archiving_a_building_is_reported_as_archived(store):
    run(store, file())
    judged = run(
        store, [Entry("building", ("jinjiang", "3"), {"archived": True}, "buildings[2]")], allow=True
    )
    assert judged[0].change == "archived"
    assert fake_unit_of_work(store)(T).buildings.get_by("jinjiang", "3").archived is True


def test_an_unknown_district_is_not_found(store):
    from linli_platform.errors import NotFound  # noqa: PLC0415

    with pytest.raises(NotFound):
        onboard(fake_unit_of_work(store)("qingshan"), ADMIN, file(), False, False)


@pytest.mark.parametrize("after", range(8))
def test_a_run_cut_off_after_any_write_is_finished_by_running_it_again(after, monkeypatch):
    clean = FakeStore()
    districts.create_tenant(fake_unit_of_work(clean)(T), TenantProfile(T, "汉阳区"))
    run(clean, file())

    cut = FakeStore()
    districts.create_tenant(fake_unit_of_work(cut)(T), TenantProfile(T, "汉阳区"))
    from linli_platform.testing import fakes  # noqa: PLC0415

    original = fakes.FakeScoped._put_row
    budget = {"left": after}

    def failing(self, key, value):
        if budget["left"] <= 0:
            raise Unavailable("database unreachable")
        budget["left"] -= 1
        original(self, key, value)

    monkeypatch.setattr(fakes.FakeScoped, "_put_row", failing)
    with pytest.raises(Unavailable):
        run(cut, file())
    monkeypatch.setattr(fakes.FakeScoped, "_put_row", original)
    assert cut.writes == after + 1  # the district, then `after` of the file's writes

    again = run(cut, file())
    assert {j.change for j in again} <= {"created", "unchanged"}
    assert state(cut) == state(clean)
    assert run(cut, file()) and {j.change for j in run(cut, file())} == {"unchanged"}
