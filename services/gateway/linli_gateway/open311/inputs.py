"""Parsing and checking what Open311 clients send: every problem becomes a 400 naming the field."""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from linli_gateway.open311.errors import bad_request

MAX_BODY_BYTES = 256 * 1024
MAX_FIELDS = 100
MAX_TEXT = 2000
MAX_SHORT = 200
MAX_SPAN = timedelta(days=90)
JURISDICTION = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
SERVICE_CODE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,140}$")
REQUEST_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Markup is refused outright: the text lands in notices, HTML pages and other clients.
MARKUP = re.compile(r"<\s*[A-Za-z!/?]|&#?[A-Za-z0-9]+;")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
URL = re.compile(r"^https?://\S{1,490}$")


class Params:
    """Single-valued parameters; a repeated key is a wrong type (an array where a value belongs)."""

    def __init__(self, pairs: list[tuple[str, str]]):
        if len(pairs) > MAX_FIELDS:
            raise bad_request(f"参数过多（最多 {MAX_FIELDS} 个）")
        self.values: dict[str, str] = {}
        for key, value in pairs:
            if key in self.values:
                raise bad_request(f"{_name(key)}: 只能提供一个值")
            self.values[key] = value

    @classmethod
    def from_body(cls, body: bytes) -> Params:
        """A form body or a raw query string (UTF-8, url-encoded); anything else is a 400."""
        if len(body) > MAX_BODY_BYTES:
            raise bad_request("请求过大")
        try:
            text = body.decode("utf-8")
            pairs = parse_qsl(
                text,
                keep_blank_values=True,
                strict_parsing=bool(text),
                errors="strict",
                max_num_fields=MAX_FIELDS,
            )
        except (UnicodeDecodeError, ValueError) as exc:
            raise bad_request("参数须为 UTF-8 编码的 application/x-www-form-urlencoded") from exc
        return cls(pairs)

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def attributes(self) -> dict[str, str]:
        """`attribute[code]=value` pairs."""
        found = {}
        for key, value in self.values.items():
            if key.startswith("attribute[") and key.endswith("]"):
                found[key[len("attribute[") : -1]] = value
        return found


def _name(key: str) -> str:
    return key if len(key) <= 40 and not MARKUP.search(key) else "参数"


def text(params: Params, key: str, max_len: int = MAX_SHORT, required: bool = False) -> str:
    value = params.get(key).strip()
    if not value:
        if required:
            raise bad_request(f"{key}: 必填")
        return ""
    if len(value) > max_len:
        raise bad_request(f"{key}: 不能超过 {max_len} 个字符")
    if MARKUP.search(value):
        raise bad_request(f"{key}: 不能包含 HTML 标记")
    if CONTROL.search(value):
        raise bad_request(f"{key}: 含有不允许的控制字符")
    return value


def matching(params: Params, key: str, pattern: re.Pattern, required: bool = False) -> str:
    value = params.get(key)
    if not value:
        if required:
            raise bad_request(f"{key}: 必填")
        return ""
    if not pattern.fullmatch(value):
        raise bad_request(f"{key}: 格式无效")
    return value


def jurisdiction(params: Params) -> str:
    return matching(params, "jurisdiction_id", JURISDICTION, required=True)


def coordinate(params: Params, key: str, limit: float) -> float | None:
    raw = params.get(key)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError as exc:
        raise bad_request(f"{key}: 须为数字") from exc
    if not math.isfinite(value) or abs(value) > limit:
        raise bad_request(f"{key}: 超出范围")
    return value


def media_url(params: Params) -> str:
    value = params.get("media_url")
    if value and not URL.fullmatch(value):
        raise bad_request("media_url: 须为 http(s) 链接")
    return value


def moment(params: Params, key: str, zone: ZoneInfo) -> datetime | None:
    """ISO 8601 (w3 format); a time without offset is read in the district's zone."""
    raw = params.get(key)
    if not raw:
        return None
    if len(raw) > 40:
        raise bad_request(f"{key}: 日期格式无效")
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as exc:
        raise bad_request(f"{key}: 日期格式无效，例如 2026-05-01T08:00:00+08:00") from exc
    return value if value.tzinfo else value.replace(tzinfo=zone)


def date_window(params: Params, zone: ZoneInfo, now: datetime) -> tuple[datetime | None, datetime | None]:
    """start/end as the spec has them: at most 90 days apart; neither given → the last 90 days."""
    start, end = moment(params, "start_date", zone), moment(params, "end_date", zone)
    if start and end and start > end:
        raise bad_request("start_date: 不能晚于 end_date")
    if start and end and end - start > MAX_SPAN:
        raise bad_request("start_date/end_date: 时间跨度不能超过 90 天")
    if start is None and end is None:
        return now - MAX_SPAN, None
    return start, end


def statuses(params: Params) -> list[str]:
    raw = params.get("status")
    if not raw:
        return []
    wanted = [s.strip() for s in raw.split(",") if s.strip()]
    if not wanted or any(s not in ("open", "closed") for s in wanted):
        raise bad_request("status: 只能是 open 或 closed（可用逗号分隔）")
    return wanted


def page_size(params: Params, default: int = 50, limit: int = 500) -> int:
    raw = params.get("page_size")
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= limit:
        raise bad_request(f"page_size: 须为 1 到 {limit} 的整数")
    return int(raw)
