"""A volunteer's profile (志愿者人才库): specialties from the district's vocabulary, availability,
the teams they serve in (the teams themselves stay in communities) and those they lead."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import ClassVar

from linli.points.v1.events_pb2 import VolunteerRegistered
from linli_platform.aggregate import Aggregate
from linli_platform.errors import InvalidField

AVAILABILITY = ("weekday_daytime", "weekday_evening", "weekend", "on_call")


@dataclass(frozen=True)
class Profile:
    """What a registration sets (the whole profile: a registration replaces the one before)."""

    display_name: str
    compound_id: str
    specialties: tuple[str, ...] = ()
    availability: tuple[str, ...] = ()
    team_ids: tuple[str, ...] = ()
    leads_team_ids: tuple[str, ...] = ()
    show_name: bool = False
    active: bool = True
    trainings: tuple[str, ...] = ()

    def check(self, vocabulary: Collection[str]) -> None:
        problems = []
        if not self.display_name.strip():
            problems.append(("display_name", "is required"))
        for i, specialty in enumerate(self.specialties):
            if specialty not in vocabulary:
                problems.append(
                    (
                        f"specialties[{i}]",
                        f"{specialty!r} is not a specialty of this district ({'、'.join(vocabulary)})",
                    )
                )
        for i, slot in enumerate(self.availability):
            if slot not in AVAILABILITY:
                problems.append((f"availability[{i}]", f"one of {', '.join(AVAILABILITY)}"))
        for i, team in enumerate(self.leads_team_ids):
            if team not in self.team_ids:
                problems.append((f"leads_team_ids[{i}]", "a volunteer leads only a team they serve in"))
        if problems:
            raise InvalidField(problems)


@dataclass(eq=False, kw_only=True)
class Volunteer(Aggregate):
    SOURCE: ClassVar[str] = "points"
    NAME: ClassVar[str] = "volunteer"

    tenant_id: str
    id: str  # the person's subject
    profile: Profile
    version: int = 0
    request_fingerprints: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        Aggregate.__init__(self, self.tenant_id, self.id, self.version)

    @property
    def subject(self) -> str:
        return self.id

    @classmethod
    def register(
        cls, tenant_id: str, subject: str, profile: Profile, vocabulary: Collection[str]
    ) -> Volunteer:
        volunteer = cls(tenant_id=tenant_id, id=subject, profile=Profile("", profile.compound_id))
        volunteer.update(profile, vocabulary)
        return volunteer

    def update(self, profile: Profile, vocabulary: Collection[str]) -> None:
        profile.check(vocabulary)
        if profile == self.profile and not self.is_new:
            return
        self.profile = profile
        self.record(
            VolunteerRegistered(
                subject=self.subject,
                display_name=profile.display_name,
                specialties=list(profile.specialties),
                team_ids=list(profile.team_ids),
                compound_id=profile.compound_id,
                active=profile.active,
            )
        )

    def leads(self, team_id: str) -> bool:
        return bool(team_id) and team_id in self.profile.leads_team_ids and self.profile.active

    def public_name(self) -> str:
        """On a leaderboard: the name if they opted in, else 志愿者 + a short code (stable per person)."""
        return self.profile.display_name if self.profile.show_name else anonymous_name(self.subject)


def anonymous_name(subject: str) -> str:
    return "志愿者" + hashlib.sha256(subject.encode()).hexdigest()[:4].upper()
