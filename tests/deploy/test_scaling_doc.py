"""The README's Scaling section gives a shard key (or says why none) for every collection the code keeps,
and each key it gives is a prefix of every unique index of that collection, as MongoDB requires."""

from __future__ import annotations

import fnmatch
import importlib
import pkgutil
import re
from pathlib import Path

from linli_platform.config import SERVICES
from linli_platform.testing.code_classes import subclasses_of_the_code
from mongoengine import Document

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [f"linli_{s}.adapters" for s in SERVICES] + ["linli_gateway", "linli_ledger", "linli_platform"]
SKIP_MODULES = ("entrypoints.worker", "linli_platform.worker", "testing")  # eventlet stays out; helpers


def collections() -> dict[str, list[tuple[str, ...]]]:
    """collection → the field lists of its unique indexes, over every document class of the code."""
    for name in PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, f"{name}."):
            if not any(skip in module.name for skip in SKIP_MODULES):
                importlib.import_module(module.name)
    found: dict[str, list[tuple[str, ...]]] = {}
    for document in subclasses_of_the_code(Document):
        meta = document._meta
        if meta.get("abstract") or not meta.get("collection"):
            continue
        unique = [
            tuple(f for f, _ in spec["fields"])
            for spec in meta.get("index_specs") or []
            if spec.get("unique")
        ]
        found.setdefault(meta["collection"], []).extend(unique)  # one name, several services
    return found


def _scaling_section() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("## Scaling", 1)[1].split("\n## ", 1)[0]


def _shard_keys(section: str) -> dict[str, str]:
    """`collection`, `other` → `{key}` pairs of the table, and collections named without a key."""
    keys: dict[str, str] = {}
    for row in section.splitlines():
        if not row.startswith("| ") or "→" not in row and "unsharded" not in row:
            continue
        for clause in row.split("|")[2].split(";"):
            names = re.findall(r"`([\w*]+)`", clause.split("→")[0])
            key = re.search(r"→ `\{([^}]*)\}`", clause)
            for name in names:
                keys[name] = key.group(1) if key else "unsharded"
    return keys


def test_every_collection_has_a_shard_key_in_the_readme():
    keys = _shard_keys(_scaling_section())
    missing = [c for c in collections() if not any(fnmatch.fnmatch(c, pattern) for pattern in keys)]
    assert not missing, f"give these a shard key in the README's Scaling section: {missing}"


def test_each_shard_key_prefixes_every_unique_index_of_its_collection():
    keys = _shard_keys(_scaling_section())
    for collection, unique in collections().items():
        pattern = next((p for p in keys if fnmatch.fnmatch(collection, p)), None)
        if pattern is None or keys[pattern] == "unsharded":
            continue
        key = tuple(part.strip() for part in keys[pattern].split(","))
        for index in unique:
            assert index[: len(key)] == key, f"{collection}: shard key {key} does not begin {index}"
