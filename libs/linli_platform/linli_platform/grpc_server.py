"""serve(): a grpcio server with the chassis interceptor, health, reflection and graceful drain.

The interceptor runs, in order: metrics → authentication → tenant/correlation context →
request validation → the handler → error mapping. Wrapped handlers are cached per method, so
the chain costs a few dictionary lookups per call.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable
from concurrent import futures
from dataclasses import dataclass, field

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from linli_platform import context as ctx
from linli_platform.auth import Role, TokenVerifier
from linli_platform.config import Settings
from linli_platform.errors import DomainError, InvalidField, PermissionDenied, Unauthenticated
from linli_platform.metrics import (
    GRPC_HANDLED,
    GRPC_HANDLING_SECONDS,
    GRPC_MSG_RECEIVED,
    GRPC_MSG_SENT,
    GRPC_STARTED,
    serve_metrics,
)
from linli_platform.status import code_of, to_status, translated
from linli_platform.validation import validate

log = logging.getLogger("linli.grpc")
OPEN_PREFIXES = ("/grpc.health.v1.", "/grpc.reflection.")


def roles(*allowed: str):
    """Declare which roles may call an RPC (servicer method decorator). No roles: any principal."""
    named = frozenset(Role(role) for role in allowed)  # a misspelt role fails at import, not at call

    def mark(fn):
        fn.__linli_roles__ = named
        return fn

    return mark


@dataclass
class ServiceSpec:
    """One gRPC service to serve: its servicer and the generated registration function."""

    servicer: object
    add_to_server: Callable
    full_name: str  # e.g. "linli.tickets.v1.TicketsService"
    policies: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in dir(type(self.servicer)):
            allowed = getattr(getattr(type(self.servicer), name), "__linli_roles__", None)
            if allowed is not None:
                self.policies[f"/{self.full_name}/{name}"] = allowed


class ChassisInterceptor(grpc.ServerInterceptor):
    def __init__(self, settings: Settings, policies: dict[str, frozenset[str]]):
        self._tokens = TokenVerifier(settings.jwt_secret.get_secret_value(), settings.jwt_issuer)
        self._policies = policies
        self._cache: dict[str, grpc.RpcMethodHandler] = {}

    def intercept_service(self, continuation, handler_call_details):
        method = handler_call_details.method
        cached = self._cache.get(method)
        if cached is not None:
            return cached
        handler = continuation(handler_call_details)
        if handler is None or method.startswith(OPEN_PREFIXES):
            return handler
        wrapped = self._wrap(method, handler)
        self._cache[method] = wrapped
        return wrapped

    # -- wrapping ------------------------------------------------------------------------------
    def _wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        _, service, name = method.split("/")
        if handler.unary_unary:
            kind, inner, factory = "unary", handler.unary_unary, grpc.unary_unary_rpc_method_handler
        elif handler.unary_stream:
            kind, inner, factory = "server_stream", handler.unary_stream, grpc.unary_stream_rpc_method_handler
        elif handler.stream_unary:
            kind, inner, factory = "client_stream", handler.stream_unary, grpc.stream_unary_rpc_method_handler
        else:
            kind, inner, factory = "bidi_stream", handler.stream_stream, grpc.stream_stream_rpc_method_handler
        labels = (kind, service, name)
        started = GRPC_STARTED.labels(*labels)
        seconds = GRPC_HANDLING_SECONDS.labels(*labels)
        received = GRPC_MSG_RECEIVED.labels(*labels)
        sent = GRPC_MSG_SENT.labels(*labels)
        handled = {code: GRPC_HANDLED.labels(*labels, code.name) for code in grpc.StatusCode}
        allowed = self._policies.get(method)
        streaming_in = kind in ("client_stream", "bidi_stream")
        streaming_out = kind in ("server_stream", "bidi_stream")

        def checked_stream(requests: Iterable):
            for request in requests:
                received.inc()
                _check(request)
                yield request

        def behaviour(request_or_iterator, context: grpc.ServicerContext):
            begin = time.perf_counter()
            started.inc()
            code = grpc.StatusCode.OK
            metadata = context.invocation_metadata()
            p_token = c_token = None
            try:
                principal = self._authenticate(metadata, allowed)
                c_token = ctx.set_correlation_id(_metadata_value(metadata, ctx.CORRELATION_HEADER))
                p_token = ctx.set_principal(principal)
                if streaming_in:
                    request_or_iterator = checked_stream(request_or_iterator)
                else:
                    received.inc()
                    _check(request_or_iterator)
                result = inner(request_or_iterator, context)
                if streaming_out:
                    return _count_stream(result, sent, context)
                sent.inc()
                return result
            except DomainError as err:
                code = code_of(err)
                context.abort_with_status(to_status(err))
            except Exception as exc:
                aborted = context.code()
                if aborted not in (None, grpc.StatusCode.OK):  # the handler called context.abort()
                    code = aborted
                    raise
                if (known := translated(exc)) is not None:  # the database is away: retry, not a bug
                    code = code_of(known)
                    log.warning("%s in %s: %s", type(exc).__name__, method, exc)
                    context.abort_with_status(to_status(known))
                code = grpc.StatusCode.INTERNAL  # a bug: log it with its correlation id
                log.exception("unhandled error in %s", method)
                context.abort(code, f"internal error; correlation id {ctx.correlation_id()}")
            finally:
                handled[code].inc()
                seconds.observe(time.perf_counter() - begin)
                if p_token is not None:
                    ctx.reset_principal(p_token)
                if c_token is not None:
                    ctx.reset_correlation_id(c_token)

        return factory(
            behaviour,
            request_deserializer=_lenient(handler.request_deserializer),
            response_serializer=handler.response_serializer,
        )

    def _authenticate(self, metadata, allowed: frozenset[str] | None):
        token = None
        for key, value in metadata or ():
            if key == "authorization":
                if isinstance(value, str) and value[:7].lower() == "bearer ":
                    token = value[7:].strip()
                break
        if not token:
            raise Unauthenticated("missing bearer token (metadata 'authorization: Bearer <token>')")
        principal = self._tokens.verify(token)
        if allowed is not None and allowed and principal.role not in allowed:
            raise PermissionDenied(f"role {principal.role} may not call this method")
        return principal


def _count_stream(responses: Iterable, sent, context):
    try:
        for response in responses:
            sent.inc()
            yield response
    except DomainError as err:
        context.abort_with_status(to_status(err))
    except Exception as exc:
        if context.code() not in (None, grpc.StatusCode.OK):
            raise
        if (known := translated(exc)) is not None:
            context.abort_with_status(to_status(known))
        log.exception("unhandled error in a response stream")
        context.abort(grpc.StatusCode.INTERNAL, f"internal error; correlation id {ctx.correlation_id()}")


class _Malformed:
    """Bytes that do not parse as the request type: answered INVALID_ARGUMENT after authentication
    (grpcio itself would answer INTERNAL, which would claim a bug)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason


def _lenient(deserialize):
    if deserialize is None:
        return None

    def parse(data: bytes):
        try:
            return deserialize(data)
        except Exception as exc:  # DecodeError, invalid UTF-8 in a string field, …
            return _Malformed(f"is not a valid request message ({type(exc).__name__})")

    return parse


def _check(request) -> None:
    if isinstance(request, _Malformed):
        raise InvalidField([("request", request.reason)])
    validate(request)


def _metadata_value(metadata, key: str) -> str | None:
    for k, v in metadata or ():
        if k == key:
            return v
    return None


class RunningServer:
    """A started server: its port, its health servicer, and a way to drain it."""

    def __init__(self, server: grpc.Server, port: int, health_servicer, names: list[str], grace: float):
        self.server, self.port, self.health, self.names, self.grace = (
            server,
            port,
            health_servicer,
            names,
            grace,
        )

    def drain(self, grace: float | None = None) -> None:
        for name in [*self.names, ""]:
            self.health.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
        self.server.stop(self.grace if grace is None else grace).wait()

    def wait(self) -> None:
        self.server.wait_for_termination()


def build_server(settings: Settings, specs: list[ServiceSpec], port: int | None = None) -> RunningServer:
    policies: dict[str, frozenset[str]] = {}
    for spec in specs:
        policies.update(spec.policies)
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=settings.grpc_workers, thread_name_prefix="grpc"),
        interceptors=[ChassisInterceptor(settings, policies)],
        options=[("grpc.max_receive_message_length", 16 * 1024 * 1024), ("grpc.so_reuseport", 0)],
    )
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    names = []
    for spec in specs:
        spec.add_to_server(spec.servicer, server)
        names.append(spec.full_name)
    reflection.enable_server_reflection([*names, health.SERVICE_NAME, reflection.SERVICE_NAME], server)
    bound = server.add_insecure_port(f"{settings.grpc_host}:{settings.grpc_port if port is None else port}")
    server.start()
    for name in [*names, ""]:
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    return RunningServer(server, bound, health_servicer, names, settings.grace_seconds)


def serve(settings: Settings, specs: list[ServiceSpec]) -> None:
    """Run until SIGTERM/SIGINT, then stop taking calls and drain the ones in flight."""
    metrics_port = serve_metrics(settings.metrics_port)
    running = build_server(settings, specs)
    log.info(
        "serving",
        extra={"fields": {"port": running.port, "metrics_port": metrics_port, "services": running.names}},
    )
    stop = threading.Event()

    def on_signal(signum, _frame):
        log.info("draining", extra={"fields": {"signal": signum}})
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    stop.wait()
    running.drain()
    log.info("stopped")
