"""Districts (tenants): their profile's rules, and the district as an aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from linli.communities.v1 import events_pb2
from linli_platform.aggregate import Aggregate
from linli_platform.errors import InvalidField

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_LANGUAGE = "zh-CN"
LANGUAGES = ("zh-CN", "zh-TW", "en")


@dataclass(frozen=True)
class TenantProfile:
    tenant_id: str
    name: str
    timezone: str = DEFAULT_TIMEZONE
    language: str = DEFAULT_LANGUAGE

    @classmethod
    def create(cls, tenant_id: str, name: str, timezone: str = "", language: str = "") -> TenantProfile:
        timezone = timezone or DEFAULT_TIMEZONE
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidField("timezone", f"{timezone!r} is not an IANA time zone") from exc
        language = language or DEFAULT_LANGUAGE
        if language not in LANGUAGES:
            raise InvalidField("language", f"must be one of {', '.join(LANGUAGES)}")
        return cls(tenant_id=tenant_id, name=name.strip(), timezone=timezone, language=language)


@dataclass(frozen=True)
class Place:
    """Communities (keys usable in overrides.communities) and compound → community."""

    communities: frozenset[str]
    compound_communities: dict[str, str]

    @classmethod
    def of(cls, compound_communities: dict[str, str], community_ids: set[str]) -> Place:
        communities = {c for c in compound_communities.values() if c} | community_ids
        return cls(frozenset(communities), compound_communities)

    def community_of(self, compound_id: str) -> str:
        return self.compound_communities.get(compound_id, "")


class District(Aggregate):
    """A district (tenant). Its id is its tenant id."""

    SOURCE, NAME = "communities", "tenant"

    def __init__(self, profile: TenantProfile, created_at: datetime, version: int = 0):
        super().__init__(profile.tenant_id, profile.tenant_id, version)
        self.profile, self.created_at = profile, created_at

    @classmethod
    def create(cls, profile: TenantProfile, now: datetime) -> District:
        district = cls(profile, now)
        district.record(
            events_pb2.TenantCreated(
                tenant_id=profile.tenant_id,
                name=profile.name,
                timezone=profile.timezone,
                language=profile.language,
            )
        )
        return district
