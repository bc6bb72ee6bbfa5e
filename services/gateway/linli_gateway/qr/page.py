"""The mobile report page behind a building's QR code: GET shows the form, POST files the ticket."""

from __future__ import annotations

import uuid
from pathlib import Path

import grpc
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from linli.tickets.v1 import tickets_pb2 as tpb
from linli_qr.tokens import BuildingCode, verify

from linli_gateway.backends import Acting, Backends
from linli_gateway.open311 import inputs
from linli_gateway.open311.catalog import Catalog, District, Service
from linli_gateway.open311.errors import Open311Error

MAX_DESCRIPTION = 2000
templates = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=select_autoescape(["html"])
)


def offered(district: District, compound_id: str) -> list[Service]:
    """The district's categories, then this compound's menu items (点菜单)."""
    services = list(district.services.values())
    return [s for s in services if not s.is_menu] + [s for s in services if s.compound_id == compound_id]


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
    ) -> HTMLResponse:
        return _page(
            "report.html",
            status,
            compound_name=district.compounds[code.compound_id],
            building=code.label,
            services=offered(district, code.compound_id),
            chosen=chosen,
            description=description,
            error=error,
            max_len=MAX_DESCRIPTION,
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
        retry = {"chosen": chosen, "description": description[:MAX_DESCRIPTION], "request_id": request_id}
        if service is None:
            return form(code, district, 400, error="请选择问题类型", **retry)
        try:
            description = inputs.text(params, "description", MAX_DESCRIPTION, required=True)
        except Open311Error as err:
            message = err.descriptions[0].replace("description", "问题描述")
            return form(code, district, 400, error=message, **retry)
        request = tpb.CreateTicketRequest(
            request_id=request_id,
            compound_id=code.compound_id,
            building_id=code.building_id,
            description=description,
            channel="qr",
            menu_item_id=service.item_id,
            category="" if service.is_menu else service.category,
        )
        acting = Acting(code.tenant, "resident", f"qr:{code.compound_id}/{code.building_id}")
        try:
            ticket = backends.call(backends.tickets.CreateTicket, request, acting)
        except grpc.RpcError as err:
            bad = err.code() == grpc.StatusCode.INVALID_ARGUMENT
            message = "提交的内容不符合要求，请修改后重试" if bad else "提交失败，请稍后重试"
            return form(code, district, 400 if bad else 503, error=message, **retry)
        return _page(
            "done.html",
            compound_name=district.compounds[code.compound_id],
            building=code.label,
            ticket_id=ticket.id,
            service_name=service.name,
            description=ticket.description,
        )

    return api
