"""Vote use cases against a fake household roster (the Roster interface of adapters/hierarchy_reader)."""

from __future__ import annotations

import pytest
from linli_communities.adapters.hierarchy_reader import RosterEntry
from linli_communities.domain.voting import Household
from linli_communities.service_layer import ballots, governance, proposals
from linli_platform.auth import Principal
from linli_platform.errors import FailedPrecondition, PermissionDenied

STAFF = Principal(tenant="hanyang", role="community_staff", subject="staff")
ADMIN = Principal(tenant="hanyang", role="district_admin", subject="admin")


class FakeRoster:
    def __init__(self, *entries: tuple[str, int, str]):
        self.by_compound = {"jinjiang": [RosterEntry(Household(h, a), frozenset({o})) for h, a, o in entries]}

    def entries(self, tenant_id, compound_id):
        return list(self.by_compound.get(compound_id, [])) if tenant_id == "hanyang" else []

    def entry(self, tenant_id, compound_id, household_id):
        return next(
            (e for e in self.entries(tenant_id, compound_id) if e.household.household_id == household_id),
            None,
        )

    def entries_of(self, tenant_id, compound_id, household_ids):
        return [e for e in self.entries(tenant_id, compound_id) if e.household.household_id in household_ids]

    def is_owner(self, tenant_id, compound_id, subject):
        return any(subject in e.owners for e in self.entries(tenant_id, compound_id))

    def correct_area(self, household_id, area):
        """The hierarchy corrects a household's floor area (a new survey, a typo in the import)."""
        self.by_compound["jinjiang"] = [
            RosterEntry(Household(household_id, area), e.owners)
            if e.household.household_id == household_id
            else e
            for e in self.by_compound["jinjiang"]
        ]


def resident(subject: str) -> Principal:
    return Principal(tenant="hanyang", role="resident", subject=subject)


@pytest.fixture
def roster(hierarchy):
    return FakeRoster(("h1", 10_000, "o1"), ("h2", 10_000, "o2"), ("h3", 10_000, "o3"), ("h4", 10_000, "o4"))


@pytest.fixture
def hy(uow_for):
    """hy() → a unit of work of hanyang (one per use case, as one per request)."""
    return lambda: uow_for("hanyang")


def test_the_rule_in_force_when_the_vote_opened_decides_even_if_the_config_changes(roster, hy):
    governance.apply(hy(), ADMIN, "district: {name: 汉阳区}\ndeliberation: {votes: {rule: headcount}}\n")
    proposal = proposals.create(hy(), STAFF, "jinjiang", "加装监控", "", "security", 100_000)
    proposals.open_vote(hy(), proposal.id, roster, None)
    governance.apply(
        hy(),
        ADMIN,
        "district: {name: 汉阳区}\ndeliberation: {votes: {rule: area_weighted, participation_area: 1.0}}\n",
    )
    for subject, household, choice in (("o1", "h1", "for"), ("o2", "h2", "for"), ("o3", "h3", "against")):
        proposals.cast_ballot(hy(), resident(subject), proposal.id, household, choice, roster)
    closed = proposals.close_vote(hy(), proposal.id, roster)
    assert closed.vote_rule == "headcount" and closed.status == "approved"
    assert "按户数表决" in closed.summary


def test_exactly_half_in_favour_rejects_and_a_changed_ballot_counts_once(roster, hy):
    proposal = proposals.create(hy(), STAFF, "jinjiang", "更换单元门", "", "doors", 100_000)
    proposals.open_vote(hy(), proposal.id, roster, None)
    for subject, household, choice in (
        ("o1", "h1", "for"),
        ("o2", "h2", "for"),
        ("o3", "h3", "for"),
        ("o4", "h4", "against"),
        ("o3", "h3", "against"),
    ):
        proposals.cast_ballot(hy(), resident(subject), proposal.id, household, choice, roster)
    closed = proposals.close_vote(hy(), proposal.id, roster)
    assert closed.tally["participating_households"] == 4 and closed.tally["for_households"] == 2
    assert closed.status == "rejected"


def test_a_resident_votes_only_for_their_own_household(roster, hy):
    proposal = proposals.create(hy(), STAFF, "jinjiang", "绿化", "", "greening", 100)
    proposals.open_vote(hy(), proposal.id, roster, None)
    with pytest.raises(PermissionDenied):
        proposals.cast_ballot(hy(), resident("o1"), proposal.id, "h2", "for", roster)


def test_a_ballot_before_the_vote_opens_is_refused(roster, hy):
    proposal = proposals.create(hy(), STAFF, "jinjiang", "绿化", "", "greening", 100)
    with pytest.raises(FailedPrecondition):
        proposals.cast_ballot(hy(), resident("o1"), proposal.id, "h1", "for", roster)


def test_published_ballots_weigh_what_the_tally_counted_even_after_an_area_is_corrected(roster, hy):
    proposal = proposals.create(hy(), STAFF, "jinjiang", "更换单元门", "", "doors", 100_000)
    proposals.open_vote(hy(), proposal.id, roster, None)
    for subject, household, choice in (("o1", "h1", "for"), ("o2", "h2", "for"), ("o3", "h3", "against")):
        proposals.cast_ballot(hy(), resident(subject), proposal.id, household, choice, roster)
    roster.correct_area("h1", 12_000)  # before the close: a tally now would count the new area

    def areas(who):
        lines, total = ballots.listing(hy(), who, proposal.id, "", 0, 50, roster)
        assert total == len(lines) == 3
        return {line.household_id: line.area_centi_m2 for line in lines}

    assert areas(STAFF) == {"h1": 12_000, "h2": 10_000, "h3": 10_000}
    closed = proposals.close_vote(hy(), proposal.id, roster)
    roster.correct_area("h2", 5_000)  # after the close: the published weights stay those counted
    published = areas(resident("o4"))  # an owner who did not vote
    assert published == {"h1": 12_000, "h2": 10_000, "h3": 10_000}
    assert published["h1"] + published["h2"] == closed.tally["for_area"]
    assert published["h3"] == closed.tally["against_area"]


def test_the_timer_closes_a_vote_once_its_time_is_up_and_not_before(roster, hy, uow_for, store):
    from datetime import UTC, datetime, timedelta

    from linli_communities.adapters.fakes import fake_district_ids
    from linli_communities.domain.model import District, TenantProfile

    district = hy()
    district.districts.add(District.create(TenantProfile("hanyang", "汉阳区"), datetime.now(UTC)))
    district.commit()
    closes_at = datetime.now(UTC) + timedelta(days=3)
    proposal = proposals.create(hy(), STAFF, "jinjiang", "增设便民椅", "", "public_repair", 50_000)
    proposals.open_vote(hy(), proposal.id, roster, closes_at)
    for subject, household in (("o1", "h1"), ("o2", "h2"), ("o3", "h3")):
        proposals.cast_ballot(hy(), resident(subject), proposal.id, household, "for", roster)

    def close_due(now):
        return proposals.close_due(uow_for, fake_district_ids(store), roster, now=now)

    assert close_due(closes_at - timedelta(seconds=1)) == 0
    assert proposals.get(hy(), proposal.id).status == "voting"
    assert close_due(closes_at) == 1
    assert proposals.get(hy(), proposal.id).status == "approved"
    assert close_due(closes_at + timedelta(days=1)) == 0
