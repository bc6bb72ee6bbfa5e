"""patches: a file or inline, a JSON 6902 list or a strategic merge, aimed by kind, name and label
selector. Strategic merge knows the merge keys of the lists deploy/k8s patches; any other list is
replaced, as kustomize does for lists without a merge key."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

from kustomize_lite.objects import Built, RenderError, object_name

# Strategic merge: the key that identifies an item of these lists (from the Kubernetes API's
# x-kubernetes-patch-merge-key). `ports` is keyed by containerPort in a container, by port in a Service.
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "imagePullSecrets": "name",
}


def apply_patch(built: Built, directory: Path, patch: dict) -> None:
    if set(patch) - {"path", "patch", "target"}:
        raise RenderError(f"patches: unknown {sorted(set(patch) - {'path', 'patch', 'target'})}")
    text = (directory / patch["path"]).read_text() if "path" in patch else patch["patch"]
    docs = [doc for doc in yaml.safe_load_all(text) if doc is not None]
    if len(docs) == 1 and isinstance(docs[0], list):  # JSON 6902
        targets = _select(built.resources, patch.get("target"))
        if not targets:
            raise RenderError(f"patch matches nothing: {patch.get('target')}")
        for resource in targets:
            for operation in docs[0]:
                _json6902(resource, operation)
        return
    for doc in docs:  # strategic merge: each document names its target by kind and name
        target = patch.get("target") or {"kind": doc["kind"], "name": doc["metadata"]["name"]}
        targets = _select(built.resources, target)
        if not targets:
            raise RenderError(f"patch matches nothing: {target}")
        for resource in targets:
            body = {k: v for k, v in doc.items() if k not in ("apiVersion", "kind")}
            body["metadata"] = {k: v for k, v in doc.get("metadata", {}).items() if k != "name"}
            _strategic_merge(resource, body, resource["kind"])


def _select(resources: list[dict], target: dict | None) -> list[dict]:
    if not target:
        raise RenderError("a JSON 6902 patch needs a target")
    if set(target) - {"kind", "name", "labelSelector", "group", "version"}:
        raise RenderError(f"target: unknown {sorted(set(target))}")
    chosen = []
    for resource in resources:
        if "kind" in target and resource["kind"] != target["kind"]:
            continue
        if "name" in target and object_name(resource) != target["name"]:
            continue
        if "labelSelector" in target and not _matches(resource, target["labelSelector"]):
            continue
        chosen.append(resource)
    return chosen


SET_TERM = re.compile(r"^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$")
EQUALITY_TERM = re.compile(r"^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$")


def _matches(resource: dict, selector: str) -> bool:
    """A label selector of `key=value`, `key!=value`, `key in (a,b)` and `key notin (a,b)` terms."""
    labels = resource["metadata"].get("labels", {})
    for term in re.split(r",(?![^(]*\))", selector):
        term = term.strip()
        if found := SET_TERM.match(term):
            key, op, values = found.groups()
            inside = labels.get(key) in {v.strip() for v in values.split(",")}
            if inside != (op == "in"):
                return False
        elif found := EQUALITY_TERM.match(term):
            key, op, value = found.groups()
            if (labels.get(key) == value) != (op != "!="):
                return False
        else:
            raise RenderError(f"label selector term not supported: {term!r}")
    return True


def _pointer(path: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in path.lstrip("/").split("/")]


def _json6902(resource: dict, operation: dict) -> None:
    op, parts = operation["op"], _pointer(operation["path"])
    parent: Any = resource
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent[part]
    last = parts[-1]
    if op in ("add", "replace"):
        value = copy.deepcopy(operation["value"])
        if isinstance(parent, list):
            if op == "add":
                parent.insert(len(parent) if last == "-" else int(last), value)
            else:
                parent[int(last)] = value
        else:
            if op == "replace" and last not in parent:
                raise RenderError(f"replace {operation['path']}: nothing there in {object_name(resource)}")
            parent[last] = value
    elif op == "remove":
        if isinstance(parent, list):
            del parent[int(last)]
        else:
            del parent[last]
    else:
        raise RenderError(f"JSON 6902 op not supported: {op}")


def _strategic_merge(base: dict, patch: dict, kind: str) -> None:
    for key, value in patch.items():
        if value is None:
            base.pop(key, None)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            _strategic_merge(base[key], value, kind)
        elif isinstance(value, list) and isinstance(base.get(key), list) and _merge_key(key, kind):
            _merge_list(base[key], value, _merge_key(key, kind), kind)
        else:
            base[key] = copy.deepcopy(value)


def _merge_key(field_name: str, kind: str) -> str | None:
    if field_name == "ports":
        return "port" if kind == "Service" else "containerPort"
    return MERGE_KEYS.get(field_name)


def _merge_list(base: list, patch: list, key: str, kind: str) -> None:
    """Items named by the patch first, in its order, then the other items as they were (kustomize's order)."""
    merged = []
    for item in patch:
        found = next((b for b in base if isinstance(b, dict) and b.get(key) == item.get(key)), None)
        if found is not None:
            base.remove(found)
        if item.get("$patch") == "delete":
            continue
        if found is None:
            merged.append(copy.deepcopy(item))
        else:
            _strategic_merge(found, item, kind)
            merged.append(found)
    base[:] = merged + base
