"""The whole district document: sections plus per-community and per-compound overrides."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from linli_governance.base import Strict
from linli_governance.deliberation import CooperativeRules, DeliberationConfig
from linli_governance.fees import FeesConfig
from linli_governance.notifications import NotificationsConfig
from linli_governance.points import PointsConfig
from linli_governance.tickets import TicketsConfig

CareTag = Literal["red", "yellow", "blue"]


class District(Strict):
    name: str = Field(min_length=1, max_length=100)
    timezone: str = "Asia/Shanghai"
    language: str = "zh-CN"


class CareConfig(Strict):
    """三色档案: how much each tag raises a ticket's priority (never shown to providers)."""

    priority: dict[CareTag, int] = Field(default_factory=lambda: {"red": 0, "yellow": 1, "blue": 2})


class Sections(Strict):
    tickets: TicketsConfig = TicketsConfig()
    care: CareConfig = CareConfig()
    deliberation: DeliberationConfig = DeliberationConfig()
    cooperative: CooperativeRules = CooperativeRules()
    fees: FeesConfig = FeesConfig()
    points: PointsConfig = PointsConfig()
    notifications: NotificationsConfig = NotificationsConfig()


class Overrides(Strict):
    """一区一策: partial sections per community and per compound, merged over the district's."""

    communities: dict[str, dict] = Field(default_factory=dict)
    compounds: dict[str, dict] = Field(default_factory=dict)


class GovernanceConfig(Sections):
    """One district's governance configuration document (YAML in, this model inside)."""

    schema_version: Literal[1] = 1
    district: District
    overrides: Overrides = Overrides()
