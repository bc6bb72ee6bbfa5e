"""The notifications section: routing rules are validated data; defaults cover tickets and communities."""

import pytest
from linli_governance import ConfigError, Scope, effective_config, parse_document
from linli_governance.notifications import DEFAULT_ROUTES, NotificationsConfig

BASE = {"district": {"name": "金江街道"}}


def test_default_rules_cover_the_ticket_loop_and_communities_events():
    events = {r.event for r in NotificationsConfig().routes}
    assert {
        "linli.tickets.v1.TicketCreated",
        "linli.tickets.v1.TicketDispatched",
        "linli.tickets.v1.TicketAccepted",
        "linli.tickets.v1.TicketCompleted",
        "linli.tickets.v1.TicketEscalated",
        "linli.communities.v1.ProposalDecided",
        "linli.communities.v1.ProposalWithdrawn",
        "linli.communities.v1.PropertyContractChanged",
    } <= events
    dispatch = [
        r for r in DEFAULT_ROUTES if r.event.endswith("TicketDispatched") and r.audience == "ticket_provider"
    ]
    assert dispatch[0].channels == ["inbox", "webhook"]


def test_a_rule_for_a_later_service_is_accepted_and_a_typo_is_rejected():
    rule = {
        "event": "linli.points.v1.PointsCredited",
        "audience": "subject",
        "template": "points_credited",
        "channels": ["inbox", "wechat"],
        "urgent": False,
    }
    config = parse_document({**BASE, "notifications": {"routes": [rule]}})
    assert config.notifications.routes[0].audience == "subject"
    with pytest.raises(ConfigError) as caught:
        parse_document({**BASE, "notifications": {"routes": [{**rule, "audience": "everyone"}]}})
    assert caught.value.problems[0][0].startswith("notifications.routes.0.audience")
    with pytest.raises(ConfigError):
        parse_document({**BASE, "notifications": {"routes": [{**rule, "channels": ["fax"]}]}})
    with pytest.raises(ConfigError):
        parse_document({**BASE, "notifications": {"quiet_hours": {"start": "24:00", "end": "07:00"}}})


def test_a_compound_may_override_quiet_hours_and_urgent_categories():
    config = parse_document(
        {
            **BASE,
            "overrides": {
                "compounds": {
                    "jinjiang": {
                        "notifications": {
                            "quiet_hours": {"start": "21:00", "end": "08:00"},
                            "urgent_categories": ["electrical", "gas"],
                        }
                    }
                }
            },
        }
    )
    here = effective_config(config, Scope(compound="jinjiang")).notifications
    elsewhere = effective_config(config, Scope(compound="other")).notifications
    assert (here.quiet_hours.start, here.urgent_categories) == ("21:00", ["electrical", "gas"])
    assert (elsewhere.quiet_hours.start, elsewhere.urgent_categories) == ("22:00", ["electrical"])
