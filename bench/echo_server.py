"""An echo gRPC server for chassis_overhead: bare grpcio, or the chassis' build_server (full interceptor
chain: metrics, auth, context, validation, error mapping). Prints its port, serves until stdin closes.

    python bench/echo_server.py bare|chassis
"""

from __future__ import annotations

import sys
from concurrent import futures

import grpc
from linli.common.v1.common_pb2 import PageRequest, PageResponse

SERVICE = "linli.bench.v1.EchoService"
WORKERS = 16


class Echo:
    def Echo(self, request, context):
        return PageResponse(next_page_token=request.page_token, total=request.page_size)


def add_echo(servicer, server) -> None:
    handler = grpc.unary_unary_rpc_method_handler(
        servicer.Echo,
        request_deserializer=PageRequest.FromString,
        response_serializer=PageResponse.SerializeToString,
    )
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, {"Echo": handler}),))


_running: list = []  # keeps the server alive (a collected grpc.Server stops)


def start(mode: str) -> int:
    if mode == "bare":
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=WORKERS))
        add_echo(Echo(), server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        _running.append(server)
        return port
    from linli_platform.config import Settings  # noqa: PLC0415
    from linli_platform.grpc_server import ServiceSpec, build_server  # noqa: PLC0415

    settings = Settings(service="bench", grpc_host="127.0.0.1", grpc_port=0, grpc_workers=WORKERS)
    running = build_server(settings, [ServiceSpec(Echo(), add_echo, SERVICE)])
    _running.append(running)
    return running.port


if __name__ == "__main__":
    print(start(sys.argv[1]), flush=True)
    sys.stdin.read()
