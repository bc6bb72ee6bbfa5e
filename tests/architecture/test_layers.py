"""The layering of DESIGN.md, checked on the code rather than trusted to habit.

- `domain/` pulls in no grpc, driver, broker or eventlet — checked by importing each domain module
  in a fresh interpreter and looking at what got loaded (so an indirect import counts too);
- `service_layer/` and `entrypoints/` never import mongoengine or pymongo, nor reach a collection
  (`_get_collection`, `.objects`, `.scoped`): stored documents are the adapters' business;
- no library under `libs/` imports a service.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p for p in (ROOT / "services").glob("*/linli_*") if p.is_dir())
SERVICE_PACKAGES = {p.name for p in SERVICES}
FORBIDDEN_IN_DOMAIN = ("grpc", "pymongo", "mongoengine", "kafka", "eventlet", "nameko", "bson")
DRIVERS = ("mongoengine", "pymongo", "bson")
COLLECTION_ACCESS = ("_get_collection", "objects", "scoped")


def modules_under(layer: str) -> list[Path]:
    return sorted(f for pkg in SERVICES for f in (pkg / layer).rglob("*.py") if f.name != "__init__.py")


def module_name(path: Path) -> str:
    package_root = next(p for p in SERVICES if p in path.parents).parent
    return ".".join(path.relative_to(package_root).with_suffix("").parts)


def imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_modules_pull_in_no_grpc_driver_broker_or_eventlet():
    names = [module_name(p) for p in modules_under("domain")]
    assert names, "no domain modules found"
    probe = (
        "import importlib, json, sys\n"
        f"forbidden = {FORBIDDEN_IN_DOMAIN!r}\n"
        "found = {}\n"
        "for name in json.loads(sys.argv[1]):\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(name)\n"
        "    loaded = {m.split('.')[0] for m in set(sys.modules)}\n"
        "    bad = sorted(set(forbidden) & loaded)\n"
        "    if bad:\n"
        "        found[name] = bad\n"
        "        for m in set(sys.modules) - before:\n"
        "            del sys.modules[m]\n"
        "print(json.dumps(found))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(names)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(done.stdout) == {}


@pytest.mark.parametrize("layer", ["service_layer", "entrypoints"])
def test_service_layers_and_entrypoints_never_touch_stored_documents(layer):
    problems = []
    for path in modules_under(layer):
        tree = ast.parse(path.read_text(), str(path))
        for name in imported(tree):
            if name.split(".")[0] in DRIVERS:
                problems.append(f"{path.relative_to(ROOT)} imports {name}")
            if ".adapters.documents" in name or name.endswith("_documents") or name.endswith("_docs"):
                problems.append(f"{path.relative_to(ROOT)} imports stored documents ({name})")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in COLLECTION_ACCESS:
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno} uses .{node.attr}")
    assert problems == []


def test_no_library_imports_a_service():
    problems = []
    for path in sorted((ROOT / "libs").glob("*/*/**/*.py")):
        if "linli_proto" in path.parts or "tests" in path.parts:
            continue
        for name in imported(ast.parse(path.read_text(), str(path))):
            if name.split(".")[0] in SERVICE_PACKAGES:
                problems.append(f"{path.relative_to(ROOT)} imports {name}")
    assert problems == []
