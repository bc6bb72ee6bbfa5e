"""HTTP edge of linli: health, Open311 GeoReport v2 (/open311/v2/), scan-to-report (/r/<code>), a
compound's public ledger (/l/<code>, 收支公示)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from linli_platform import mongo
from linli_platform.logs import setup_logging
from linli_platform.metrics import serve_metrics
from prometheus_client import Counter, Histogram
from pymongo.errors import ConnectionFailure

from linli_gateway import admin
from linli_gateway.backends import Backends
from linli_gateway.ledger import page as ledger_page
from linli_gateway.open311 import routes as open311_routes
from linli_gateway.open311.catalog import Catalog
from linli_gateway.open311.formats import format_of, render_errors
from linli_gateway.open311.handlers import Open311
from linli_gateway.qr import page
from linli_gateway.settings import GatewaySettings
from linli_gateway.throttle import Throttle

log = logging.getLogger("linli.gateway")
HTTP_REQUESTS = Counter(
    "linli_http_requests_total", "HTTP requests the gateway answered.", ["area", "method", "code"]
)
HTTP_SECONDS = Histogram(
    "linli_http_request_seconds",
    "Latency of HTTP requests at the gateway.",
    ["area"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)


def _area(path: str) -> str:
    for prefix, area in (("/open311/", "open311"), ("/r/", "qr"), ("/l/", "ledger"), ("/admin/", "admin")):
        if path.startswith(prefix):
            return area
    return "other"


def create_app(
    settings: GatewaySettings, backends: Backends | None = None, clock: Callable[[], float] = time.monotonic
) -> FastAPI:
    """`clock` drives the rate limits' buckets (tests pass their own)."""
    app = FastAPI(title="linli gateway", docs_url=None, redoc_url=None, openapi_url=None)
    backends = backends or Backends(settings)
    catalog = Catalog(backends)
    secret = settings.jwt_secret.get_secret_value()
    throttle = Throttle(settings, clock)
    open311_routes.install(app, Open311(backends, catalog, throttle), throttle.client)
    app.include_router(page.router(backends, catalog, secret))
    app.include_router(ledger_page.router(backends, secret, catalog))
    app.include_router(admin.router(secret, settings.jwt_issuer))

    @app.exception_handler(ConnectionFailure)
    async def database_unreachable(request: Request, exc: ConnectionFailure):
        """The gateway's own database (api_keys, tokens) is down: a retry later may work, so 503."""
        path = request.url.path
        log.warning("database unreachable on %s %s: %s", request.method, path, exc)
        area = _area(path)
        if area == "open311":
            return render_errors(format_of(path), 503, ["服务暂时不可用，请稍后重试"])
        if area == "qr":
            return page.notice(503, page.UNAVAILABLE)
        return JSONResponse({"detail": "数据库暂时不可用，请稍后重试"}, status_code=503)

    @app.middleware("http")
    async def limit(request: Request, call_next):  # inside `measure`, so refusals are measured too
        return throttle.at_the_door(request) or await call_next(request)

    @app.middleware("http")
    async def measure(request: Request, call_next):
        begin, area = time.perf_counter(), _area(request.url.path)
        try:
            response = await call_next(request)
        except Exception:  # a bug: answer in the caller's format, log it, count it
            log.exception("unhandled error on %s", request.url.path)
            response = render_errors(format_of(request.url.path), 500, ["内部错误"])
        HTTP_REQUESTS.labels(area, request.method, str(response.status_code)).inc()
        HTTP_SECONDS.labels(area).observe(time.perf_counter() - begin)
        return response

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "ok"}

    return app


def main() -> None:
    settings = GatewaySettings()
    setup_logging("gateway", settings.log_level, settings.log_json)
    serve_metrics(settings.metrics_port)
    mongo.connect(settings)
    uvicorn.run(
        create_app(settings), host=settings.gateway_host, port=settings.gateway_port, log_level="warning"
    )


if __name__ == "__main__":
    main()
