"""Render a kustomization offline, as `kubectl kustomize --load-restrictor LoadRestrictionsNone` does.

    python deploy/k8s/render.py deploy/k8s/overlays/prod > linli.yaml

No kustomize binary is needed (none is installed here, and CI has no other source of one): this renders
the subset of kustomize that deploy/k8s uses, and refuses every field it does not know rather than
ignoring it, so what it prints is what kustomize prints (tests/deploy/test_k8s.py compares the two
whenever kubectl is on the machine). Supported:
  resources (files and directories), namespace, images (newName/newTag/digest),
  configMapGenerator (literals, files, envs; behavior create/merge/replace; the content-hash suffix and
  every reference to the ConfigMap renamed with it), generatorOptions (disableNameSuffixHash, labels,
  annotations), patches (a file or inline; strategic merge or a JSON 6902 list; target by kind, name
  and label selector).
Strategic merge knows the merge keys of the fields deploy/k8s patches (containers, env, volumes, ports,
volumeMounts); any other list is replaced, as kustomize does for lists without a merge key.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KNOWN_FIELDS = {
    "apiVersion",
    "kind",
    "resources",
    "namespace",
    "images",
    "configMapGenerator",
    "generatorOptions",
    "patches",
}
CLUSTER_SCOPED = {
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "PersistentVolume",
    "StorageClass",
    "PriorityClass",
    "APIService",
}
# The order `kubectl apply` wants: what others refer to comes first.
ORDER = [
    "Namespace",
    "ServiceAccount",
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "ConfigMap",
    "Secret",
    "Service",
    "PersistentVolumeClaim",
    "NetworkPolicy",
    "Deployment",
    "StatefulSet",
    "PodDisruptionBudget",
    "HorizontalPodAutoscaler",
    "Job",
]
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


class RenderError(ValueError):
    pass


@dataclass
class Built:
    resources: list[dict] = field(default_factory=list)
    # ConfigMaps made by a generator: name before its hash → whether it gets the hash suffix.
    generated: dict[str, bool] = field(default_factory=dict)


def render(directory: Path | str) -> list[dict]:
    """Every object the kustomization in `directory` makes, generated names final, in apply order."""
    built = _build(Path(directory).resolve())
    _suffix_generated_names(built)
    rank = {kind: i for i, kind in enumerate(ORDER)}
    return sorted(built.resources, key=lambda r: (rank.get(r["kind"], len(ORDER)), _name(r)))


def render_text(directory: Path | str) -> str:
    return yaml.safe_dump_all(render(directory), sort_keys=False, allow_unicode=True)


# --- one kustomization ------------------------------------------------------------------------------


def _build(directory: Path) -> Built:
    path = directory / "kustomization.yaml"
    if not path.is_file():
        raise RenderError(f"no kustomization.yaml in {directory}")
    spec = yaml.safe_load(path.read_text()) or {}
    unknown = set(spec) - KNOWN_FIELDS
    if unknown:
        raise RenderError(f"{path}: this renderer does not know {sorted(unknown)}")
    built = Built()
    for entry in spec.get("resources", []):
        target = (directory / entry).resolve()
        if target.is_dir():
            inner = _build(target)
            built.resources += inner.resources
            built.generated.update(inner.generated)
        else:
            built.resources += [doc for doc in yaml.safe_load_all(target.read_text()) if doc]
    options = spec.get("generatorOptions", {})
    for generator in spec.get("configMapGenerator", []):
        _generate(built, directory, generator, options)
    for patch in spec.get("patches", []):
        _patch(built, directory, patch)
    for image in spec.get("images", []):
        _set_image(built.resources, image)
    if "namespace" in spec:
        _set_namespace(built.resources, spec["namespace"])
    return built


def _name(resource: dict) -> str:
    return resource["metadata"]["name"]


# --- configMapGenerator -----------------------------------------------------------------------------


def _generate(built: Built, directory: Path, generator: dict, options: dict) -> None:
    known = {"name", "behavior", "literals", "files", "envs", "options"}
    if set(generator) - known:
        raise RenderError(f"configMapGenerator: unknown {sorted(set(generator) - known)}")
    data: dict[str, str] = {}
    for env_file in generator.get("envs", []):
        for line in (directory / env_file).read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                data[key] = value
    for literal in generator.get("literals", []):
        key, _, value = literal.partition("=")
        data[key] = value
    for entry in generator.get("files", []):
        key, sep, source = entry.partition("=")
        source = source if sep else key
        data[key if sep else Path(source).name] = (directory / source).read_text()
    name, behavior = generator["name"], generator.get("behavior", "create")
    existing = [r for r in built.resources if r["kind"] == "ConfigMap" and _name(r) == name]
    merged_options = {**options, **generator.get("options", {})}
    if behavior == "create":
        if existing:
            raise RenderError(f"configMapGenerator {name}: exists already (use behavior merge or replace)")
        config_map = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data}
        built.resources.append(config_map)
    elif behavior in ("merge", "replace"):
        if len(existing) != 1:
            raise RenderError(f"configMapGenerator {name}: behavior {behavior} needs one ConfigMap to change")
        config_map = existing[0]
        config_map["data"] = {**config_map.get("data", {}), **data} if behavior == "merge" else data
    else:
        raise RenderError(f"configMapGenerator {name}: unknown behavior {behavior}")
    for key in ("labels", "annotations"):
        if merged_options.get(key):
            config_map["metadata"].setdefault(key, {}).update(merged_options[key])
    if set(merged_options) - {"labels", "annotations", "disableNameSuffixHash"}:
        raise RenderError(f"generatorOptions: unknown {sorted(set(merged_options))}")
    built.generated[name] = not merged_options.get("disableNameSuffixHash", False)


def config_map_hash(config_map: dict) -> str:
    """kustomize's name suffix: sha256 of the ConfigMap's JSON (Go's encoding), 10 characters.

    kustomize 5 means to hash the name too, but looks it up as one field called "metadata/name", finds
    nothing and hashes "": so does this, or the names would differ from kustomize's."""
    encoded = {"kind": "ConfigMap", "name": "", "data": config_map.get("data", {})}
    text = json.dumps(encoded, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # Go's json.Marshal escapes these where Python leaves them as they are.
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return digest.translate(str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"}))


def _suffix_generated_names(built: Built) -> None:
    renamed: dict[tuple[str | None, str], str] = {}
    for resource in built.resources:
        if resource["kind"] == "ConfigMap" and built.generated.get(_name(resource)):
            new = f"{_name(resource)}-{config_map_hash(resource)}"
            renamed[(resource["metadata"].get("namespace"), _name(resource))] = new
            resource["metadata"]["name"] = new
    for resource in built.resources:
        namespace = resource["metadata"].get("namespace")
        for holder, key in _config_map_references(resource):
            new = renamed.get((namespace, holder[key]))
            if new:
                holder[key] = new


def _config_map_references(resource: dict):
    """(dict, key) of every place a pod template names a ConfigMap."""
    pod = _pod_spec(resource)
    if pod is None:
        return
    for volume in pod.get("volumes", []):
        if "configMap" in volume:
            yield volume["configMap"], "name"
        for source in volume.get("projected", {}).get("sources", []):
            if "configMap" in source:
                yield source["configMap"], "name"
    for container in pod.get("containers", []) + pod.get("initContainers", []):
        for env_from in container.get("envFrom", []):
            if "configMapRef" in env_from:
                yield env_from["configMapRef"], "name"
        for env in container.get("env", []):
            ref = env.get("valueFrom", {}).get("configMapKeyRef")
            if ref:
                yield ref, "name"


def _pod_spec(resource: dict) -> dict | None:
    spec = resource.get("spec", {})
    if resource["kind"] == "Pod":
        return spec
    if resource["kind"] == "CronJob":
        return spec.get("jobTemplate", {}).get("spec", {}).get("template", {}).get("spec")
    return spec.get("template", {}).get("spec") if isinstance(spec.get("template"), dict) else None


# --- images and namespace ---------------------------------------------------------------------------


def _image_name(image: str) -> str:
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    return name[: len(name) - len(last)] + last.split(":", 1)[0]


def _set_image(resources: list[dict], image: dict) -> None:
    if set(image) - {"name", "newName", "newTag", "digest"}:
        raise RenderError(f"images: unknown {sorted(set(image) - {'name', 'newName', 'newTag', 'digest'})}")
    for resource in resources:
        pod = _pod_spec(resource)
        for container in (pod or {}).get("containers", []) + (pod or {}).get("initContainers", []):
            current = container["image"]
            if _image_name(current) != image["name"]:
                continue
            name = image.get("newName", image["name"])
            if "digest" in image:
                container["image"] = f"{name}@{image['digest']}"
            elif "newTag" in image:
                container["image"] = f"{name}:{image['newTag']}"
            else:
                container["image"] = name + current[len(_image_name(current)) :]


def _set_namespace(resources: list[dict], namespace: str) -> None:
    for resource in resources:
        if resource["kind"] not in CLUSTER_SCOPED:
            resource["metadata"]["namespace"] = namespace
        if resource["kind"] in ("RoleBinding", "ClusterRoleBinding"):
            for subject in resource.get("subjects", []):
                if subject.get("kind") == "ServiceAccount":
                    subject["namespace"] = namespace


# --- patches ----------------------------------------------------------------------------------------


def _patch(built: Built, directory: Path, patch: dict) -> None:
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
        if "name" in target and _name(resource) != target["name"]:
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
                raise RenderError(f"replace {operation['path']}: nothing there in {_name(resource)}")
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


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python deploy/k8s/render.py <kustomization directory>")
    sys.stdout.write(render_text(sys.argv[1]))
