"""chassis_overhead: unary calls/s through the full chassis interceptor chain versus a bare grpcio server
serving the same echo, measured in the same run with 1 and 8 client threads. Goal: ≥ 0.85 of bare.

Each server runs in its own process (as in production); the client runs here. The two servers are
measured in paired rounds of alternating order; each figure is the median of five rounds.
"""

from __future__ import annotations

from statistics import median

import grpc
from harness import Result, ScriptServer, calls_per_second
from linli.common.v1.common_pb2 import PageRequest, PageResponse
from linli_platform.testing.fixtures import make_token

GOAL = 0.85
THREADS = (1, 8)
ROUNDS = 5
METHOD = "/linli.bench.v1.EchoService/Echo"


def echo_rate(port: int, threads: int, seconds: float) -> float:
    metadata = [("authorization", f"Bearer {make_token('hanyang', 'resident')}")]
    request = PageRequest(page_size=20, page_token="abc")
    channels = [grpc.insecure_channel(f"127.0.0.1:{port}") for _ in range(threads)]

    def make_call(i: int):
        echo = channels[i].unary_unary(
            METHOD,
            request_serializer=PageRequest.SerializeToString,
            response_deserializer=PageResponse.FromString,
        )
        return lambda: echo(request, metadata=metadata, timeout=5)

    try:
        return calls_per_second(threads, seconds, make_call, warmup=50)
    finally:
        for channel in channels:
            channel.close()


def run(ctx) -> list[Result]:
    bare = ScriptServer(ctx, "echo_server.py", "bare")
    chassis = ScriptServer(ctx, "echo_server.py", "chassis")
    results = []
    try:
        for threads in THREADS:
            figures: dict[str, list[float]] = {"bare": [], "chassis": []}
            for round_ in range(ROUNDS):
                # Paired rounds in alternating order: a noisy moment hurts both servers alike.
                pair = [("bare", bare), ("chassis", chassis)]
                for mode, server in pair if round_ % 2 == 0 else pair[::-1]:
                    figures[mode].append(echo_rate(server.port, threads, ctx.seconds / ROUNDS))
            label = "thread" if threads == 1 else "threads"
            results.append(
                Result.measured(
                    f"chassis_overhead[{threads} {label}]",
                    median(figures["chassis"]),
                    "calls/s",
                    baseline=median(figures["bare"]),
                    goal=GOAL,
                )
            )
    finally:
        bare.close()
        chassis.close()
    return results
