"""HTTP edge of linli: health now; Open311 GeoReport v2 and scan-to-report arrive with Tickets."""

from __future__ import annotations

import os

import uvicorn
from fastapi import FastAPI
from linli_platform.config import Settings
from linli_platform.logs import setup_logging
from linli_platform.metrics import serve_metrics


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="linli gateway", docs_url=None, redoc_url=None)

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "ok"}

    return app


def main() -> None:
    settings = Settings(service="gateway")
    setup_logging("gateway", settings.log_level, settings.log_json)
    serve_metrics(settings.metrics_port)
    port = int(os.environ.get("LINLI_GATEWAY_PORT", "8080"))
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
