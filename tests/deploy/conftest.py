"""What the deployment files must cover, taken from the code: every topic a service publishes or consumes."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest
from linli_platform.aggregate import Aggregate
from linli_platform.config import SERVICES
from linli_platform.testing.code_classes import subclasses_of_the_code

ROOT = Path(__file__).resolve().parents[2]


def published_topics() -> set[str]:
    """`<SOURCE>.<NAME>.v1` of every aggregate in the services' domain packages."""
    for service in SERVICES:
        domain = importlib.import_module(f"linli_{service}.domain")
        for module in pkgutil.walk_packages(domain.__path__, f"linli_{service}.domain."):
            importlib.import_module(module.name)
    return {
        f"{cls.SOURCE}.{cls.NAME}.v1"
        for cls in subclasses_of_the_code(Aggregate)
        if getattr(cls, "SOURCE", None) and getattr(cls, "NAME", None)
    }


def _imported(module: str, name: str):
    """What `from module import name` binds: an attribute of the module, or a submodule."""
    try:
        return getattr(importlib.import_module(module), name)
    except AttributeError:
        return importlib.import_module(f"{module}.{name}")


def consumed_topics() -> set[str]:
    """Topics the workers' `@consume(...)` name, as literals or as names imported from other modules.

    The workers themselves are read, not imported (they monkey-patch the interpreter)."""
    topics: set[str] = set()
    for worker in sorted(ROOT.glob("services/*/linli_*/entrypoints/worker.py")):
        tree = ast.parse(worker.read_text())
        imported = {
            alias.asname or alias.name: (node.module, alias.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
            for alias in node.names
        }
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "consume"):
                continue
            for arg in call.args:
                value = arg.value if isinstance(arg, ast.Starred) else arg
                if isinstance(value, ast.Constant):
                    topics.add(value.value)
                elif isinstance(value, ast.Name) and value.id in imported:
                    named = _imported(*imported[value.id])
                    topics.update([named] if isinstance(named, str) else named)
                elif isinstance(value, ast.Attribute) and getattr(value.value, "id", None) in imported:
                    owner = _imported(*imported[value.value.id])
                    named = getattr(owner, value.attr)
                    topics.update([named] if isinstance(named, str) else named)
                elif isinstance(value, ast.Name) and value.id == "extra_topics":
                    continue  # notifications' LINLI_EXTRA_TOPICS: whatever an operator names
                else:
                    raise AssertionError(f"{worker}: cannot tell the topics of {ast.unparse(arg)}")
    return topics


@pytest.fixture(scope="session")
def every_topic() -> set[str]:
    topics = published_topics() | consumed_topics()
    assert "tickets.ticket.v1" in topics and "communities.config.v1" in topics
    return topics
