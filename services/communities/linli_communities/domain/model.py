"""Districts (tenants) and compounds: the rules that hold whatever stores them."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
