"""Tickets section: categories with dispatch mode and SLAs, and who may do which transition."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from linli_governance.base import Key, Role, Strict

DispatchMode = Literal["property_firm_first", "volunteer_team_first", "round_robin", "open_grab"]
Escalation = Literal["redispatch", "notify_supervisor"]


class Category(Strict):
    name: str = Field(description="显示名称, e.g. 楼道照明")
    dispatch: DispatchMode = "property_firm_first"
    specialty: str = Field("", description="volunteer specialty for volunteer_team_first, e.g. 水电")
    accept_within_minutes: int = Field(60, gt=0, description="SLA: dispatched → accepted")
    complete_within_hours: float = Field(48, gt=0, description="SLA: accepted → done")
    warn_at: float = Field(0.8, gt=0, lt=1, description="share of an SLA after which a warning fires")
    escalation: Escalation = "notify_supervisor"
    urgent: bool = Field(False, description="urgent categories ignore quiet hours")


class Transitions(Strict):
    """Roles allowed for each transition of the loop (派单 → 接单 → 督单 → 评价)."""

    dispatch: list[Role] = ["community_staff", "grid_worker"]
    grab: list[Role] = ["property_firm", "volunteer"]
    accept: list[Role] = ["property_firm", "volunteer"]
    reject: list[Role] = ["property_firm", "volunteer"]
    start: list[Role] = ["property_firm", "volunteer"]
    complete: list[Role] = ["property_firm", "volunteer"]
    verify: list[Role] = ["community_staff", "grid_worker"]
    confirm: list[Role] = ["resident"]
    follow_up: list[Role] = ["community_staff", "grid_worker"]
    reopen: list[Role] = ["resident", "community_staff"]
    cancel: list[Role] = ["resident", "community_staff"]
    close: list[Role] = ["community_staff"]
    urge: list[Role] = ["resident"]


class TicketsConfig(Strict):
    categories: dict[Key, Category] = Field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    transitions: Transitions = Transitions()
    auto_close_after_days: int = Field(7, gt=0, description="confirmed tickets close after this many days")
    common_categories: list[Key] = Field(
        default_factory=list,
        description="扫码报修: the categories residents report most, listed first (in order) after 请选择",
    )

    @model_validator(mode="after")
    def _has_categories(self):
        if not self.categories:
            raise ValueError("at least one ticket category is required")
        unknown = [key for key in self.common_categories if key not in self.categories]
        if unknown:
            raise ValueError(f"common_categories names categories that do not exist: {', '.join(unknown)}")
        return self


DEFAULT_CATEGORIES = {
    "lighting": Category(name="楼道照明", accept_within_minutes=30, complete_within_hours=4),
    "plumbing": Category(name="水管维修", accept_within_minutes=60, complete_within_hours=24),
    "electrical": Category(name="电路维修", accept_within_minutes=30, complete_within_hours=12, urgent=True),
    "cleaning": Category(
        name="环境卫生",
        dispatch="volunteer_team_first",
        specialty="保洁",
        accept_within_minutes=120,
        complete_within_hours=24,
    ),
    "greening": Category(
        name="绿化养护",
        dispatch="volunteer_team_first",
        specialty="绿化",
        accept_within_minutes=240,
        complete_within_hours=72,
    ),
    "other": Category(name="其他", accept_within_minutes=120, complete_within_hours=72),
}
