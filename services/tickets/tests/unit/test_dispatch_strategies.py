"""Dispatch strategies: firm first, team first by specialty, round robin, open grab, skipping rejecters."""

from __future__ import annotations

from linli_tickets.domain.dispatch import Contract, Team, candidates, choose, named

CONTRACTS = [
    Contract("shimao", "jinjiang"),
    Contract("zhongjian", "jinjiang", ("plumbing",)),
    Contract("vanke", "heyue"),
]
TEAMS = [
    Team("red-repair", ("水电",), ("vol-li",), ("jinjiang",)),
    Team("green", ("绿化",), ("vol-zhao",), (), "yangsi"),
    Team("elsewhere", ("水电",), ("vol-x",), ("heyue",)),
]


def found(category="lighting", specialty="", excluded=()):
    return candidates(category, specialty, "jinjiang", "yangsi", CONTRACTS, TEAMS, set(excluded))


def test_property_firm_first_takes_a_contracted_firm_covering_the_category():
    assert choose("property_firm_first", found()).id == "shimao"
    assert [p.id for p in found("plumbing").firms] == ["shimao", "zhongjian"]
    assert [p.id for p in found("lighting").firms] == ["shimao"]


def test_firms_of_other_compounds_are_never_candidates():
    assert "vanke" not in {p.id for p in found().firms}
    assert "elsewhere" not in {p.id for p in found().teams}


def test_volunteer_team_first_matches_the_specialty():
    assert choose("volunteer_team_first", found("greening", "绿化")).id == "green"
    assert choose("volunteer_team_first", found("plumbing", "水电")).id == "red-repair"


def test_volunteer_team_first_falls_back_to_firms_without_a_specialist():
    assert choose("volunteer_team_first", found("other", "木工")).id == "shimao"


def test_round_robin_takes_every_candidate_in_turn():
    picks = [choose("round_robin", found(), turn).id for turn in range(4)]
    assert picks == ["shimao", "green", "red-repair", "shimao"]


def test_open_grab_and_no_candidates_leave_the_ticket_open():
    assert choose("open_grab", found()).kind == "open"
    nobody = candidates("lighting", "", "nowhere", "", CONTRACTS, TEAMS, set())
    assert choose("property_firm_first", nobody).kind == "open"


def test_providers_that_rejected_are_skipped():
    assert choose("property_firm_first", found(excluded=["shimao"])).id == "green"
    assert choose("property_firm_first", found(excluded=["shimao", "green"])).id == "red-repair"


def test_a_named_provider_must_be_a_candidate():
    assert named("property_firm", "shimao", found()).id == "shimao"
    assert named("property_firm", "vanke", found()) is None
    assert named("volunteer_team", "green", found()).id == "green"


def test_a_named_provider_of_unspecified_kind_is_found_among_firms_and_teams():
    assert named("", "red-repair", found()).kind == "volunteer_team"
    assert named("", "shimao", found()).kind == "property_firm"
    assert named("property_firm", "red-repair", found()) is None
