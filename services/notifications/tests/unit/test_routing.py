"""Routing rules resolve audiences from the event and the roster; channels fit the recipient."""

from linli_governance.notifications import NotificationsConfig, Route
from linli_notifications.domain.routing import audience, facts_of, plan, routes_for


class FakeRoster:
    def community_of(self, compound_id):
        return {"c1": "comm-jinjiang"}.get(compound_id, "")

    def household_people(self, *, compound_id, building_id="", owners_only=False):
        owners, residents = {"owner-a", "owner-b"}, {"res-a"}
        return owners if owners_only else owners | residents

    def building_leader(self, compound_id, building_id):
        return "leader-3" if (compound_id, building_id) == ("c1", "b3") else ""

    def team_members(self, team_id):
        return ["vol-1", "vol-2"] if team_id == "team-1" else []


TICKET = {
    "ticket_id": "tk",
    "compound_id": "c1",
    "building_id": "b3",
    "household_id": "h1",
    "reporter": "res-a",
    "provider_kind": "property_firm",
    "provider_id": "org-shimao",
    "category": "plumbing",
}


def test_ticket_facts_are_flattened_for_templates_and_audiences():
    facts = facts_of("linli.tickets.v1.TicketDispatched", "e1", "", {"ticket": TICKET, "description": "漏水"})
    assert facts["provider_id"] == "org-shimao" and facts["description"] == "漏水"
    assert facts["ticket"]["ticket_id"] == "tk"


def test_audiences_resolve_from_facts_and_roster():
    roster = FakeRoster()
    assert audience("ticket_provider", TICKET, roster) == {"org:org-shimao"}
    assert audience("supervisor", TICKET, roster) == {"staff:comm-jinjiang"}
    assert audience("reporter", TICKET, roster) == {"res-a"}
    assert audience("household", TICKET, roster) == {"household:c1/h1"}
    assert audience("compound_owners", TICKET, roster) == {"owner-a", "owner-b"}
    assert audience("building_leader", TICKET, roster) == {"leader-3"}
    assert audience("district_admins", TICKET, roster) == {"district_admins"}
    volunteer_ticket = {**TICKET, "provider_kind": "volunteer_team", "provider_id": "team-1"}
    assert audience("ticket_provider", volunteer_ticket, roster) == {"vol-1", "vol-2"}
    assert audience("subject", {"subject": "p1"}, roster) == {"p1"}
    assert audience("reporter", {}, roster) == set()


def test_a_decision_of_some_buildings_goes_to_those_buildings_owners_only():
    class Buildings(FakeRoster):
        def household_people(self, *, compound_id, building_id="", owners_only=False):
            owners = {"1": {"owner-1"}, "2": {"owner-2"}, "3": {"owner-3"}}
            if building_id:
                return owners.get(building_id, set()) | (set() if owners_only else {f"res-{building_id}"})
            return set().union(*owners.values())

    decided = {"compound_id": "c1", "proposal_id": "p1", "building_ids": ["1", "2"]}
    assert audience("compound_owners", decided, Buildings()) == {"owner-1", "owner-2"}
    whole = {"compound_id": "c1", "proposal_id": "p2"}
    assert audience("compound_owners", whole, Buildings()) == {"owner-1", "owner-2", "owner-3"}


def test_default_rules_send_a_dispatched_ticket_to_the_firm_by_inbox_and_webhook():
    config = NotificationsConfig()
    routes = routes_for(config, "linli.tickets.v1.TicketDispatched")
    planned = {p.recipient: p for p in plan(routes, TICKET, FakeRoster(), config.channels, [])}
    assert planned["org:org-shimao"].channels == ("inbox", "webhook")
    assert planned["res-a"].channels == ("inbox",)


def test_webhooks_only_reach_organisations_and_sms_only_people():
    routes = [
        Route(event="E", audience="reporter", template="t", channels=["inbox", "webhook", "sms"]),
        Route(event="E", audience="ticket_provider", template="t", channels=["sms", "webhook"]),
    ]
    planned = {
        p.recipient: p.channels for p in plan(routes, TICKET, FakeRoster(), ["inbox", "webhook", "sms"], [])
    }
    assert planned == {"res-a": ("inbox", "sms"), "org:org-shimao": ("webhook",)}


def test_a_recipient_reached_by_two_routes_is_planned_once():
    routes = [
        Route(event="E", audience="reporter", template="first"),
        Route(event="E", audience="compound_residents", template="second"),
    ]
    planned = plan(routes, TICKET, FakeRoster(), ["inbox"], [])
    assert [p.template for p in planned if p.recipient == "res-a"] == ["first"]


def test_disabled_channels_and_urgent_categories_come_from_config():
    routes = [Route(event="E", audience="reporter", template="t", channels=["inbox", "sms"])]
    (planned,) = plan(routes, {**TICKET, "category": "electrical"}, FakeRoster(), ["inbox"], ["electrical"])
    assert planned.channels == ("inbox",) and planned.urgent


def test_a_later_service_needs_only_a_rule():
    config = NotificationsConfig(
        routes=[
            Route(
                event="linli.fees.v1.BillIssued",
                audience="subject",
                template="bill_issued",
                channels=["inbox", "wechat"],
            )
        ]
    )
    routes = routes_for(config, "linli.fees.v1.BillIssued")
    (planned,) = plan(routes, {"subject": "owner-a", "amount_fen": 3600}, FakeRoster(), config.channels, [])
    assert planned.recipient == "owner-a" and planned.channels == ("inbox", "wechat")
