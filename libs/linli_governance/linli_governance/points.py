"""Points section (服务积分, 红色积分, 湾郡币): earn rules, caps, awards, confirmers and the catalog.

Every rule is read by the points service from the configuration version in force when its cause
happened (a ticket rated, an activity's hours confirmed): a change applies from its version on and
never rewrites points already credited. Per-community and per-compound overrides (一区一策) merge
over this section like any other, e.g. ``overrides.compounds.jinjiang.points.activities.patrol``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator

from linli_governance.base import Key, Strict

Confirmer = Literal["district_admin", "community_staff", "grid_worker", "team_leader"]
Rating = Annotated[int, Field(ge=1, le=5)]
Multiplier = Annotated[float, Field(ge=0, le=10)]
Specialty = Annotated[str, Field(min_length=1, max_length=20)]
MAX_POINTS = 1_000_000  # far above any credit a district grants; a typo of 10^18 is refused here


class ActivityKind(Strict):
    """A kind of volunteering whose hours are checked in, out and confirmed."""

    name: str = Field(min_length=1, max_length=40, description="显示名称, e.g. 安全巡逻")
    points_per_hour: int = Field(ge=0, le=MAX_POINTS, description="points per confirmed hour")
    max_hours: float = Field(12, gt=0, le=24, description="the longest one session may count")
    specialty: str = Field("", max_length=20, description="specialty it needs, if any (from `specialties`)")


class TicketEarn(Strict):
    """Points per role in a ticket that was verified (督单) and rated, times the rating's multiplier."""

    volunteer: int = Field(10, ge=0, le=MAX_POINTS, description="the volunteer who did the work")
    reporter: int = Field(0, ge=0, le=MAX_POINTS, description="the resident who reported it")
    building_leader: int = Field(
        2,
        ge=0,
        le=MAX_POINTS,
        description="the building leader (楼栋长) who reported it (instead of reporter)",
    )


class AwardRule(Strict):
    """A periodic award, e.g. 金江之星: the top N by confirmed hours among well-rated volunteers."""

    award: Key
    name: str = Field(min_length=1, max_length=40)
    period: Literal["month", "quarter", "year"] = "month"
    top: int = Field(3, ge=1, le=100)
    by: Literal["hours", "points"] = "hours"
    min_rating: float = Field(
        4.5, ge=0, le=5, description="average rating of the volunteer's rated tickets in the period"
    )
    min_hours: float = Field(0, ge=0, le=10_000)
    points: int = Field(0, ge=0, le=MAX_POINTS, description="points granted with the award")


class CatalogItem(Strict):
    item: Key
    name: str
    cost: int = Field(gt=0)
    stock: int | None = Field(None, ge=0)


class EarnRule(Strict):
    """The first form of earn rules (points per activity); read as `activities` (see PointsConfig)."""

    activity: Key
    name: str
    points: int = Field(gt=0)
    daily_cap: int | None = Field(None, gt=0)


DEFAULT_SPECIALTIES = ["水电", "绿化", "保洁", "安保巡逻", "助老", "家政", "维修"]
DEFAULT_ACTIVITIES = {
    "patrol": ActivityKind(name="安全巡逻", points_per_hour=5, max_hours=8),
    "elderly_visit": ActivityKind(name="独居老人上门服务", points_per_hour=10, max_hours=6, specialty="助老"),
    "disability_visit": ActivityKind(
        name="残疾人上门服务", points_per_hour=10, max_hours=6, specialty="助老"
    ),
    "service_day": ActivityKind(name="便民服务日", points_per_hour=8, max_hours=10),
}
DEFAULT_AWARDS = [AwardRule(award="star", name="金江之星", period="month", top=3, min_rating=4.5, points=50)]


class PointsConfig(Strict):
    enabled: bool = Field(True, description="false: the district credits no points at all")
    name: str = Field("服务积分", description="what residents call the points, e.g. 湾郡币")
    specialties: list[Specialty] = Field(
        default_factory=lambda: list(DEFAULT_SPECIALTIES),
        description="volunteers' specialties (水电, 绿化 …)",
    )
    activities: dict[Key, ActivityKind] = Field(default_factory=lambda: dict(DEFAULT_ACTIVITIES))
    tickets: TicketEarn = TicketEarn()
    satisfaction: dict[Rating, Multiplier] = Field(
        default_factory=lambda: {1: 0.5, 2: 0.8, 3: 1.0, 4: 1.2, 5: 1.5},
        description="multiplier of a ticket's points by its rating (1–5 stars)",
    )
    daily_cap: int | None = Field(
        100, gt=0, le=MAX_POINTS, description="points one person earns a day at most"
    )
    monthly_cap: int | None = Field(
        1000, gt=0, le=MAX_POINTS, description="points one person earns a month at most"
    )
    confirmers: list[Confirmer] = Field(
        default_factory=lambda: ["community_staff", "grid_worker", "team_leader"],
        description="who confirms volunteers' hours (team_leader: the leader of the activity's team)",
    )
    awards: list[AwardRule] = Field(default_factory=lambda: list(DEFAULT_AWARDS))
    catalog: list[CatalogItem] = [CatalogItem(item="daily_goods", name="日用品", cost=50)]

    @model_validator(mode="before")
    @classmethod
    def _read_first_form(cls, data):
        """Documents written before activities existed name `earn` rules: each is an activity kind
        at its points per hour; `ticket_done` is the volunteer's points per ticket."""
        if not isinstance(data, dict) or "earn" not in data:
            return data
        data = dict(data)
        rules = data.pop("earn") or []
        activities = dict(data.get("activities") or {})
        tickets = dict(data.get("tickets") or {})
        for i, rule in enumerate(rules if isinstance(rules, list) else []):
            try:
                parsed = EarnRule.model_validate(rule)
            except ValidationError as err:
                raise ValueError(f"earn.{i}: {err.errors()[0]['msg']}") from err
            if parsed.activity == "ticket_done":
                tickets.setdefault("volunteer", parsed.points)
            else:
                activities.setdefault(
                    parsed.activity, {"name": parsed.name, "points_per_hour": parsed.points}
                )
        if activities:
            data["activities"] = activities
        if tickets:
            data["tickets"] = tickets
        return data

    @model_validator(mode="after")
    def _consistent(self):
        unknown = sorted(
            {a.specialty for a in self.activities.values() if a.specialty} - set(self.specialties)
        )
        if unknown:
            raise ValueError(f"activities name specialties not in `specialties`: {', '.join(unknown)}")
        if self.daily_cap and self.monthly_cap and self.daily_cap > self.monthly_cap:
            raise ValueError("daily_cap must not exceed monthly_cap")
        if len({a.award for a in self.awards}) != len(self.awards):
            raise ValueError("award ids must be unique")
        return self

    def multiplier(self, rating: int) -> float:
        """The rating's multiplier (1.0 for a rating the table leaves out)."""
        return self.satisfaction.get(rating, 1.0)
