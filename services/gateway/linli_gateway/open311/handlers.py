"""One handler per Open311 call: parameters in, records out (the HTTP layer only picks the format)."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import grpc
from linli.common.v1 import common_pb2
from linli.tickets.v1 import tickets_pb2 as tpb
from linli_platform.errors import InvalidField
from linli_platform.protos import timestamp
from linli_platform.validation import validate
from pymongo.errors import ConnectionFailure

from linli_gateway.backends import Acting, Backends
from linli_gateway.open311 import inputs, keys, records
from linli_gateway.open311.catalog import Catalog, District, Service, reader
from linli_gateway.open311.errors import bad_request, forbidden, from_rpc, not_found
from linli_gateway.open311.inputs import Params

if TYPE_CHECKING:
    from linli_gateway.throttle import Throttle

ADDRESS_ID = re.compile(r"^([a-z0-9][a-z0-9-]{0,63})(?:/([^/<>&]{1,64}))?$")
CONTACT_FIELDS = ("email", "device_id", "account_id", "first_name", "last_name", "phone", "address_string")
KNOWN_ATTRIBUTES = ("compound", "building")
MAX_IDS = 50
log = logging.getLogger("linli.gateway.open311")


def located(params: Params) -> None:
    """GeoReport v2: a request names a place by lat and long, address_string or address_id."""
    lat, lon = params.get("lat"), params.get("long")
    if params.get("address_id") or params.get("address_string") or (lat and lon):
        return
    if lat or lon:
        raise bad_request(
            f"{'long' if lat else 'lat'}: 与 {'lat' if lat else 'long'} 一起提供（或提供 address_id）"
        )
    raise bad_request("lat: 缺少位置：请提供 lat 与 long、address_string 或 address_id 之一")


class Open311:
    def __init__(self, backends: Backends, catalog: Catalog, throttle: Throttle | None = None):
        self.backends = backends
        self.catalog = catalog
        self.throttle = throttle

    # -- services ------------------------------------------------------------------------------
    def district(self, params: Params) -> District:
        return self.catalog.district(inputs.jurisdiction(params))

    def services(self, params: Params) -> list[dict]:
        district = self.district(params)
        return [records.service_record(s) for s in district.services.values()]

    def definition(self, code: str, params: Params) -> dict:
        district = self.district(params)
        service = district.services.get(code)
        if service is None:
            raise not_found(f"service_code {code if inputs.SERVICE_CODE.fullmatch(code) else ''} 不存在")
        return records.definition(service, district)

    # -- reports -------------------------------------------------------------------------------
    def create(self, params: Params, client: str = "") -> list[dict]:
        district = self.district(params)
        key_id = keys.verify_key(district.tenant, params.get("api_key"))
        if self.throttle is not None:
            self.throttle.admit_open311_post(district.tenant, key_id, client)
        if key_id is None:
            raise forbidden("api_key 无效或已停用")
        service = district.services.get(inputs.matching(params, "service_code", inputs.SERVICE_CODE, True))
        if service is None:
            raise bad_request("service_code: 服务不存在")
        compound_id, building_id = self._place(params, service, district)
        description = inputs.text(params, "description", inputs.MAX_TEXT, required=True)
        lat = inputs.coordinate(params, "lat", 90)
        lon = inputs.coordinate(params, "long", 180)
        media = inputs.media_url(params)
        for name in CONTACT_FIELDS:  # accepted and checked, never stored: the ticket names no stranger
            inputs.text(params, name)
        located(params)
        request = tpb.CreateTicketRequest(
            request_id=uuid.uuid4().hex,
            compound_id=compound_id,
            building_id=building_id,
            description=description,
            channel="open311",
            photo_urls=[media] if media else [],
            category="" if service.is_menu else service.category,
            menu_item_id=service.item_id,
        )
        if lat is not None and lon is not None:
            request.location.CopyFrom(common_pb2.GeoPoint(lat=lat, lon=lon))
        ticket = self._call(
            self.backends.tickets.CreateTicket,
            request,
            Acting(district.tenant, "resident", f"open311:{key_id}"),
        )
        token = request.request_id
        try:
            keys.remember_token(district.tenant, token, ticket.id, key_id)
        except ConnectionFailure as err:
            # The ticket exists: a 503 would make the client file it again. Answer without the token
            # (optional in the spec when service_request_id is given).
            log.warning("token of ticket %s not stored, database unreachable: %s", ticket.id, err)
            token = None
        return [
            {
                "service_request_id": ticket.id,
                "token": token,
                "service_notice": "已受理，社区将尽快派单处理",
                "account_id": None,
            }
        ]

    def _place(self, params: Params, service: Service, district: District) -> tuple[str, str]:
        """(compound, building) from ``address_id`` (``<compound>``, ``<compound>/<building>``, or a
        building of the compound the attributes or a menu service name) and ``attribute[compound]`` /
        ``attribute[building]``. GeoReport v2 asks for a location: lat and long, address_string or
        address_id; a POST with none of them is a 400."""
        attributes = params.attributes()
        unknown = sorted(set(attributes) - set(KNOWN_ATTRIBUTES))
        if unknown:
            raise bad_request(f"attribute[{unknown[0][:40]}]: 未知属性")
        address_id = params.get("address_id")
        named_compound = service.compound_id or attributes.get("compound", "")
        from_address = ("", "")
        if address_id:
            match = ADDRESS_ID.fullmatch(address_id)
            if match and (match.group(2) or match.group(1) in district.compounds or not named_compound):
                from_address = (match.group(1), match.group(2) or "")
            elif named_compound and "/" not in address_id:  # a building's id (3栋) of the named compound
                from_address = ("", inputs.text(params, "address_id", 64))
            else:
                raise bad_request("address_id: 格式为 小区编号、小区编号/楼栋，或（已给出小区时）楼栋编号")
        building_attr = inputs.text(Params(list(attributes.items())), "building", 64)
        if building_attr and from_address[1] and building_attr != from_address[1]:
            raise bad_request("attribute[building]: 与 address_id 的楼栋不一致")
        building = building_attr or from_address[1]
        compound = named_compound or from_address[0]
        if not compound:
            raise bad_request("attribute[compound]: 必填（或提供 address_id）")
        for given in (attributes.get("compound", ""), from_address[0]):
            if given and given != compound:
                raise bad_request("attribute[compound]: 与服务或 address_id 的小区不一致")
        if compound not in district.compounds:
            raise bad_request("attribute[compound]: 小区不存在")
        return compound, building

    def token(self, token: str, params: Params) -> list[dict]:
        district = self.district(params)
        ticket_id = (
            keys.ticket_for_token(district.tenant, token) if inputs.REQUEST_ID.fullmatch(token) else None
        )
        if ticket_id is None:
            raise not_found("token 不存在")
        return [{"service_request_id": ticket_id, "token": token}]

    # -- queries -------------------------------------------------------------------------------
    def request(self, request_id: str, params: Params) -> list[dict]:
        district = self.district(params)
        ticket = self._get(district, request_id)
        if ticket is None:
            raise not_found("service_request_id 不存在")
        return [records.request_record(ticket, district)]

    def requests(self, params: Params) -> list[dict]:
        district = self.district(params)
        ids = params.get("service_request_id")
        if ids:  # the spec: other filters are ignored when ids are named
            wanted = [i.strip() for i in ids.split(",") if i.strip()]
            if len(wanted) > MAX_IDS:
                raise bad_request(f"service_request_id: 最多 {MAX_IDS} 个")
            found = (self._get(district, i) for i in wanted)
            return [records.request_record(t, district) for t in found if t is not None]
        # Open311 shows no totals: skip the tickets service's counting scan.
        query = tpb.ListTicketsRequest(
            page=common_pb2.PageRequest(page_size=inputs.page_size(params)), skip_total=True
        )
        query.statuses.extend(records.statuses_for(inputs.statuses(params)))
        start, end = inputs.date_window(params, district.zone, datetime.now(UTC))
        if start is not None:
            query.created_after.CopyFrom(timestamp(start))
        if end is not None:
            query.created_before.CopyFrom(timestamp(end))
        compound = params.get("address_id").split("/")[0]
        if compound:
            if compound not in district.compounds:
                raise bad_request("address_id: 小区不存在")
            query.compound_id = compound
        menu_item = ""
        code = inputs.matching(params, "service_code", inputs.SERVICE_CODE)
        if code:
            service = district.services.get(code)
            if service is None:
                raise bad_request("service_code: 服务不存在")
            query.category, menu_item = service.category, service.item_id
            if service.compound_id:
                query.compound_id = service.compound_id
        page = self._call(self.backends.tickets.ListTickets, query, reader(district.tenant))
        return [
            records.request_record(t, district)
            for t in page.tickets
            if not menu_item or t.menu_item_id == menu_item
        ]

    def _get(self, district: District, ticket_id: str):
        if not inputs.REQUEST_ID.fullmatch(ticket_id):
            return None
        try:
            return self.backends.call(
                self.backends.tickets.GetTicket,
                tpb.GetTicketRequest(ticket_id=ticket_id),
                reader(district.tenant),
            )
        except grpc.RpcError as err:
            if err.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise from_rpc(err) from err

    def _call(self, method, request, acting: Acting):
        try:
            validate(request)  # the contract's limits, checked before the call leaves the gateway
        except InvalidField as err:
            raise bad_request(*(f"{f}: {d}" for f, d in err.violations)) from err
        try:
            return self.backends.call(method, request, acting)
        except grpc.RpcError as err:
            raise from_rpc(err) from err
