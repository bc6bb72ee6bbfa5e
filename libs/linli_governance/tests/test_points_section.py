"""The points section: defaults from the seeds, the first form of earn rules, overrides, refusals."""

from __future__ import annotations

import pytest
from linli_governance import ConfigError, Scope, effective_config, parse_document
from linli_governance.points import PointsConfig

BASE = {"district": {"name": "汉阳区"}}


def test_defaults_carry_the_seeds_activities_awards_and_multipliers():
    points = PointsConfig()
    assert points.enabled and points.name == "服务积分"
    assert {"patrol", "elderly_visit", "disability_visit", "service_day"} <= set(points.activities)
    assert points.activities["elderly_visit"].name == "独居老人上门服务"
    assert points.awards[0].name == "金江之星" and points.awards[0].min_rating == 4.5
    assert points.multiplier(5) == 1.5 and points.multiplier(3) == 1.0


def test_a_document_in_the_first_form_reads_its_earn_rules_as_activities_and_ticket_points():
    config = parse_document(
        {
            **BASE,
            "points": {
                "earn": [
                    {"activity": "snow_clearing", "name": "清雪突击", "points": 15},
                    {"activity": "ticket_done", "name": "完成工单", "points": 7},
                ]
            },
        }
    )
    assert config.points.activities["snow_clearing"].points_per_hour == 15
    assert "patrol" not in config.points.activities
    assert config.points.tickets.volunteer == 7


def test_a_compound_overrides_one_activitys_points_and_the_rest_stays():
    config = parse_document(
        {
            **BASE,
            "overrides": {
                "compounds": {"jinjiang": {"points": {"activities": {"patrol": {"points_per_hour": 8}}}}}
            },
        }
    )
    here = effective_config(config, Scope(compound="jinjiang")).points
    elsewhere = effective_config(config, Scope(compound="other")).points
    assert here.activities["patrol"].points_per_hour == 8 and here.activities["patrol"].name == "安全巡逻"
    assert elsewhere.activities["patrol"].points_per_hour == 5


@pytest.mark.parametrize(
    ("points", "path"),
    [
        (
            {"activities": {"patrol": {"name": "巡逻", "points_per_hour": 10**18}}},
            "points.activities.patrol.points_per_hour",
        ),
        ({"satisfaction": {"6": 2.0}}, "points.satisfaction.6.[key]"),
        ({"daily_cap": 0}, "points.daily_cap"),
        ({"confirmers": ["resident"]}, "points.confirmers.0"),
        ({"awards": [{"award": "star", "name": "金江之星", "top": 0}]}, "points.awards.0.top"),
        ({"earn": [{"activity": "patrol", "name": "巡逻", "points": -1}]}, "points"),
    ],
)
def test_bad_points_settings_are_refused_naming_the_path(points, path):
    with pytest.raises(ConfigError) as refused:
        parse_document({**BASE, "points": points})
    assert path in [p for p, _ in refused.value.problems], refused.value.problems


def test_an_activity_needing_an_unknown_specialty_is_refused():
    with pytest.raises(ConfigError, match="specialties not in"):
        parse_document(
            {
                **BASE,
                "points": {
                    "specialties": ["水电"],
                    "activities": {"x": {"name": "x", "points_per_hour": 1, "specialty": "绿化"}},
                },
            }
        )
