"""What the deployment files must cover, taken from the code: every topic a service publishes or consumes."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from linli_platform.aggregate import Aggregate
from linli_platform.config import SERVICES

ROOT = Path(__file__).resolve().parents[2]
CONSUMED = re.compile(r"@consume\(\s*\"([\w.]+)\"")


def _subclasses(cls: type):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def published_topics() -> set[str]:
    """`<SOURCE>.<NAME>.v1` of every aggregate in the services' domain packages."""
    for service in SERVICES:
        domain = importlib.import_module(f"linli_{service}.domain")
        for module in pkgutil.walk_packages(domain.__path__, f"linli_{service}.domain."):
            importlib.import_module(module.name)
    return {
        f"{cls.SOURCE}.{cls.NAME}.v1"
        for cls in _subclasses(Aggregate)
        if getattr(cls, "SOURCE", None) and getattr(cls, "NAME", None)
    }


def consumed_topics() -> set[str]:
    """Topics named in the workers' `@consume(...)` (workers are not imported: they monkey-patch)."""
    from linli_notifications.settings import COMMUNITIES_TOPICS, TICKETS_TOPICS

    named = {
        topic
        for worker in ROOT.glob("services/*/linli_*/entrypoints/worker.py")
        for topic in CONSUMED.findall(worker.read_text())
    }
    return named | set(COMMUNITIES_TOPICS) | set(TICKETS_TOPICS)


@pytest.fixture(scope="session")
def every_topic() -> set[str]:
    topics = published_topics() | consumed_topics()
    assert "tickets.ticket.v1" in topics and "communities.config.v1" in topics
    return topics
