"""Open311 records built from the tickets contract: services, definitions, service requests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from google.protobuf.timestamp_pb2 import Timestamp
from linli.tickets.v1 import tickets_pb2 as tpb

from linli_gateway.open311.catalog import District, Service

S = tpb.TicketStatus
OPEN = (
    S.TICKET_STATUS_REPORTED,
    S.TICKET_STATUS_DISPATCHED,
    S.TICKET_STATUS_ACCEPTED,
    S.TICKET_STATUS_IN_PROGRESS,
    S.TICKET_STATUS_REJECTED,
)
CLOSED = (
    S.TICKET_STATUS_DONE,
    S.TICKET_STATUS_VERIFIED,
    S.TICKET_STATUS_CONFIRMED,
    S.TICKET_STATUS_CLOSED,
    S.TICKET_STATUS_CANCELLED,
)
STATUS_NOTES = {
    S.TICKET_STATUS_REPORTED: "已上报，等待派单",
    S.TICKET_STATUS_DISPATCHED: "已派单，等待接单",
    S.TICKET_STATUS_ACCEPTED: "已接单",
    S.TICKET_STATUS_IN_PROGRESS: "处理中",
    S.TICKET_STATUS_DONE: "已完工，等待社区督查",
    S.TICKET_STATUS_VERIFIED: "社区已督查，等待居民确认",
    S.TICKET_STATUS_CONFIRMED: "居民已确认",
    S.TICKET_STATUS_CLOSED: "已办结",
    S.TICKET_STATUS_REJECTED: "已退单，等待重新派单",
    S.TICKET_STATUS_CANCELLED: "已撤销",
}


def statuses_for(wanted: list[str]) -> list[int]:
    found: list[int] = []
    if "open" in wanted:
        found.extend(OPEN)
    if "closed" in wanted:
        found.extend(CLOSED)
    return found


def moment(ts: Timestamp, zone: ZoneInfo) -> str | None:
    if not ts.seconds and not ts.nanos:
        return None
    return datetime.fromtimestamp(ts.seconds, zone).isoformat()


def service_record(service: Service) -> dict:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        "metadata": True,
        "type": "realtime",
        "keywords": service.category,
        "group": service.group,
    }


def definition(service: Service, district: District) -> dict:
    attributes = []
    if not service.is_menu:
        attributes.append(
            {
                "variable": True,
                "code": "compound",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": "小区编号（也可用 address_id 提供）",
                "order": 1,
                "description": "所在小区",
                "values": [{"key": key, "name": name} for key, name in sorted(district.compounds.items())],
            }
        )
    attributes.append(
        {
            "variable": True,
            "code": "building",
            "datatype": "string",
            "required": False,
            "datatype_description": "楼栋编号，例如 3栋",
            "order": len(attributes) + 1,
            "description": "楼栋",
        }
    )
    return {"service_code": service.code, "attributes": attributes}


def request_record(ticket: tpb.Ticket, district: District) -> dict:
    code, name = district.service_name(ticket.category, ticket.menu_item_id, ticket.compound_id)
    compound_name = district.compounds.get(ticket.compound_id, ticket.compound_id)
    has_location = ticket.HasField("location") and (ticket.location.lat or ticket.location.lon)
    return {
        "service_request_id": ticket.id,
        "status": "closed" if ticket.status in CLOSED else "open",
        "status_notes": STATUS_NOTES.get(ticket.status, ""),
        "service_name": name,
        "service_code": code,
        "description": ticket.description,
        "agency_responsible": ticket.provider_id,
        "service_notice": "",
        "requested_datetime": moment(ticket.created_at, district.zone),
        "updated_datetime": moment(ticket.updated_at, district.zone)
        or moment(ticket.created_at, district.zone),
        "expected_datetime": moment(ticket.complete_by, district.zone),
        "address": f"{compound_name}{ticket.building_id}",
        "address_id": f"{ticket.compound_id}/{ticket.building_id}"
        if ticket.building_id
        else ticket.compound_id,
        "zipcode": "",
        "lat": ticket.location.lat if has_location else None,
        "long": ticket.location.lon if has_location else None,
        "media_url": ticket.photo_urls[0] if ticket.photo_urls else "",
    }
