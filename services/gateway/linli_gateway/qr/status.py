"""The follow-up link a resident gets after a scan-to-report: `/s/<link>` shows the report's status.

The link is signed (HMAC-SHA256 under a key derived from LINLI_JWT_SECRET for this purpose only) and
names the district, the ticket and the building code's reporter, so it cannot be guessed from a ticket
id or turned into another report's link. The page shows what a neighbour could see on the notice
board: the category, the place, the status and the timeline's steps with their local times — never
the description, notes, names, phones or who acted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC
from zoneinfo import ZoneInfo

from linli.tickets.v1 import tickets_pb2 as tpb

from linli_gateway.open311.records import STATUS_NOTES

PURPOSE = b"linli-qr-status-v1"
PREFIX = "s1"
MAX_LINK_LEN = 400

STEP_NAMES = {
    "reported": "提交报修",
    "dispatched": "社区派单",
    "redispatched": "重新派单",
    "grabbed": "服务方抢单",
    "accepted": "服务方接单",
    "rejected": "服务方退单",
    "started": "开始处理",
    "completed": "维修完成",
    "verified": "社区督查",
    "confirmed": "居民确认",
    "rated": "居民评价",
    "closed": "办结",
    "reopened": "重新打开",
    "cancelled": "撤销",
    "escalated": "督办提醒",
    "urged": "催办",
    "sent_back": "督查后返工",
    "follow_up": "回访",
    "duplicate_linked": "合并为重复报修",
}


@dataclass(frozen=True, slots=True)
class StatusLink:
    tenant: str
    ticket_id: str
    reporter: str  # the building code's reporter, e.g. qr:jinjiang/3: whom the gateway reads as
    building: str = ""  # the building's label on its code, e.g. 3栋


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), PURPOSE, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(secret: str, link: StatusLink) -> str:
    fields = [link.tenant, link.ticket_id, link.reporter, link.building]
    body = _b64(json.dumps(fields, separators=(",", ":"), ensure_ascii=False).encode())
    mac = _b64(hmac.new(_key(secret), f"{PREFIX}.{body}".encode(), hashlib.sha256).digest())
    return f"{PREFIX}.{body}.{mac}"


def verify(secret: str, token: str) -> StatusLink | None:
    """The link's contents, or None when it is malformed, altered or signed under another secret."""
    if len(token) > MAX_LINK_LEN or token.count(".") != 2:
        return None
    prefix, body, mac = token.split(".")
    if prefix != PREFIX:
        return None
    expected = _b64(hmac.new(_key(secret), f"{prefix}.{body}".encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(expected, mac):
        return None
    try:
        tenant, ticket_id, reporter, building = json.loads(_unb64(body))
    except (ValueError, TypeError):
        return None
    if not all(isinstance(x, str) and x for x in (tenant, ticket_id, reporter)) or not isinstance(
        building, str
    ):
        return None
    return StatusLink(tenant, ticket_id, reporter, building)


@dataclass(frozen=True)
class Step:
    name: str
    at: str
    status: str


def _local(ts, zone: ZoneInfo) -> str:
    moment = ts.ToDatetime(UTC).astimezone(zone)
    return f"{moment.month}月{moment.day}日 {moment.hour:02d}:{moment.minute:02d}"


def status_name(ticket: tpb.Ticket) -> str:
    return STATUS_NOTES.get(ticket.status, "处理中")


def steps(ticket: tpb.Ticket, zone: ZoneInfo) -> list[Step]:
    """The timeline without actors or notes: what happened, when, and the status it led to."""
    return [
        Step(
            STEP_NAMES.get(entry.action, "进展更新"),
            _local(entry.at, zone) if entry.HasField("at") else "",
            STATUS_NOTES.get(entry.to_status, ""),
        )
        for entry in ticket.timeline
    ]
