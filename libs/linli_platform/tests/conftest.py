"""Chassis test support: a probe contract compiled once per session, served by a real in-process grpcio
server built with `build_server` (the full interceptor chain). The probe's RPCs pick their behaviour
from `ProbeRequest.name`, so one server covers every error path.
"""

from __future__ import annotations

import importlib
import io
import json
import logging
import sys
import tempfile
import threading
from pathlib import Path

import grpc
import grpc_tools
import pytest
from grpc_tools import protoc
from linli_platform import context as ctx
from linli_platform import errors
from linli_platform.config import DEV_JWT_SECRET, Settings
from linli_platform.events import decode, new_event
from linli_platform.grpc_server import ServiceSpec, build_server, roles
from linli_platform.logs import JsonFormatter
from pymongo.errors import AutoReconnect, ServerSelectionTimeoutError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SERVICE = "probe.v1.ProbeService"


def _compile_probe():
    out = Path(tempfile.mkdtemp(prefix="linli-probe-"))
    include = Path(grpc_tools.__file__).parent / "_proto"
    args = [
        "protoc",
        f"-I{HERE / 'protos'}",
        f"-I{ROOT / 'proto'}",
        f"-I{include}",
        f"--python_out={out}",
        "probe/v1/probe.proto",
    ]
    if protoc.main(args) != 0:
        raise RuntimeError("protoc failed on the probe contract")
    for pkg in (out / "probe", out / "probe" / "v1"):
        (pkg / "__init__.py").touch()
    sys.path.insert(0, str(out))
    return importlib.import_module("probe.v1.probe_pb2")


pb = _compile_probe()
probe_log = logging.getLogger("linli.probe")
SLOW_STARTED, SLOW_RELEASE = threading.Event(), threading.Event()
LOG_LINES = io.StringIO()


class ProbeServicer:
    """Behaviour by request name: ok, event, not_found, invalid, boom, abort, stream."""

    def Call(self, request, context):
        principal = ctx.current_principal()
        reply = pb.ProbeReply(
            echo=request.name,
            tenant=principal.tenant,
            role=principal.role,
            correlation_id=ctx.correlation_id(),
        )
        if request.name == "event":
            event = new_event(
                reply,
                source="probe",
                aggregate="probe",
                tenant_id=principal.tenant,
                aggregate_id=request.request_id,
            )
            reply.correlation_id = decode(event.value).correlation_id
            probe_log.info("probe event recorded")
        elif request.name == "not_found":
            raise errors.NotFound("probe not found")
        elif request.name == "invalid":
            raise errors.InvalidField([("main.sku", "is taken"), ("tags[1]", "is reserved")])
        elif request.name == "conflict":
            raise errors.Aborted("someone else won")
        elif request.name == "boom":
            raise RuntimeError("a bug")
        elif request.name == "db_down":  # what pymongo raises when no server answers in time
            raise ServerSelectionTimeoutError("127.0.0.1:27017: [Errno 111] Connection refused")
        elif request.name == "slow":  # held until the test releases it
            SLOW_STARTED.set()
            SLOW_RELEASE.wait(20)
        elif request.name == "abort":
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, "aborted by the handler")
        return reply

    @roles("district_admin", "platform_admin")
    def Admin(self, request, context):
        return pb.ProbeReply(echo="admin", role=ctx.current_principal().role)

    def Stream(self, request, context):
        for i in range(3):
            if request.name == "not_found" and i == 1:
                raise errors.NotFound("stream ran out")
            if request.name == "boom" and i == 1:
                raise RuntimeError("a bug mid-stream")
            if request.name == "db_down" and i == 1:
                raise AutoReconnect("connection closed mid-stream")
            yield pb.ProbeReply(echo=f"{request.name}-{i}")


def _add_probe(servicer, server) -> None:
    def unary(fn):
        return grpc.unary_unary_rpc_method_handler(
            fn,
            request_deserializer=pb.ProbeRequest.FromString,
            response_serializer=pb.ProbeReply.SerializeToString,
        )

    handlers = {
        "Call": unary(servicer.Call),
        "Admin": unary(servicer.Admin),
        "Stream": grpc.unary_stream_rpc_method_handler(
            servicer.Stream,
            request_deserializer=pb.ProbeRequest.FromString,
            response_serializer=pb.ProbeReply.SerializeToString,
        ),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))


def probe_settings() -> Settings:
    return Settings(
        service="probe",
        grpc_host="127.0.0.1",
        grpc_port=0,
        grpc_workers=4,
        grace_seconds=0.5,
        jwt_secret=DEV_JWT_SECRET,
        metrics_port=-1,
    )


@pytest.fixture(scope="session")
def probe():
    return pb


@pytest.fixture(scope="session")
def probe_server():
    handler = logging.StreamHandler(LOG_LINES)
    handler.setFormatter(JsonFormatter("probe"))
    probe_log.addHandler(handler)
    probe_log.setLevel(logging.INFO)
    running = build_server(probe_settings(), [ServiceSpec(ProbeServicer(), _add_probe, SERVICE)])
    yield running
    running.drain(0)
    probe_log.removeHandler(handler)


@pytest.fixture
def fresh_probe_server():
    """A probe server of its own (a test may drain it); `slow` calls wait for SLOW_RELEASE."""
    SLOW_STARTED.clear()
    SLOW_RELEASE.clear()
    running = build_server(probe_settings(), [ServiceSpec(ProbeServicer(), _add_probe, SERVICE)])
    yield running, SLOW_STARTED, SLOW_RELEASE
    SLOW_RELEASE.set()
    running.drain(0)


@pytest.fixture(scope="session")
def probe_channel(probe_server):
    with grpc.insecure_channel(f"127.0.0.1:{probe_server.port}") as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        yield channel


@pytest.fixture
def call(probe_channel):
    """call(method, request, metadata) → reply (raises grpc.RpcError)."""

    def invoke(method: str, request, metadata=(), stream: bool = False):
        path = f"/{SERVICE}/{method}"
        if stream:
            rpc = probe_channel.unary_stream(
                path,
                request_serializer=pb.ProbeRequest.SerializeToString,
                response_deserializer=pb.ProbeReply.FromString,
            )
            return list(rpc(request, metadata=list(metadata), timeout=10))
        rpc = probe_channel.unary_unary(
            path,
            request_serializer=pb.ProbeRequest.SerializeToString,
            response_deserializer=pb.ProbeReply.FromString,
        )
        return rpc(request, metadata=list(metadata), timeout=10)

    return invoke


@pytest.fixture
def probe_logs():
    """The JSON lines the probe servicer logged during the test."""
    LOG_LINES.seek(0)
    LOG_LINES.truncate()
    return lambda: [json.loads(line) for line in LOG_LINES.getvalue().splitlines() if line]


def valid_request(**changes):
    request = pb.ProbeRequest(
        request_id="r-1", name="ok", required_colour=pb.COLOUR_RED, required_item=pb.Item(sku="ABC-12", qty=1)
    )
    for key, value in changes.items():
        setattr(request, key, value)
    return request


@pytest.fixture(scope="session")
def make_request():
    return valid_request
