"""What a use case of the points service works with: the repositories and the books of one tenant."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from linli_governance.cache import StoredCopy
from linli_ledger import Ledger
from linli_platform.persistence import Repository, TenantScoped, UnitOfWork

from linli_points.domain.activity import Activity
from linli_points.domain.awards import AwardResult
from linli_points.domain.earnings import Earnings
from linli_points.domain.volunteer import Volunteer


class Volunteers(Repository[Volunteer]):
    label = "volunteer"

    @abstractmethod
    def search(
        self, specialty: str, availability: str, team_id: str, compound_id: str, offset: int, limit: int
    ) -> tuple[list[Volunteer], int]:
        """Active volunteers matching every given filter, by subject; and how many match."""

    @abstractmethod
    def named(self, subjects: Sequence[str]) -> dict[str, Volunteer]:
        """The profiles of these subjects that exist (one read)."""


class Activities(Repository[Activity]):
    label = "activity"

    @abstractmethod
    def page(
        self, subject: str, status: str, team_id: str, offset: int, limit: int
    ) -> tuple[list[Activity], int]:
        """Newest first; empty filters match all."""

    @abstractmethod
    def counted(self, since: datetime, until: datetime) -> list[Activity]:
        """Confirmed entries (the hours that count) that ended in [since, until)."""


class EarningsRepository(Repository[Earnings]):
    label = "earnings"


class Awards(Repository[AwardResult]):
    label = "award result"


class GovernanceVersions(TenantScoped):
    """Every version of the district's governance document, with the time it took effect, so a
    cause is judged by the rules in force when it happened (never retroactively)."""

    @abstractmethod
    def keep(
        self, version: int, document_json: str, compound_communities: dict[str, str], effective_at: datetime
    ) -> bool:
        """Store a version (a version held already changes nothing); True when stored now."""

    @abstractmethod
    def in_force(self, at: datetime) -> StoredCopy | None:
        """The newest version that took effect at or before `at` (else the oldest held; None: none)."""


@dataclass(frozen=True)
class Place:
    id: str
    name: str = ""
    parent: str = ""  # a compound's community, a building's compound
    leader: str = ""  # a building's leader (楼栋长)


class Places(TenantScoped):
    """Local copies of communities' compounds, communities and buildings (names, leaders)."""

    @abstractmethod
    def keep(self, kind: str, place: Place, version: int) -> bool: ...

    @abstractmethod
    def get(self, kind: str, id: str) -> Place | None: ...

    @abstractmethod
    def all(self, kind: str) -> list[Place]: ...


@dataclass(frozen=True)
class Rating:
    """A rated ticket, as the tickets service published it (for awards' satisfaction)."""

    ticket_id: str
    subject: str  # who did the work
    rating: int
    at: datetime


class Ratings(TenantScoped):
    @abstractmethod
    def keep(self, rating: Rating, version: int) -> bool: ...

    @abstractmethod
    def between(self, since: datetime, until: datetime) -> list[Rating]: ...


class PointsUnitOfWork(UnitOfWork):
    volunteers: Volunteers
    activities: Activities
    earnings: EarningsRepository
    awards: Awards
    governance: GovernanceVersions
    places: Places
    ratings: Ratings
    ledger: Ledger

    def __init__(
        self,
        tenant: str,
        *,
        volunteers: Volunteers,
        activities: Activities,
        earnings: EarningsRepository,
        awards: Awards,
        governance: GovernanceVersions,
        places: Places,
        ratings: Ratings,
        ledger: Ledger,
    ):
        super().__init__(
            tenant,
            volunteers=volunteers,
            activities=activities,
            earnings=earnings,
            awards=awards,
            governance=governance,
            places=places,
            ratings=ratings,
            ledger=ledger,
        )


UnitOfWorkFactory = Callable[[str], PointsUnitOfWork]  # tenant → unit of work
