"""Test systems listen on ports no outgoing connection can be handed meanwhile."""

from __future__ import annotations

import random
import subprocess
import sys

from linli_platform.testing import ports


def test_candidates_lie_outside_the_ephemeral_range():
    pool = ports.candidates((32768, 60999))
    assert pool and all(not 32768 <= p <= 60999 for p in pool)
    assert min(pool) == ports.LOWEST and max(pool) == 65535


def test_the_range_is_read_from_the_kernel_and_defaults_when_unreadable(tmp_path):
    path = tmp_path / "range"
    path.write_text("40000\t50000\n")
    assert ports.ephemeral_range(path) == (40000, 50000)
    assert ports.ephemeral_range(tmp_path / "missing") == (32768, 60999)


def test_a_picked_port_is_outside_the_machines_range_and_never_handed_out_twice():
    low, high = ports.ephemeral_range()
    picked = [ports.free_port() for _ in range(50)]
    try:
        assert len(set(picked)) == len(picked)
        assert all(not low <= p <= high for p in picked)
    finally:
        for port in picked:
            ports.release(port)


def test_a_port_reserved_by_another_process_is_not_handed_out(tmp_path):
    seed = 1234
    # The other process picks with the same random sequence, so this one would pick the same port first.
    script = (
        "import random, sys\n"
        "from linli_platform.testing import ports\n"
        f"print(ports.free_port(random.Random({seed})), flush=True)\n"
        "sys.stdin.read()\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        theirs = int(other.stdout.readline())
        mine = ports.free_port(random.Random(seed))
        assert mine != theirs
        ports.release(mine)
    finally:
        other.communicate("")
