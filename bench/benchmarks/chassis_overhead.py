"""chassis_overhead: unary calls/s through the full chassis interceptor chain versus a bare grpcio server
serving the same echo, measured in the same run with 1 and 8 client threads. Goal: ≥ 0.85 of bare.

Each server runs in its own process (as in production); the client runs here. The two servers are
measured in paired rounds of alternating order; each figure is the median of five rounds.
"""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path
from statistics import median

import grpc
from harness import Result
from linli.common.v1.common_pb2 import PageRequest, PageResponse
from linli_platform.testing.fixtures import make_token

GOAL = 0.85
THREADS = (1, 8)
ROUNDS = 5
METHOD = "/linli.bench.v1.EchoService/Echo"


class EchoServer:
    def __init__(self, ctx, mode: str):
        script = Path(__file__).resolve().parent.parent / "echo_server.py"
        self.process = subprocess.Popen(
            [ctx.python, str(script), mode], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.port = int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.terminate()
        self.process.wait(10)


def calls_per_second(port: int, threads: int, seconds: float) -> float:
    metadata = [("authorization", f"Bearer {make_token('hanyang', 'resident')}")]
    request = PageRequest(page_size=20, page_token="abc")
    channels = [grpc.insecure_channel(f"127.0.0.1:{port}") for _ in range(threads)]
    counts = [0] * threads
    start = threading.Barrier(threads + 1)
    stop = threading.Event()

    def client(i: int) -> None:
        echo = channels[i].unary_unary(
            METHOD,
            request_serializer=PageRequest.SerializeToString,
            response_deserializer=PageResponse.FromString,
        )
        try:
            for _ in range(50):  # warm up: connection, handler cache
                echo(request, metadata=metadata, timeout=5)
        except grpc.RpcError:
            start.abort()  # the main thread's wait raises instead of hanging
            raise
        start.wait()
        n = 0
        while not stop.is_set():
            echo(request, metadata=metadata, timeout=5)
            n += 1
        counts[i] = n

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)  # the measurement window, not synchronisation
    stop.set()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - began
    for c in channels:
        c.close()
    return sum(counts) / elapsed


def run(ctx) -> list[Result]:
    bare, chassis = EchoServer(ctx, "bare"), EchoServer(ctx, "chassis")
    results = []
    try:
        for threads in THREADS:
            figures: dict[str, list[float]] = {"bare": [], "chassis": []}
            for round_ in range(ROUNDS):
                # Paired rounds in alternating order: a noisy moment hurts both servers alike.
                pair = [("bare", bare), ("chassis", chassis)]
                for mode, server in pair if round_ % 2 == 0 else pair[::-1]:
                    figures[mode].append(calls_per_second(server.port, threads, ctx.seconds / ROUNDS))
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
