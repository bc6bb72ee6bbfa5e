"""HTTP routes of Open311 GeoReport v2: the format comes from the path's suffix (.json / .xml)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool

from linli_gateway.open311.errors import Open311Error, not_found
from linli_gateway.open311.formats import FORMATS, format_of, render, render_errors
from linli_gateway.open311.handlers import Open311
from linli_gateway.open311.inputs import MAX_BODY_BYTES, Params

PREFIX = "/open311/v2"
SPEC = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-23T00:00:00+08:00"
log = logging.getLogger("linli.gateway.open311")


def split_format(name: str) -> tuple[str, str]:
    stem, _, fmt = name.rpartition(".")
    if not stem or fmt not in FORMATS:
        raise not_found("未知路径：请以 .json 或 .xml 结尾")
    return stem, fmt


def query(request: Request) -> Params:
    return Params.from_body(request.scope.get("query_string", b""))


def router(open311: Open311, client_of: Callable[[Request], str]) -> APIRouter:
    api = APIRouter(prefix=PREFIX)

    @api.get("/discovery.{fmt}")
    def discovery(fmt: str, request: Request):
        _, fmt = split_format(f"discovery.{fmt}")
        url = str(request.base_url).rstrip("/") + PREFIX + "/"
        return render(
            fmt,
            "discovery",
            {
                "changeset": CHANGESET,
                "contact": "请联系所在区（街道）共享物业管理办公室",
                "key_service": "api_key 由区管理员在 linli 中签发",
                "endpoints": [
                    {
                        "specification": SPEC,
                        "url": url,
                        "changeset": CHANGESET,
                        "type": "production",
                        "formats": ["application/json", "text/xml"],
                    }
                ],
            },
        )

    @api.get("/services.{fmt}")
    def services(fmt: str, request: Request):
        _, fmt = split_format(f"services.{fmt}")
        return render(fmt, "services", open311.services(query(request)))

    @api.get("/services/{name}")
    def definition(name: str, request: Request):
        code, fmt = split_format(name)
        return render(fmt, "service_definition", open311.definition(code, query(request)))

    @api.post("/requests.{fmt}")
    async def create(fmt: str, request: Request):
        _, fmt = split_format(f"requests.{fmt}")
        params = Params.from_body(await _bounded_body(request))
        created = await run_in_threadpool(open311.create, params, client_of(request))
        return render(fmt, "service_requests", created)

    @api.get("/requests.{fmt}")
    def requests(fmt: str, request: Request):
        _, fmt = split_format(f"requests.{fmt}")
        return render(fmt, "service_requests", open311.requests(query(request)))

    @api.get("/requests/{name}")
    def one_request(name: str, request: Request):
        request_id, fmt = split_format(name)
        return render(fmt, "service_requests", open311.request(request_id, query(request)))

    @api.get("/tokens/{name}")
    def token(name: str, request: Request):
        token_id, fmt = split_format(name)
        return render(fmt, "service_requests", open311.token(token_id, query(request)))

    @api.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    def unknown(rest: str):
        raise not_found("未知路径")

    return api


async def _bounded_body(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise Open311Error(400, "请求过大")
        chunks.append(chunk)
    return b"".join(chunks)


def install(app: FastAPI, open311: Open311, client_of: Callable[[Request], str]) -> None:
    """`client_of` names the client address (the rate limits' key for a POST without a valid key)."""
    app.include_router(router(open311, client_of))

    @app.exception_handler(Open311Error)
    async def open311_error(request: Request, exc: Open311Error):
        return render_errors(format_of(request.url.path), exc.status, exc.descriptions, exc.headers)
