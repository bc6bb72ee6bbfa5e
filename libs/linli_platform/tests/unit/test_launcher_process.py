"""Processes started by the launcher do not outlive a launcher killed with SIGKILL."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from linli_platform.testing.launchers import wait_until

PARENT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from linli_platform.testing.launchers import Process
    child = Process("sleeper", [sys.executable, "-c", "import time; time.sleep(120)"], Path(sys.argv[1]))
    child.start()
    print(child.popen.pid, flush=True)
    time.sleep(120)
    """
)


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _exec_done(pid: int) -> bool:
    """setpriv arms the parent-death signal, then execs: the sleeper's command line means armed."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return False
    return b"setpriv" not in argv[0] and any(b"time.sleep(120)" in arg for arg in argv)


def test_a_child_is_stopped_when_the_launcher_is_killed(tmp_path):
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path / "sleeper.log")], stdout=subprocess.PIPE, text=True
    )
    child = int(parent.stdout.readline())
    wait_until(lambda: _exec_done(child), 10, "the child to exec past setpriv")
    assert _running(child)
    parent.kill()  # SIGKILL: no finally, no atexit
    parent.wait(10)
    wait_until(lambda: not _running(child), 10, "the orphaned child to stop")
