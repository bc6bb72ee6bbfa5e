"""The governance document: a bad document is rejected whole, with the path of every problem named."""

from __future__ import annotations

import json
import logging

import pytest
from linli_governance import (
    ConfigError,
    Scope,
    diff_documents,
    effective_config,
    parse_document,
    parse_yaml,
    readable,
)
from linli_governance.docs import ROOT, stale_files

BASE = """
district: {name: 汉阳区}
tickets:
  categories:
    lighting: {name: 楼道照明, accept_within_minutes: 30, complete_within_hours: 4}
overrides:
  communities:
    yangsi: {fees: {price_fen_per_m2_month: 40}}
  compounds:
    jinjiang:
      tickets: {categories: {lighting: {name: 楼道照明, accept_within_minutes: 15, complete_within_hours: 1}}}
"""
KNOWN = {"known_communities": ["yangsi"], "known_compounds": ["jinjiang"]}


def paths(exc: pytest.ExceptionInfo[ConfigError]) -> list[str]:
    return [path for path, _ in exc.value.problems]


def test_a_valid_document_parses_and_the_compound_override_wins():
    config = parse_yaml(BASE, **KNOWN)
    lighting = effective_config(config, Scope(compound="jinjiang")).tickets.categories["lighting"]
    assert lighting.accept_within_minutes == 15
    assert effective_config(config).tickets.categories["lighting"].accept_within_minutes == 30


def test_the_community_override_applies_to_its_compounds_when_the_community_is_resolved():
    config = parse_yaml(BASE.replace("price_fen_per_m2_month: 40", "price_fen_per_m2_month: 30"), **KNOWN)
    assert (
        effective_config(
            config, Scope(compound="jinjiang"), compound_community="yangsi"
        ).fees.price_fen_per_m2_month
        == 30
    )
    assert effective_config(config).fees.price_fen_per_m2_month == 40


def test_an_unknown_key_is_named_with_its_path():
    with pytest.raises(ConfigError) as exc:
        parse_yaml(BASE + "deliberation: {votes: {rulez: headcount}}\n", **KNOWN)
    assert paths(exc) == ["deliberation.votes.rulez"]


def test_a_negative_sla_is_named_with_its_path():
    with pytest.raises(ConfigError) as exc:
        parse_yaml(BASE.replace("accept_within_minutes: 30", "accept_within_minutes: -5"), **KNOWN)
    assert paths(exc) == ["tickets.categories.lighting.accept_within_minutes"]


def test_a_threshold_above_one_is_named_with_its_path():
    with pytest.raises(ConfigError) as exc:
        parse_yaml(BASE + "deliberation: {votes: {participation_area: 1.2}}\n", **KNOWN)
    assert paths(exc) == ["deliberation.votes.participation_area"]


def test_an_override_of_a_compound_that_does_not_exist_is_rejected():
    with pytest.raises(ConfigError) as exc:
        parse_yaml(BASE, known_communities=["yangsi"], known_compounds=["other"])
    assert paths(exc) == ["overrides.compounds.jinjiang"]


def test_a_bad_value_inside_an_override_is_named_under_the_override():
    bad = BASE.replace("accept_within_minutes: 15", "accept_within_minutes: 0")
    with pytest.raises(ConfigError) as exc:
        parse_yaml(bad, **KNOWN)
    assert paths(exc) == ["overrides.compounds.jinjiang.tickets.categories.lighting.accept_within_minutes"]


def test_broken_yaml_names_the_line():
    with pytest.raises(ConfigError) as exc:
        parse_yaml("district: {name: x\nfoo: [", **KNOWN)
    assert paths(exc)[0].startswith("line ")


def test_special_approval_below_approval_is_rejected():
    with pytest.raises(ConfigError) as exc:
        parse_document({"district": {"name": "x"}, "deliberation": {"votes": {"approval": 0.8}}})
    assert paths(exc) == ["deliberation.votes"]


def test_tiers_pick_by_listed_category_first_then_by_amount():
    deliberation = parse_document({"district": {"name": "x"}}).deliberation
    assert deliberation.tier_for("greening", 100_000).decided_by == "self_management_team"
    assert deliberation.tier_for("greening", 500_000).decided_by == "self_management_team"
    assert deliberation.tier_for("greening", 500_001).decided_by == "council"
    assert deliberation.tier_for("greening", 5_000_001).decided_by == "three_party"
    assert deliberation.tier_for("maintenance_fund", 100).decided_by == "three_party"


def test_the_diff_shows_the_changed_line():
    old = parse_yaml(BASE, **KNOWN)
    new = parse_yaml(BASE.replace("accept_within_minutes: 30", "accept_within_minutes: 20"), **KNOWN)
    diff = diff_documents(old, new)
    assert "-      accept_within_minutes: 30\n" in diff and "+      accept_within_minutes: 20\n" in diff


def test_the_committed_schema_and_reference_are_fresh():
    assert stale_files(ROOT / "docs") == [], "run: python -m linli_governance.docs"


def test_every_problem_is_reported_at_once_including_unknown_override_targets():
    bad = BASE.replace("accept_within_minutes: 30", "accept_within_minutes: -5").replace(
        "yangsi:", "atlantis:"
    )
    with pytest.raises(ConfigError) as exc:
        parse_yaml(bad, **KNOWN)
    assert sorted(paths(exc)) == [
        "overrides.communities.atlantis",
        "tickets.categories.lighting.accept_within_minutes",
    ]


def test_yaml_aliases_are_refused_so_a_small_file_cannot_expand_into_a_huge_one():
    bomb = (
        "district: {name: x}\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    )
    with pytest.raises(ConfigError) as exc:
        parse_yaml(bomb)
    assert exc.value.problems == [("line 3, column 8", "YAML aliases (*name) are not allowed")]


def test_common_categories_must_name_the_districts_categories():
    good = BASE.replace("  categories:\n", "  common_categories: [lighting]\n  categories:\n", 1)
    assert parse_yaml(good, **KNOWN).tickets.common_categories == ["lighting"]
    bad = BASE.replace("  categories:\n", "  common_categories: [lighting, roof]\n  categories:\n", 1)
    with pytest.raises(ConfigError) as exc:
        parse_yaml(bad, **KNOWN)
    assert paths(exc) == ["tickets"] and "roof" in exc.value.problems[0][1]


@pytest.mark.parametrize(
    "document_json",
    ["not json", json.dumps({"district": {"name": "x"}, "tickets": {"nope": 1}}), json.dumps({})],
)
def test_a_document_a_service_cannot_read_is_logged_with_tenant_and_version_and_not_kept(
    document_json, caplog
):
    log = logging.getLogger("linli.test.copies")
    with caplog.at_level(logging.ERROR, logger="linli.test.copies"):
        assert readable(document_json, "xingshan", 7, log) is False
    [record] = caplog.records
    assert record.name == "linli.test.copies"
    assert record.getMessage() == "ignoring unreadable governance document"
    assert record.fields["tenant_id"] == "xingshan" and record.fields["version"] == 7
    assert record.fields["error"]


def test_a_readable_document_is_kept_without_a_log(caplog):
    with caplog.at_level(logging.DEBUG):
        assert readable(json.dumps({"district": {"name": "汉阳区"}}), "xingshan", 8, logging.getLogger("x"))
    assert caplog.records == []
