"""configMapGenerator: ConfigMaps from literals, files and env files (behavior create / merge /
replace, generatorOptions), then kustomize's content-hash name suffix and every reference to the
ConfigMap renamed with it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kustomize_lite.objects import Built, RenderError, object_name, pod_spec


def generate_config_map(built: Built, directory: Path, generator: dict, options: dict) -> None:
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
    existing = [r for r in built.resources if r["kind"] == "ConfigMap" and object_name(r) == name]
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


def suffix_generated_names(built: Built) -> None:
    renamed: dict[tuple[str | None, str], str] = {}
    for resource in built.resources:
        if resource["kind"] == "ConfigMap" and built.generated.get(object_name(resource)):
            new = f"{object_name(resource)}-{config_map_hash(resource)}"
            renamed[(resource["metadata"].get("namespace"), object_name(resource))] = new
            resource["metadata"]["name"] = new
    for resource in built.resources:
        namespace = resource["metadata"].get("namespace")
        for holder, key in _config_map_references(resource):
            new = renamed.get((namespace, holder[key]))
            if new:
                holder[key] = new


def _config_map_references(resource: dict):
    """(dict, key) of every place a pod template names a ConfigMap."""
    pod = pod_spec(resource)
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
