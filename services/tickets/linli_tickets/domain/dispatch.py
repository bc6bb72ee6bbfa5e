"""Choosing a provider for a ticket by the category's dispatch mode (pure Python).

- property_firm_first: the firms contracted for the compound (and this category), then teams.
- volunteer_team_first: teams with the category's specialty serving the compound, then firms.
- round_robin: every candidate in turn, by a per-compound-and-category counter.
- open_grab: nobody yet; providers grab (抢单) and the first conditional update wins.
Providers that already rejected the ticket are skipped. No candidate at all: open grab.
"""

from __future__ import annotations

from dataclasses import dataclass

from linli_tickets.domain.model import OPEN, PROPERTY_FIRM, VOLUNTEER_TEAM, Provider


@dataclass(frozen=True)
class Contract:
    org_id: str
    compound_id: str
    services: tuple[str, ...] = ()

    def covers(self, category: str) -> bool:
        return not self.services or category in self.services


@dataclass(frozen=True)
class Team:
    team_id: str
    specialties: tuple[str, ...]
    members: tuple[str, ...]
    compound_ids: tuple[str, ...]
    community_id: str = ""

    def serves(self, compound_id: str, community_id: str) -> bool:
        if self.compound_ids:
            return compound_id in self.compound_ids
        return bool(community_id) and community_id == self.community_id


@dataclass(frozen=True)
class Candidates:
    firms: tuple[Provider, ...]
    teams: tuple[Provider, ...]
    specialists: tuple[Provider, ...]


def candidates(
    category: str,
    specialty: str,
    compound_id: str,
    community_id: str,
    contracts: list[Contract],
    teams: list[Team],
    excluded: set[str],
) -> Candidates:
    firms = sorted(
        {c.org_id for c in contracts if c.compound_id == compound_id and c.covers(category)} - excluded
    )
    serving = sorted(
        (t for t in teams if t.serves(compound_id, community_id) and t.team_id not in excluded),
        key=lambda t: t.team_id,
    )
    as_provider = [Provider(VOLUNTEER_TEAM, t.team_id, t.members) for t in serving]
    specialists = [
        Provider(VOLUNTEER_TEAM, t.team_id, t.members)
        for t in serving
        if specialty and specialty in t.specialties
    ]
    return Candidates(
        tuple(Provider(PROPERTY_FIRM, f) for f in firms), tuple(as_provider), tuple(specialists)
    )


def choose(mode: str, found: Candidates, turn: int = 0) -> Provider:
    """The provider for a dispatch; `turn` is the round-robin counter (0, 1, 2 …)."""
    if mode == "open_grab":
        return Provider(OPEN, "")
    if mode == "round_robin":
        pool = list(found.firms) + list(found.teams)
        return pool[turn % len(pool)] if pool else Provider(OPEN, "")
    if mode == "volunteer_team_first":
        order = list(found.specialists) + list(found.firms) + list(found.teams)
    else:
        order = list(found.firms) + list(found.specialists) + list(found.teams)
    return order[0] if order else Provider(OPEN, "")


def named(kind: str, provider_id: str, found: Candidates) -> Provider | None:
    """A provider the dispatcher named (of the kind given, or either), if it is a candidate here."""
    pool = {PROPERTY_FIRM: found.firms, VOLUNTEER_TEAM: found.teams}.get(kind, found.firms + found.teams)
    return next((p for p in pool if p.id == provider_id), None)
