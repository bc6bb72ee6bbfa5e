"""Listening ports for test systems, taken where no outgoing connection can take them first.

A port picked by binding port 0 comes from the kernel's ephemeral range, the same range it hands to
every outgoing connection (the Kafka and Mongo clients of a running test system open many): released
and bound again by a server a moment later, it was taken meanwhile once in two clean-clone CI runs.
So ports come from outside that range (read from /proc), are checked free by a bind, and are held
by a lock file for the life of the process that picked them, so two test sessions on one machine
never hand out the same port either.
"""

from __future__ import annotations

import errno
import fcntl
import os
import random
import socket
import tempfile
from pathlib import Path

RANGE_FILE = Path("/proc/sys/net/ipv4/ip_local_port_range")
LOWEST = 20_000  # below: ports of well-known local services (8080, 9092, 9101–9116, 27017 …)
HIGHEST = 65_535
_LOCKS = Path(tempfile.gettempdir()) / "linli-test-ports"
_held: dict[int, int] = {}  # port → file descriptor of its lock, kept open while this process lives


def ephemeral_range(path: Path = RANGE_FILE) -> tuple[int, int]:
    """The kernel's ephemeral port range (32768–60999 by default)."""
    try:
        low, high = (int(part) for part in path.read_text().split())
    except (OSError, ValueError):
        return 32_768, 60_999
    return low, high


def candidates(ephemeral: tuple[int, int]) -> list[int]:
    """Ports outside the ephemeral range, above the well-known local services."""
    low, high = ephemeral
    return [p for p in range(LOWEST, HIGHEST + 1) if not low <= p <= high]


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _lock(port: int) -> bool:
    _LOCKS.mkdir(parents=True, exist_ok=True)
    fd = os.open(_LOCKS / str(port), os.O_CREAT | os.O_RDWR, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    _held[port] = fd
    return True


def free_port(rng: random.Random | None = None) -> int:
    """A free listening port outside the ephemeral range, reserved for this process."""
    pool = candidates(ephemeral_range())
    if not pool:
        raise RuntimeError("no ports outside the kernel's ephemeral range; narrow ip_local_port_range")
    choose = rng or random.SystemRandom()
    for _ in range(200):
        port = choose.choice(pool)
        if port in _held or not _bindable(port):
            continue
        if _lock(port):
            if _bindable(port):  # still free now that it is ours
                return port
            release(port)
    raise RuntimeError("no free port found outside the ephemeral range after 200 tries")


def release(port: int) -> None:
    """Give a reserved port back (a test that started and stopped its own server)."""
    fd = _held.pop(port, None)
    if fd is not None:
        os.close(fd)
