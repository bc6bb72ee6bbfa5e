"""Routing as data: an event's facts, its matching routes, and who the audience is.

Pure functions over the event's fields and a roster (the local copy of communities' people);
the service layer does the I/O. Recipient keys: a person's subject, ``household:<compound>/<household>``,
``org:<id>``, ``staff:<community>`` (the staff desk, ``staff`` when unknown) and ``district_admins``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from linli_governance.notifications import NotificationsConfig, Route

HOUSEHOLD = "household:"
ORG = "org:"
STAFF = "staff"
DISTRICT_ADMINS = "district_admins"


class Roster(Protocol):
    def community_of(self, compound_id: str) -> str: ...
    def household_people(
        self, *, compound_id: str, building_id: str = "", owners_only: bool = False
    ) -> set[str]: ...
    def building_leader(self, compound_id: str, building_id: str) -> str: ...
    def team_members(self, team_id: str) -> list[str]: ...


PRIVATE_FIELDS = frozenset({"care_tags"})  # 三色档案: never rendered, never sent to anyone


def without_private(value):
    """The payload with care tags removed at every depth (fan-out filters read the roster instead)."""
    if isinstance(value, dict):
        return {k: without_private(v) for k, v in value.items() if k not in PRIVATE_FIELDS}
    if isinstance(value, list):
        return [without_private(v) for v in value]
    return value


def facts_of(event_type: str, event_id: str, occurred_at: str, payload: dict) -> dict:
    """What templates and audiences see: the payload, with a nested ``ticket`` also flattened."""
    facts: dict = {}
    for nested in ("ticket",):
        if isinstance(payload.get(nested), dict):
            facts.update(payload[nested])
    facts.update(payload)
    facts.update(event_type=event_type, event_id=event_id, occurred_at=occurred_at)
    return facts


def routes_for(config: NotificationsConfig, event_type: str) -> list[Route]:
    return [r for r in config.routes if r.event == event_type]


def is_person(recipient: str) -> bool:
    return not (recipient.startswith((HOUSEHOLD, ORG, STAFF)) or recipient == DISTRICT_ADMINS)


def _provider(facts: dict, roster: Roster) -> set[str]:
    kind, provider = facts.get("provider_kind", ""), facts.get("provider_id", "")
    if not provider:
        return set()
    if kind == "property_firm":
        return {ORG + provider}
    if kind == "volunteer_team":
        return set(roster.team_members(provider))
    return set()


def _supervisor(facts: dict, roster: Roster) -> set[str]:
    community = facts.get("community_id") or roster.community_of(facts.get("compound_id", ""))
    return {f"{STAFF}:{community}" if community else STAFF}


def _volunteer(facts: dict, roster: Roster) -> set[str]:
    person = facts.get("volunteer") or facts.get("subject") or ""
    if person:
        return {person}
    if facts.get("provider_kind") == "volunteer_team":
        return set(roster.team_members(facts.get("provider_id", "")))
    return set()


def audience(name: str, facts: dict, roster: Roster) -> set[str]:
    """Recipient keys of one audience for one event (empty when the event lacks the fields)."""
    compound, building = facts.get("compound_id", ""), facts.get("building_id", "")
    match name:
        case "ticket_provider":
            found = _provider(facts, roster)
        case "supervisor":
            found = _supervisor(facts, roster)
        case "reporter":
            found = {facts.get("reporter", "")}
        case "household":
            has = compound and facts.get("household_id")
            found = {f"{HOUSEHOLD}{compound}/{facts['household_id']}"} if has else set()
        case "compound_owners" if compound and facts.get("building_ids"):  # a vote of some buildings
            found = set().union(
                *(
                    roster.household_people(compound_id=compound, building_id=b, owners_only=True)
                    for b in facts["building_ids"]
                )
            )
        case "compound_owners":
            found = roster.household_people(compound_id=compound, owners_only=True) if compound else set()
        case "compound_residents":
            found = roster.household_people(compound_id=compound) if compound else set()
        case "building_residents":
            found = roster.household_people(compound_id=compound, building_id=building) if building else set()
        case "building_leader":
            found = {roster.building_leader(compound, building)} if building else set()
        case "volunteer":
            found = _volunteer(facts, roster)
        case "subject":
            found = {facts.get("subject", "")}
        case "org":
            found = {ORG + facts["org_id"]} if facts.get("org_id") else set()
        case "district_admins":
            found = {DISTRICT_ADMINS}
        case _:
            found = set()
    return {r for r in found if r}


@dataclass(frozen=True)
class Planned:
    """One recipient of one route: what to render and where to send it."""

    recipient: str
    template: str
    channels: tuple[str, ...]
    urgent: bool


def plan(
    routes: Iterable[Route],
    facts: dict,
    roster: Roster,
    enabled_channels: Iterable[str],
    urgent_categories: Iterable[str],
) -> list[Planned]:
    """Every (recipient, template, channels) for an event; a recipient reached twice gets the first route."""
    enabled = set(enabled_channels)
    urgent_category = facts.get("category", "") in set(urgent_categories)
    planned: dict[str, Planned] = {}
    for route in routes:
        for recipient in sorted(audience(route.audience, facts, roster)):
            if recipient in planned:
                continue
            channels = tuple(c for c in route.channels if c in enabled and _fits(c, recipient))
            if channels:
                planned[recipient] = Planned(
                    recipient, route.template, channels, route.urgent or urgent_category
                )
    return list(planned.values())


def _fits(channel: str, recipient: str) -> bool:
    """Webhooks go to organisations; SMS and WeChat to people; every recipient has an inbox."""
    if channel == "webhook":
        return recipient.startswith(ORG)
    if channel in ("sms", "wechat"):
        return is_person(recipient)
    return True
