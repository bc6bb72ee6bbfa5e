"""The guides in docs/guides work as printed: every `$` line of their ```console blocks runs, in order,
in one shell per guide, against a started system (the reader's `make dev`)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from linli_platform.config import DEV_JWT_SECRET

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
GUIDES = ("onboard-a-community.md", "first-ticket.md", "operator-first-look.md")  # in reading order
HEREDOC = re.compile(r"<<-?'?(\w+)'?")


def commands(markdown: str) -> list[str]:
    """The commands of the ```console blocks: `$ ` lines, with `\\` continuations and heredocs;
    other lines are what the reader sees and are not run."""
    found: list[str] = []
    for block in re.findall(r"^```console\n(.*?)^```", markdown, re.S | re.M):
        lines, i = block.splitlines(), 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                i += 1
                continue
            command = [lines[i][2:]]
            while command[-1].endswith("\\") and i + 1 < len(lines):
                i += 1
                command.append(lines[i])
            heredoc = HEREDOC.search(command[0])
            if heredoc:
                while i + 1 < len(lines) and lines[i] != heredoc.group(1):
                    i += 1
                    command.append(lines[i])
            found.append("\n".join(command))
            i += 1
    return found


def test_the_extractor_keeps_continuations_and_heredocs_and_skips_output():
    text = "```console\n$ echo a \\\n    b\nshown\n$ cat > f <<'EOF'\nx\n$ not a command\nEOF\n$ ls\n```\n"
    assert commands(text) == ["echo a \\\n    b", "cat > f <<'EOF'\nx\n$ not a command\nEOF", "ls"]


def test_the_readme_points_to_every_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for guide in GUIDES:
        assert f"docs/guides/{guide}" in readme


@pytest.fixture(scope="module")
def environment(system, tmp_path_factory) -> dict[str, str]:
    manifest = tmp_path_factory.mktemp("guides") / "dev.json"
    system.write_manifest(manifest, system.tenants)
    addresses = {f"LINLI_{svc.upper()}_ADDR": system.address(svc) for svc in system.services}
    return {
        **os.environ,
        **addresses,
        "LINLI_GATEWAY_URL": f"http://127.0.0.1:{system.gateway_port}",
        "LINLI_JWT_SECRET": DEV_JWT_SECRET,
        "LINLI_DEV_MANIFEST": str(manifest),
    }


@pytest.mark.parametrize("guide", GUIDES)
def test_a_guide_runs_as_printed(environment, guide):
    steps = commands((ROOT / "docs" / "guides" / guide).read_text(encoding="utf-8"))
    assert len(steps) >= 5, steps
    script = "set -e\n" + "\n".join(
        f"printf '%s\\n' {shlex.quote('$ ' + s.splitlines()[0])}\n{s}" for s in steps
    )
    done = subprocess.run(
        ["bash", "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{guide} stopped:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
