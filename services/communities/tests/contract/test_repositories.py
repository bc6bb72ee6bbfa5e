"""One contract, two implementations: the fakes of adapters/fakes.py behave as the MongoDB
repositories do. Every test runs on the fake store and on the real Mongo-wire server."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from linli_communities.adapters.fakes import fake_district_ids, fake_unit_of_work
from linli_communities.adapters.outbox import OUTBOX_DOCUMENTS
from linli_communities.adapters.unit_of_work import district_ids, mongo_unit_of_work
from linli_communities.domain import voting
from linli_communities.domain.care import AuditEntry
from linli_communities.domain.config import DistrictConfig
from linli_communities.domain.deliberation import Classification
from linli_communities.domain.households import HouseholdRecord, Resident
from linli_communities.domain.meeting import Attendee, Decision, Meeting
from linli_communities.domain.model import District, TenantProfile
from linli_communities.domain.organisations import Member, PropertyFirm, RoleGrant
from linli_communities.domain.proposal import Proposal
from linli_communities.domain.records import Building, Community, Compound, Household, Organisation
from linli_governance import parse_yaml
from linli_platform.auth import Principal
from linli_platform.errors import Aborted, NotFound
from linli_platform.persistence import AlreadyStored, UnitOfWork
from linli_platform.testing.fakes import FakeStore

NOW = datetime(2025, 8, 1, 8, 0, tzinfo=UTC)
TIER = Classification("council", "议事会联审", "议事会", False, ("council",))
ADMIN = Principal("t1", "district_admin", "admin")


@dataclass
class Backend:
    name: str
    store: FakeStore = field(default_factory=FakeStore)

    def uow(self, tenant: str) -> UnitOfWork:
        return fake_unit_of_work(self.store)(tenant) if self.name == "fake" else mongo_unit_of_work(tenant)

    def district_ids(self) -> list[str]:
        return fake_district_ids(self.store) if self.name == "fake" else sorted(district_ids())

    def event_keys(self) -> list[str]:
        """The keys of every pending event (what the relay would publish)."""
        if self.name == "fake":
            return sorted(e.key for e in self.store.outbox)
        keys = []
        for document in OUTBOX_DOCUMENTS:
            for stored in document._get_collection().find({}, {"outbox": 1}):
                keys += [entry["key"] for entry in stored.get("outbox") or ()]
        return sorted(keys)


@pytest.fixture(params=["fake", pytest.param("mongo", marks=pytest.mark.integration)])
def backend(request) -> Backend:
    if request.param == "mongo":
        request.getfixturevalue("mongo_db")
    return Backend(request.param)


def added(backend: Backend, tenant: str, *aggregates) -> None:
    uow = backend.uow(tenant)
    for aggregate in aggregates:
        getattr(uow, REPOSITORY[type(aggregate)]).add(aggregate)
    uow.commit()


REPOSITORY = {
    Community: "communities",
    Compound: "compounds",
    Building: "buildings",
    Household: "households",
    Organisation: "organisations",
    Proposal: "proposals",
    Meeting: "meetings",
    District: "districts",
}


def community(tenant: str, id: str, street: str = "", archived: bool = False) -> Community:
    record = Community(tenant, community_id=id)
    record.upsert(name=f"{id}社区", street=street, archived=archived)
    return record


def household(tenant: str, id: str, area: int = 8000, owner: str = "") -> Household:
    residents = (Resident("张三", "13812345678", "owner", owner),) if owner else ()
    record = Household.of(tenant, HouseholdRecord("c", "1", id, "", area, residents))
    record.upsert(**Household.values_of(HouseholdRecord("c", "1", id, "1栋", area, residents)))
    return record


def proposal(tenant: str, id: str, at: datetime = NOW) -> Proposal:
    return Proposal.propose(tenant, id, "c", "yangsi", "更换路灯", "", "greening", 100, TIER, "staff", at)


# -- records ------------------------------------------------------------------------------------
def test_a_record_is_stored_with_its_event_and_found_by_its_natural_key(backend):
    building = Building("t1", compound_id="c", building_id="1")
    building.upsert(name="1栋", leader_subject="lead")
    added(backend, "t1", building)
    found = backend.uow("t1").buildings.get_by("c", "1")
    assert (found.name, found.leader_subject, found.version, found.id) == ("1栋", "lead", 1, "c/1")
    assert backend.event_keys() == ["t1:c/1"]
    assert backend.uow("t2").buildings.find_by("c", "1") is None
    with pytest.raises(NotFound, match="building c/2 not found"):
        backend.uow("t1").buildings.get_by("c", "2")


def test_an_upsert_that_changes_something_writes_a_new_version_and_nothing_else_writes_nothing(backend):
    added(backend, "t1", community("t1", "yangsi"))
    uow = backend.uow("t1")
    same = uow.communities.get_by("yangsi")
    assert same.upsert(name="yangsi社区", street="", archived=False) == "unchanged"
    uow.commit()
    uow = backend.uow("t1")
    changed = uow.communities.get_by("yangsi")
    assert changed.upsert(name="杨泗社区", street="鹦鹉街道", archived=False) == "updated"
    uow.commit()
    stored = backend.uow("t1").communities.get_by("yangsi")
    assert (stored.name, stored.street, stored.version) == ("杨泗社区", "鹦鹉街道", 2)
    assert backend.event_keys() == ["t1:yangsi", "t1:yangsi"]


def test_a_stale_record_is_aborted(backend):
    added(backend, "t1", community("t1", "yangsi"))
    first, second = backend.uow("t1"), backend.uow("t1")
    mine, theirs = first.communities.get_by("yangsi"), second.communities.get_by("yangsi")
    mine.upsert(name="a")
    first.commit()
    theirs.upsert(name="b")
    with pytest.raises(Aborted):
        second.commit()
    with pytest.raises(AlreadyStored):
        added(backend, "t1", community("t1", "yangsi"))


def test_pages_filter_by_equality_sort_and_count_within_the_tenant(backend):
    added(
        backend,
        "t1",
        community("t1", "b", "s1"),
        community("t1", "a", "s1"),
        community("t1", "c", "s2", True),
    )
    added(backend, "t2", community("t2", "a", "s1"))
    repo = backend.uow("t1").communities
    page, total = repo.page(0, 1, ("community_id",), street="s1")
    assert ([c.community_id for c in page], total) == (["a"], 2)
    page, total = repo.page(1, 5, ("community_id",), street="s1")
    assert [c.community_id for c in page] == ["b"]
    assert [c.community_id for c in repo.page(0, 5, ("community_id",), archived=False)[0]] == ["a", "b"]
    assert repo.exists(street="s2") and not repo.exists(street="s3")
    assert repo.live_ids() == {"a", "b"}


def test_the_hierarchy_reads_governance_needs(backend):
    compound = Compound("t1", compound_id="jinjiang", created_at=NOW)
    compound.upsert(name="金江", community="杨泗社区", community_id="yangsi")
    old = Compound("t1", compound_id="old", created_at=NOW)
    old.upsert(name="旧", community="杨泗社区", archived=True)
    building, gone = (
        Building("t1", compound_id="jinjiang", building_id="1"),
        Building("t1", compound_id="jinjiang", building_id="2"),
    )
    building.upsert(name="1栋")
    gone.upsert(name="2栋", archived=True)
    added(backend, "t1", compound, old, building, gone)
    uow = backend.uow("t1")
    assert uow.compounds.community_map() == {"jinjiang": "yangsi"}
    assert uow.buildings.live_keys({"jinjiang", "x"}) == {("jinjiang", "1")}
    assert backend.uow("t2").buildings.live_keys({"jinjiang"}) == set()


def test_nested_members_and_residents_come_back_as_they_went_in(backend):
    team = Organisation("t1", org_id="shuidian")
    team.upsert(kind="volunteer_team", name="水电队", members=[Member("v1", "李四", "chair", True, "书记")])
    added(backend, "t1", team, household("t1", "h1", owner="o1"))
    uow = backend.uow("t1")
    assert uow.organisations.get_by("shuidian").members == [Member("v1", "李四", "chair", True, "书记")]
    assert uow.households.get_by("c", "h1").residents == [Resident("张三", "13812345678", "owner", "o1")]


# -- the household import's bulk write ----------------------------------------------------------
def test_a_batch_inserts_and_updates_and_reports_the_inserts_that_lost(backend):
    added(backend, "t1", household("t1", "h1"))
    uow = backend.uow("t1")
    stored = uow.households.existing([("c", "h1"), ("c", "h2")])
    assert list(stored) == [("c", "h1")] and stored["c", "h1"].version == 1
    changed = stored["c", "h1"]
    changed.upsert(area_centi_m2=9000)
    lost_race = household("t1", "h1")  # someone else created it first
    assert uow.households.write_batch([changed, household("t1", "h2"), lost_race]) == {2}
    after = backend.uow("t1").households.existing([("c", "h1"), ("c", "h2")])
    assert (after["c", "h1"].area_centi_m2, after["c", "h1"].version, after["c", "h2"].version) == (
        9000,
        2,
        1,
    )
    assert backend.event_keys() == ["t1:c/h1", "t1:c/h1", "t1:c/h2"]


def test_a_batch_with_a_stale_update_is_aborted(backend):
    added(backend, "t1", household("t1", "h1"))
    stale = backend.uow("t1").households.existing([("c", "h1")])["c", "h1"]
    fresh = backend.uow("t1").households.existing([("c", "h1")])["c", "h1"]
    fresh.upsert(area_centi_m2=9000)
    backend.uow("t1").households.write_batch([fresh])
    stale.upsert(area_centi_m2=7000)
    with pytest.raises(Aborted):
        backend.uow("t1").households.write_batch([stale])
    assert backend.uow("t1").households.get_by("c", "h1").area_centi_m2 == 9000


# -- deliberation -------------------------------------------------------------------------------
def test_a_proposal_is_saved_with_its_events_and_listed_newest_first(backend):
    added(backend, "t1", proposal("t1", "p1"), proposal("t1", "p2", NOW + timedelta(hours=1)))
    uow = backend.uow("t1")
    voting_one = uow.proposals.get("p1")
    voting_one.open_vote(3, voting.Thresholds(), NOW + timedelta(days=1), NOW)
    uow.commit()
    uow = backend.uow("t1")
    closing = uow.proposals.get("p1")
    assert closing.thresholds["approval"] == "1/2" and closing.closes_at == NOW + timedelta(days=1)
    closing.close_vote([voting.Household("h1", 100)], {"h1": "for"}, NOW)
    uow.commit()
    decided = backend.uow("t1").proposals.get("p1")
    assert (decided.status, decided.version, decided.tallied_weights) == ("approved", 3, [["h1", 100]])
    assert decided.tally["for_households"] == 1
    assert backend.event_keys() == ["t1:p1"]  # ProposalDecided
    listed, total = backend.uow("t1").proposals.listing("", "", 0, 10)
    assert ([p.id for p in listed], total) == (["p2", "p1"], 2)
    assert backend.uow("t1").proposals.listing("c", "open", 0, 10)[1] == 1
    assert backend.uow("t2").proposals.listing("", "", 0, 10)[1] == 0


def test_a_proposal_keeps_its_vote_scope_and_the_decision_counts_only_its_buildings(backend):
    scoped = proposal("t1", "p1")
    scoped.building_ids, scoped.building_names = ["1", "2"], ["1栋", "2栋"]
    added(backend, "t1", scoped)
    uow = backend.uow("t1")
    uow.proposals.get("p1").open_vote(2, voting.Thresholds(), NOW + timedelta(days=1), NOW)
    uow.commit()
    uow = backend.uow("t1")
    found = uow.proposals.get("p1")
    assert (found.building_ids, found.building_names) == (["1", "2"], ["1栋", "2栋"])
    roster = [voting.Household("h1", 100, "1"), voting.Household("h3", 900, "3")]
    found.close_vote(roster, {"h1": "for", "h3": "against"}, NOW)
    uow.commit()
    decided = backend.uow("t1").proposals.get("p1")
    assert decided.tally["eligible_households"] == 1 and decided.status == "approved"
    assert decided.tallied_weights == [["h1", 100], ["h3", 0]]  # another building's ballot weighs nothing
    listed, _ = backend.uow("t1").proposals.listing("c", "", 0, 10)
    assert listed[0].building_ids == ["1", "2"] and "1栋、2栋" in listed[0].summary


def test_votes_past_their_closing_time_are_due(backend):
    added(backend, "t1", proposal("t1", "p1"), proposal("t1", "p2"))
    uow = backend.uow("t1")
    uow.proposals.get("p1").open_vote(1, voting.Thresholds(), NOW + timedelta(days=1), NOW)
    uow.commit()
    proposals = backend.uow("t1").proposals
    assert proposals.voting_due(NOW, 10) == []
    assert proposals.voting_due(NOW + timedelta(days=1), 10) == ["p1"]
    assert backend.uow("t2").proposals.voting_due(NOW + timedelta(days=1), 10) == []


def test_a_ballot_changes_in_place_and_counts_once(backend):
    ballots = backend.uow("t1").ballots
    ballots.cast("p1", "h2", "against", "o2", NOW)
    ballots.cast("p1", "h1", "against", "o1", NOW)
    again = ballots.cast("p1", "h1", "for", "o1", NOW + timedelta(minutes=1))
    assert (again.choice, again.revision) == ("for", 2)
    assert ballots.choices("p1") == {"h1": "for", "h2": "against"}
    page, total = ballots.page("p1", "", 0, 1)
    assert ([b.household_id for b in page], total) == (["h1"], 2)
    assert ballots.page("p1", "against", 0, 10)[1] == 1
    assert backend.uow("t2").ballots.choices("p1") == {}


def test_a_meeting_keeps_its_attendance_and_decisions(backend):
    meeting = Meeting.schedule("t1", "m1", "c", "council", "议事会", NOW, ["停车"], [], "staff")
    added(
        backend,
        "t1",
        meeting,
        Meeting.schedule("t1", "m2", "c", "council", "后一次", NOW + timedelta(days=1), [], [], "staff"),
    )
    uow = backend.uow("t1")
    held = uow.meetings.get("m1")
    held.record_attendance([Attendee("", "张媛媛", "community")])
    uow.commit()
    uow = backend.uow("t1")
    held = uow.meetings.get("m1")
    held.record_minutes("议定", [])
    uow.commit()
    stored = backend.uow("t1").meetings.get("m1")
    assert (stored.status, stored.attendance, stored.decisions, stored.version) == (
        "held",
        [Attendee("", "张媛媛", "community")],
        [],
        3,
    )
    listed, total = backend.uow("t1").meetings.listing("c", 0, 10)
    assert ([m.id for m in listed], total) == (["m2", "m1"], 2)
    assert Decision("p", True) == Decision("p", True, "")


# -- governance configuration -------------------------------------------------------------------
def apply(backend: Backend, text: str, expected: int = 0) -> DistrictConfig:
    uow = backend.uow("t1")
    head = uow.configs.head()
    if head is None:
        head = DistrictConfig("t1")
        uow.configs.add(head)
    head.apply(parse_yaml(text), text, ADMIN, "", {}, NOW, expected)
    uow.commit()
    return head


def test_each_configuration_is_a_new_version_and_the_history_lists_them_newest_first(backend):
    assert backend.uow("t1").configs.head() is None
    apply(backend, "district: {name: 汉阳区}\n")
    apply(backend, "district: {name: 汉阳区}\nfees: {price_fen_per_m2_month: 35}\n")
    configs = backend.uow("t1").configs
    head = configs.head()
    assert head.version == 2 and head.config().fees.price_fen_per_m2_month == 35
    assert configs.version(1).source_yaml == "district: {name: 汉阳区}\n"
    history, total = configs.history(0, 10)
    assert ([c.version for c in history], total) == ([2, 1], 2)
    assert history[0].document is None and history[0].changed_by == "admin"
    assert backend.event_keys() == ["t1:t1", "t1:t1"]
    assert backend.uow("t2").configs.head() is None


def test_two_applies_from_the_same_version_one_wins(backend):
    apply(backend, "district: {name: 汉阳区}\n")
    first, second = backend.uow("t1"), backend.uow("t1")
    mine, theirs = first.configs.head(), second.configs.head()
    mine.apply(parse_yaml("district: {name: 甲}\n"), "a", ADMIN, "", {}, NOW)
    first.commit()
    theirs.apply(parse_yaml("district: {name: 乙}\n"), "b", ADMIN, "", {}, NOW)
    with pytest.raises(Aborted):
        second.commit()
    assert backend.uow("t1").configs.head().source_yaml == "a"


# -- registers ----------------------------------------------------------------------------------
def test_a_district_is_created_once_and_listed(backend):
    added(backend, "t1", District.create(TenantProfile("t1", "汉阳区"), NOW))
    added(backend, "t2", District.create(TenantProfile("t2", "洪山区"), NOW))
    found = backend.uow("t1").districts.get("t1")
    assert (found.profile.name, found.created_at, found.version) == ("汉阳区", NOW, 1)
    with pytest.raises(AlreadyStored):
        added(backend, "t1", District.create(TenantProfile("t1", "又一个"), NOW))
    assert backend.district_ids() == ["t1", "t2"]
    assert backend.uow("t3").districts.find("t3") is None


def test_firms_are_global_and_grants_and_audit_are_the_tenants(backend):
    backend.uow("t1").firms.put(PropertyFirm("shimao", "世茂物业", "", "admin", NOW))
    assert backend.uow("t2").firms.find("shimao").name == "世茂物业"
    grants = backend.uow("t1").grants
    grants.put(RoleGrant("t1", "v2", "volunteer", "team", True, "admin", NOW))
    grants.put(RoleGrant("t1", "v1", "volunteer", "team", True, "admin", NOW))
    grants.put(RoleGrant("t1", "v1", "volunteer", "team", False, "admin", NOW))
    assert grants.find("v1", "volunteer", "team").active is False
    page, total = grants.page(0, 10, org_id="team")
    assert ([g.subject for g in page], total) == (["v1", "v2"], 2)
    assert backend.uow("t2").grants.find("v1", "volunteer", "team") is None
    audit = backend.uow("t1").care_audit
    audit.add(AuditEntry("c", "h1", "read", "staff", "community_staff", NOW))
    audit.add(
        AuditEntry("c", "h1", "change", "staff", "community_staff", NOW + timedelta(minutes=1), "无 → red")
    )
    entries, total = audit.page(0, 10, household_id="h1")
    assert ([e.action for e in entries], total) == (["change", "read"], 2)
    assert entries[0].detail == "无 → red" and entries[1].at == NOW
    assert backend.uow("t2").care_audit.page(0, 10)[1] == 0
