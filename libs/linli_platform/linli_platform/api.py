"""The API process' main: settings, logs, database, then serve() until SIGTERM."""

from __future__ import annotations

from collections.abc import Callable

from linli_platform import mongo
from linli_platform.config import DEFAULT_GRPC_PORTS, Settings
from linli_platform.grpc_server import ServiceSpec, serve
from linli_platform.logs import setup_logging


def run_api(
    service: str, specs: Callable[[Settings], list[ServiceSpec]], settings_class: type[Settings] = Settings
) -> None:
    """`settings_class`: a service's own Settings subclass, whose fields `specs` may read."""
    settings = settings_class(service=service)
    if settings.grpc_port == 0:
        settings = settings.model_copy(update={"grpc_port": DEFAULT_GRPC_PORTS[service]})
    setup_logging(f"{service}-api", settings.log_level, settings.log_json)
    mongo.connect(settings)
    serve(settings, specs(settings))
