"""The mobile report page behind a building's QR code: GET shows the form, POST files the ticket,
and `/r/s/<link>` follows it (qr/status.py).

The form preselects nothing (a 请选择 placeholder): the district's ``tickets.common_categories`` come
first, then its other categories by name, then the compound's menu items. Room and call-back phone are
optional: the room is added to the description (the provider needs it to find the place), the phone
never reaches the ticket — it goes to the community staff desk's inbox only (firms never see phones).
"""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path

import grpc
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from linli.notifications.v1 import notifications_pb2 as npb
from linli.tickets.v1 import tickets_pb2 as tpb
from linli_qr.tokens import BuildingCode, verify

from linli_gateway.backends import Acting, Backends
from linli_gateway.open311 import inputs
from linli_gateway.open311.catalog import Catalog, District, Service
from linli_gateway.open311.errors import Open311Error
from linli_gateway.qr import status

log = logging.getLogger("linli.gateway.qr")

MAX_DESCRIPTION = 2000
MAX_ROOM = 20
PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")
templates = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=select_autoescape(["html"])
)


def offered(district: District, compound_id: str) -> list[Service]:
    """Every service this building's page offers, in the order of `groups`."""
    return [service for _, services in groups(district, compound_id) for service in services]


def groups(district: District, compound_id: str) -> list[tuple[str, list[Service]]]:
    """常见问题 (the config's common categories, in order), 其他问题 (by name), 点菜单 (this compound's)."""
    categories = {s.code: s for s in district.services.values() if not s.is_menu}
    common = [categories[c] for c in district.common_categories if c in categories]
    rest = sorted((s for s in categories.values() if s not in common), key=lambda s: s.name)
    menu = [s for s in district.services.values() if s.is_menu and s.compound_id == compound_id]
    found = [("常见问题", common), ("其他问题" if common else "问题类型", rest), ("点菜单（上门服务）", menu)]
    return [(label, services) for label, services in found if services]


def _page(name: str, status: int = 200, headers: dict[str, str] | None = None, **values) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**values), status_code=status, headers=headers)


def notice(status: int, message: str, headers: dict[str, str] | None = None) -> HTMLResponse:
    """A page that says why nothing happened (too many reports, the service unreachable)."""
    return _page("notice.html", status, headers, message=message)


UNAVAILABLE = "服务暂时不可用，请稍后再试"


def router(backends: Backends, catalog: Catalog, secret: str) -> APIRouter:
    api = APIRouter()

    def place(token: str) -> tuple[BuildingCode, District] | HTMLResponse:
        code = verify(secret, token)
        if code is None:
            return _page("invalid.html", 404, message="二维码无效或已停用")
        try:
            district = catalog.district(code.tenant)
        except Open311Error as err:
            if err.status == 404:  # the district is gone: its codes are void
                return _page("invalid.html", 404, message="二维码无效或已停用")
            return notice(503, UNAVAILABLE)
        if code.compound_id not in district.compounds:
            return _page("invalid.html", 404, message="该小区已不在本系统中")
        return code, district

    def form(
        code: BuildingCode,
        district: District,
        status: int = 200,
        error: str = "",
        chosen: str = "",
        description: str = "",
        request_id: str = "",
        room: str = "",
        phone: str = "",
    ) -> HTMLResponse:
        return _page(
            "report.html",
            status,
            compound_name=district.compounds[code.compound_id],
            building=code.label,
            groups=groups(district, code.compound_id),
            chosen=chosen,
            description=description,
            room=room,
            phone=phone,
            error=error,
            max_len=MAX_DESCRIPTION,
            room_len=MAX_ROOM,
            request_id=request_id or uuid.uuid4().hex,
        )

    @api.get("/r/{token}", response_class=HTMLResponse)
    def show(token: str):
        found = place(token)
        return found if isinstance(found, HTMLResponse) else form(*found)

    @api.post("/r/{token}", response_class=HTMLResponse)
    async def submit(token: str, request: Request):
        found = place(token)
        if isinstance(found, HTMLResponse):
            return found
        code, district = found
        body = await request.body()
        return await run_in_threadpool(file_report, code, district, body)

    def file_report(code: BuildingCode, district: District, body: bytes) -> HTMLResponse:
        try:
            params = inputs.Params.from_body(body)
            chosen = params.get("service")
            request_id = inputs.matching(params, "request_id", inputs.REQUEST_ID, required=True)
        except Open311Error as err:
            return form(code, district, 400, error=err.descriptions[0])
        service = {s.code: s for s in offered(district, code.compound_id)}.get(chosen)
        description = params.get("description")
        retry = {
            "chosen": chosen,
            "description": description[:MAX_DESCRIPTION],
            "request_id": request_id,
            "room": params.get("room")[:MAX_ROOM],
            "phone": params.get("phone")[:20],
        }
        if service is None:
            return form(code, district, 400, error="请选择问题类型", **retry)
        try:
            description = inputs.text(params, "description", MAX_DESCRIPTION, required=True)
            room = inputs.text(params, "room", MAX_ROOM)
            phone = inputs.text(params, "phone", 20)
        except Open311Error as err:
            message = err.descriptions[0]
            for field, label in (("description", "问题描述"), ("room", "房间号"), ("phone", "回电电话")):
                message = message.replace(field, label, 1) if message.startswith(field) else message
            return form(code, district, 400, error=message, **retry)
        if phone and not PHONE.fullmatch(phone):
            return form(code, district, 400, error="回电电话：请填写手机号或座机号（只含数字）", **retry)
        with_room = f"{description}（房间：{room}）" if room else description
        if len(with_room) > MAX_DESCRIPTION:
            return form(code, district, 400, error=f"问题描述：连同房间号最多 {MAX_DESCRIPTION} 字", **retry)
        request = tpb.CreateTicketRequest(
            request_id=request_id,
            compound_id=code.compound_id,
            building_id=code.building_id,
            description=with_room,
            channel="qr",
            menu_item_id=service.item_id,
            category="" if service.is_menu else service.category,
        )
        reporter = f"qr:{code.compound_id}/{code.building_id}"
        acting = Acting(code.tenant, "resident", reporter)
        try:
            ticket = backends.call(backends.tickets.CreateTicket, request, acting)
        except grpc.RpcError as err:
            bad = err.code() == grpc.StatusCode.INVALID_ARGUMENT
            message = "提交的内容不符合要求，请修改后重试" if bad else "提交失败，请稍后重试"
            return form(code, district, 400 if bad else 503, error=message, **retry)
        phone_note = ""
        if phone:
            passed = call_back(code, district, ticket.id, room, phone)
            phone_note = (
                "回电电话已转交社区工作人员。" if passed else "回电电话暂未能转交社区，请直接联系网格员。"
            )
        link = status.sign(secret, status.StatusLink(code.tenant, ticket.id, reporter, code.label))
        return _page(
            "done.html",
            compound_name=district.compounds[code.compound_id],
            building=code.label,
            ticket_id=ticket.id,
            service_name=service.name,
            description=ticket.description,
            phone_note=phone_note,
            status_url=f"/r/s/{link}",
        )

    def call_back(code: BuildingCode, district: District, ticket_id: str, room: str, phone: str) -> bool:
        """The phone to the staff desk of the compound's community (never onto the ticket)."""
        community = district.communities.get(code.compound_id, "")
        place = f"{district.compounds[code.compound_id]}·{code.label}" + (f"·{room}" if room else "")
        message = npb.SendDirectMessageRequest(
            request_id=f"qr-phone-{ticket_id}",
            recipient=f"staff:{community}" if community else "staff",
            title="扫码报修：居民请求回电",
            body=f"工单 {ticket_id}（{place}）的报修人留下回电电话：{phone}",
        )
        try:
            backends.call(
                backends.notifications.SendDirectMessage,
                message,
                Acting(code.tenant, "community_staff", "gateway:qr"),
            )
        except grpc.RpcError as err:
            log.warning("call-back phone of ticket %s not passed on: %s", ticket_id, err.code().name)
            return False
        return True

    @api.get("/r/s/{link}", response_class=HTMLResponse)
    def follow(link: str):
        found = status.verify(secret, link)
        if found is None:
            return _page("invalid.html", 404, message="链接无效：请使用提交报修后得到的链接")
        try:
            district = catalog.district(found.tenant)
        except Open311Error as err:
            if err.status == 404:
                return _page("invalid.html", 404, message="链接无效：请使用提交报修后得到的链接")
            return notice(503, UNAVAILABLE)
        acting = Acting(found.tenant, "resident", found.reporter)
        try:
            ticket = backends.call(
                backends.tickets.GetTicket, tpb.GetTicketRequest(ticket_id=found.ticket_id), acting
            )
        except grpc.RpcError as err:
            if err.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED):
                return _page("invalid.html", 404, message="未找到这条报修")
            return notice(503, UNAVAILABLE)
        _, service_name = district.service_name(ticket.category, ticket.menu_item_id, ticket.compound_id)
        compound = district.compounds.get(ticket.compound_id, ticket.compound_id)
        return _page(
            "status.html",
            place=f"{compound} · {found.building}" if found.building else compound,
            ticket_id=ticket.id,
            category=service_name,
            state=status.status_name(ticket),
            steps=status.steps(ticket, district.zone),
        )

    return api
